using ComplaintDesk.Application.Features.Notifications;
using ComplaintDesk.Application.Identity;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace ComplaintDesk.Web.Api;

/// <summary>REST API v1 for the caller's own notifications: the same queries and commands as the bell and its page.</summary>
public static class NotificationEndpoints
{
    public static RouteGroupBuilder MapNotificationEndpoints(this IEndpointRouteBuilder app)
    {
        var notifications = app.MapGroup("/api/v1/notifications")
            .WithTags("Notifications")
            .RequireAuthorization(p => p.AddAuthenticationSchemes(IdentityConstants.BearerScheme)
                .RequireRole(Roles.Agent, Roles.Supervisor, Roles.Admin));

        notifications.MapGet("/", async (bool? unread, int? limit, string? cursor, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new ListNotificationsQuery { Unread = unread, Limit = limit, Cursor = cursor }, ct)))
            .WithName("ListNotifications");

        notifications.MapPost("/{id:long}/read", async Task<NoContent> (long id, ISender sender, CancellationToken ct) =>
        {
            await sender.Send(new MarkNotificationReadCommand { NotificationId = id }, ct);
            return TypedResults.NoContent();
        }).WithName("MarkNotificationRead");

        notifications.MapPost("/read-all", async Task<NoContent> (ISender sender, CancellationToken ct) =>
        {
            await sender.Send(new MarkAllNotificationsReadCommand(), ct);
            return TypedResults.NoContent();
        }).WithName("MarkAllNotificationsRead");

        return notifications;
    }
}
