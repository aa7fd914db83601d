using ComplaintDesk.Application.Features.Notifications;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace ComplaintDesk.Web.ViewComponents;

/// <summary>The bell in the header: a link to the notifications page with the caller's unread count.</summary>
public sealed class NotificationBellViewComponent(ISender sender, IStringLocalizer<SharedResource> localizer, ILogger<NotificationBellViewComponent> logger)
    : ViewComponent
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
        var isCurrent = HttpContext.Request.Path.StartsWithSegments("/Notifications");
        var text = unread is { Count: > 0 } count
            ? localizer["Notifications, {0} unread", count.Label].Value
            : localizer["Notifications"].Value;
        return View(new NotificationBell(unread, isCurrent, text));
    }
}

/// <param name="AccessibleText">What a screen reader says: "Notifications, 3 unread" / 「通知，3 則未讀」.</param>
public sealed record NotificationBell(UnreadCount? Unread, bool IsCurrent, string AccessibleText)
{
    public bool HasUnread => Unread is { Count: > 0 };

    /// <summary>The words before the count (hidden: the count is the visible badge).</summary>
    public string Before => Split.Before;

    /// <summary>The words after the count.</summary>
    public string After => Split.After;

    private (string Before, string After) Split
    {
        get
        {
            var label = Unread?.Label ?? "";
            var at = label.Length == 0 ? -1 : AccessibleText.IndexOf(label, StringComparison.Ordinal);
            return at < 0 ? (AccessibleText + " ", "") : (AccessibleText[..at], AccessibleText[(at + label.Length)..]);
        }
    }
}
