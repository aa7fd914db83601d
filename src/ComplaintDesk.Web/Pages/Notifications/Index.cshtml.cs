using ComplaintDesk.Application.Features.Notifications;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ComplaintDesk.Web.Pages.Notifications;

/// <summary>The caller's notifications, newest first; each links to its complaint and can be marked read.</summary>
public sealed class IndexModel(ISender sender) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "unread")] public bool? Unread { get; set; }
    [BindProperty(SupportsGet = true, Name = "cursor")] public string? Cursor { get; set; }

    public NotificationPage? Notifications { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return; // ?unread=maybe: say so rather than guess
        }
        Notifications = await this.TrySendAsync(sender, new ListNotificationsQuery { Unread = Unread, Cursor = Cursor }, prefix: "",
            cancellationToken);
    }

    /// <summary>One notification read; someone else's is the not-found page (through the page error filter).</summary>
    public async Task<IActionResult> OnPostReadAsync(long notificationId, CancellationToken cancellationToken)
    {
        await sender.Send(new MarkNotificationReadCommand { NotificationId = notificationId }, cancellationToken);
        return RedirectToPage(Filters());
    }

    public async Task<IActionResult> OnPostReadAllAsync(CancellationToken cancellationToken)
    {
        await sender.Send(new MarkAllNotificationsReadCommand(), cancellationToken);
        return RedirectToPage(Filters());
    }

    /// <summary>The list the person was looking at, so a mark-read brings them back to the same page.</summary>
    private object Filters() => new { unread = Unread == true ? "true" : null, cursor = Cursor };
}
