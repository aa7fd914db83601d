using System.Security.Claims;
using ComplaintDesk.Application.Features.Compensation;
using ComplaintDesk.Application.Identity;
using ComplaintDesk.Domain.Compensation;
using ComplaintDesk.Web.Localization;
using FluentValidation;
using FluentValidation.Results;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace ComplaintDesk.Web.Api;

/// <summary>
/// The compensation ledger (supervisors and administrators) and the compensation policy (administrators; GET gives
/// an ETag, PUT takes it back in If-Match as calendars do). The /Ledger and /Admin/Compensation pages send the same
/// queries and commands.
/// </summary>
public static class CompensationAdminEndpoints
{
    public static IEndpointRouteBuilder MapCompensationAdminEndpoints(this IEndpointRouteBuilder app)
    {
        // ?from=2026-11-01&to=2026-11-30 (dates in ?timeZone=, else the caller's own zone; both included; at most 366
        // days; default the current month), &category=billing, &kind=voucher, &limit= (1–500, default 100) and the
        // nextCursor of the previous page. The totals cover the whole filter, not only the page.
        app.MapGroup("/api/v1/compensation")
            .WithTags("Compensation ledger")
            .RequireAuthorization(p => p.AddAuthenticationSchemes(IdentityConstants.BearerScheme).RequireRole(Roles.Supervisor, Roles.Admin))
            .MapGet("/ledger", async ([AsParameters] LedgerRequest request, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(request.ToQuery(user), ct)))
            .WithName("GetCompensationLedger");

        var policy = app.MapGroup("/api/v1/compensation")
            .WithTags("Compensation policy")
            .RequireAuthorization(p => p.AddAuthenticationSchemes(IdentityConstants.BearerScheme).RequireRole(Roles.Admin));

        policy.MapGet("/policy", async (ISender sender, HttpContext http, CancellationToken ct) =>
        {
            var view = await sender.Send(new GetCompensationPolicyQuery(), ct);
            http.Response.Headers.ETag = IfMatch.ETagFor(view.Version);
            return TypedResults.Ok(view);
        }).WithName("GetCompensationPolicy");

        // The whole policy: kinds enabled, currency, limits, warning threshold and the per-person overrides.
        policy.MapPut("/policy", async Task<Results<Ok<CompensationPolicyView>, ProblemHttpResult>> (
            SaveCompensationPolicyCommand command, ISender sender, HttpContext http, CancellationToken ct) =>
        {
            if (!IfMatch.TryRead(http.Request, out var version))
            {
                return IfMatch.Malformed();
            }
            var view = await sender.Send(command with { ExpectedVersion = version }, ct);
            http.Response.Headers.ETag = IfMatch.ETagFor(view.Version);
            return TypedResults.Ok(view);
        }).WithName("SaveCompensationPolicy");
        return app;
    }
}

/// <summary>The ledger's query string as sent: the kind in camelCase (any case accepted), dates as yyyy-MM-dd.</summary>
public sealed record LedgerRequest(DateOnly? From, DateOnly? To, string? Category, string? Kind, string? Cursor, int? Limit, string? TimeZone)
{
    public GetLedgerQuery ToQuery(ClaimsPrincipal user)
    {
        var errors = new List<ValidationFailure>();
        var query = new GetLedgerQuery
        {
            From = From,
            To = To,
            Category = Category,
            Kind = QueryValues.Parse<CompensationKind>(Kind, "kind", errors),
            Cursor = Cursor,
            Limit = Limit,
            TimeZone = string.IsNullOrWhiteSpace(TimeZone) ? StaffTime.ZoneOf(user).Id : TimeZone,
        };
        return errors.Count == 0 ? query : throw new ValidationException(errors);
    }
}
