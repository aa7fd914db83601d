using ComplaintDesk.Application.Features.Outbox;
using ComplaintDesk.Application.Identity;
using ComplaintDesk.Domain.Notifications;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace ComplaintDesk.Web.Pages.Admin;

/// <summary>
/// The outbox for administrators: one tab per state (dead letters first — they are the ones to act on), newest first
/// a page at a time, the last error of each, and "Send again" on a dead letter (<see cref="RetryOutboxMessageCommand"/>,
/// as POST /api/v1/outbox/{id}/retry).
/// </summary>
[Authorize(Roles = Roles.Admin)]
public sealed class OutboxModel(ISender sender, IStringLocalizer<AdminResource> localizer) : PageModel
{
    /// <summary>The tabs in order; "all" shows every state.</summary>
    public static readonly IReadOnlyList<string> Tabs = ["dead", "pending", "sent", "all"];

    [BindProperty(SupportsGet = true, Name = "state")] public string? State { get; set; }

    [BindProperty(SupportsGet = true, Name = "after")] public Guid? After { get; set; }

    public OutboxPage Messages { get; private set; } = new([], null);

    /// <summary>The tab shown: the one asked for when known, else dead letters.</summary>
    public string Tab => State is { } asked && Tabs.Contains(asked.ToLowerInvariant()) ? asked.ToLowerInvariant() : "dead";

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostRetryAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await this.TrySendAsync(sender, new RetryOutboxMessageCommand(id), "", cancellationToken) is not null)
        {
            TempData[AdminMessages.StatusKey] = localizer["The message will be sent again within a few seconds."].Value;
            return RedirectToPage(new { state = Tab });
        }
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var state = Tab switch
        {
            "pending" => OutboxState.Pending,
            "sent" => OutboxState.Sent,
            "dead" => OutboxState.Dead,
            _ => (OutboxState?)null,
        };
        if (await this.TrySendAsync(sender, new ListOutboxQuery { State = state, After = After }, "", cancellationToken) is { } page)
        {
            Messages = page;
        }
    }
}
