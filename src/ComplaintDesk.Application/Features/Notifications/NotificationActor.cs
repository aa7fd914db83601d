using ComplaintDesk.Application.Common;
using ComplaintDesk.Domain;

namespace ComplaintDesk.Application.Features.Notifications;

internal static class NotificationActor
{
    /// <summary>Notifications belong to a signed-in person; the system or an anonymous caller has none to read.</summary>
    public static string UserId(this ICurrentActor current) =>
        current.Actor.UserId ?? throw new ActionForbiddenException("Only signed-in staff have notifications.");
}
