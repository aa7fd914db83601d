using ComplaintDesk.Application.Features.Outbox;
using ComplaintDesk.Application.Identity;
using ComplaintDesk.Domain.Notifications;
using FluentValidation;
using FluentValidation.Results;
using Mediator;
using Microsoft.AspNetCore.Identity;

namespace ComplaintDesk.Web.Api;

/// <summary>
/// The outbox (administrators): what was sent, what waits, what failed for good — and sending a dead letter again.
/// The /Admin/Outbox page sends the same query and command.
/// </summary>
public static class OutboxEndpoints
{
    public static IEndpointRouteBuilder MapOutboxEndpoints(this IEndpointRouteBuilder app)
    {
        var outbox = app.MapGroup("/api/v1/outbox")
            .WithTags("Outbox")
            .RequireAuthorization(policy => policy.AddAuthenticationSchemes(IdentityConstants.BearerScheme).RequireRole(Roles.Admin));

        // ?state=pending|sent|dead (any case; all states when left out), newest first; ?after= the page's nextAfter.
        outbox.MapGet("/", async (string? state, Guid? after, int? limit, ISender sender, CancellationToken ct) =>
        {
            var errors = new List<ValidationFailure>();
            var parsed = QueryValues.Parse<OutboxState>(state, "state", errors);
            if (errors.Count > 0)
            {
                throw new ValidationException(errors);
            }
            return TypedResults.Ok(await sender.Send(new ListOutboxQuery { State = parsed, After = after, Limit = limit }, ct));
        }).WithName("ListOutbox");

        // Dead → pending, with a fresh set of attempts; 409 when the message is not dead.
        outbox.MapPost("/{id:guid}/retry", async (Guid id, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new RetryOutboxMessageCommand(id), ct))).WithName("RetryOutboxMessage");

        return app;
    }
}
