using ComplaintDesk.Application.Features.Notifications;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace ComplaintDesk.Web.ViewComponents;

/// <summary>The bell in the header: a link to the notifications page with the caller's unread count.</summary>
public sealed class NotificationBellViewComponent(ISender sender, ILogger<NotificationBellViewComponent> logger) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        UnreadCount? unread = null;
        try
        {
            unread = await sender.Send(new CountUnreadNotificationsQuery(), HttpContext.RequestAborted);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The bell is on every page, the error page included: a count that cannot be read must not take the page down.
            logger.LogWarning(ex, "The unread notification count could not be read");
        }
        return View(new NotificationBell(unread, IsCurrent: HttpContext.Request.Path.StartsWithSegments("/Notifications")));
    }
}

public sealed record NotificationBell(UnreadCount? Unread, bool IsCurrent)
{
    public bool HasUnread => Unread is { Count: > 0 };

    /// <summary>What a screen reader says: "Notifications, 3 unread".</summary>
    public string AccessibleText => HasUnread ? $"Notifications, {Unread!.Label} unread" : "Notifications";
}
