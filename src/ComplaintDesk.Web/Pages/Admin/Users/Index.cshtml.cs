using System.Security.Claims;
using ComplaintDesk.Application.Features.Administration;
using ComplaintDesk.Application.Identity;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace ComplaintDesk.Web.Pages.Admin.Users;

/// <summary>Staff accounts a page at a time; disable and enable right from the list.</summary>
[Authorize(Roles = Roles.Admin)]
public sealed class IndexModel(ISender sender, IStringLocalizer<AdminResource> localizer) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "cursor")] public string? Cursor { get; set; }

    public UserPage Users { get; private set; } = new([], null);

    /// <summary>Nobody disables themselves: their own row offers no button.</summary>
    public string? CurrentUserId => User.FindFirstValue(ClaimTypes.NameIdentifier);

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public Task<IActionResult> OnPostDisableAsync(string id, CancellationToken cancellationToken) => SetDisabledAsync(id, true, cancellationToken);

    public Task<IActionResult> OnPostEnableAsync(string id, CancellationToken cancellationToken) => SetDisabledAsync(id, false, cancellationToken);

    private async Task<IActionResult> SetDisabledAsync(string id, bool disabled, CancellationToken cancellationToken)
    {
        if (await this.TrySendAsync(sender, new UpdateUserCommand { UserId = id, Disabled = disabled }, "", cancellationToken) is { } user)
        {
            TempData[AdminMessages.StatusKey] = disabled
                ? localizer["{0} is disabled: signed out everywhere, and cannot sign in.", user.DisplayName].Value
                : localizer["{0} can sign in again.", user.DisplayName].Value;
            return RedirectToPage(new { cursor = Cursor });
        }
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        if (await this.TrySendAsync(sender, new ListUsersQuery { Cursor = Cursor }, "", cancellationToken) is { } page)
        {
            Users = page;
        }
    }
}
