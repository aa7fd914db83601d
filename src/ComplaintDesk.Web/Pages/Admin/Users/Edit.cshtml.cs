using ComplaintDesk.Application.Features.Administration;
using ComplaintDesk.Application.Identity;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace ComplaintDesk.Web.Pages.Admin.Users;

/// <summary>Name and roles of one account, and disable / enable. Sends <see cref="UpdateUserCommand"/>, as PATCH /api/v1/users/{id} does.</summary>
[Authorize(Roles = ComplaintDesk.Application.Identity.Roles.Admin)]
public sealed class EditModel(ISender sender, UserManager<StaffUser> users, SignInManager<StaffUser> signIn,
    IStringLocalizer<AdminResource> localizer) : PageModel
{
    [BindProperty(SupportsGet = true)] public string Id { get; set; } = "";

    [BindProperty] public string? DisplayName { get; set; }
    [BindProperty] public string[]? Roles { get; set; }
    [BindProperty] public string? NewPassword { get; set; }

    public UserView? Account { get; private set; }

    public bool IsSelf => Account?.Id == users.GetUserId(User);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Account = await sender.Send(new GetUserQuery(Id), cancellationToken);
        DisplayName = Account.DisplayName;
        Roles = [.. Account.Roles];
    }

    public Task<IActionResult> OnPostAsync(CancellationToken cancellationToken) =>
        UpdateAsync(new UpdateUserCommand { UserId = Id, DisplayName = DisplayName ?? "", Roles = Roles ?? [] }, localizer["Saved."], cancellationToken);

    public Task<IActionResult> OnPostDisableAsync(CancellationToken cancellationToken) =>
        UpdateAsync(new UpdateUserCommand { UserId = Id, Disabled = true }, localizer["Disabled: signed out everywhere, and cannot sign in."], cancellationToken);

    public Task<IActionResult> OnPostEnableAsync(CancellationToken cancellationToken) =>
        UpdateAsync(new UpdateUserCommand { UserId = Id, Disabled = false }, localizer["Enabled: this person can sign in again."], cancellationToken);

    public async Task<IActionResult> OnPostPasswordAsync(CancellationToken cancellationToken)
    {
        // Unit is a value type: a refusal shows as errors in ModelState, not as a null result.
        await this.TrySendAsync(sender, new ResetUserPasswordCommand { UserId = Id, NewPassword = NewPassword }, "", cancellationToken);
        NewPassword = null; // never echoed back
        if (ModelState.IsValid)
        {
            TempData[AdminMessages.StatusKey] = localizer["The new password is set, and any lockout lifted. Pass it on privately; this person was signed out everywhere."].Value;
            return RedirectToPage(new { id = Id });
        }
        Account = await sender.Send(new GetUserQuery(Id), cancellationToken);
        return Page();
    }

    private async Task<IActionResult> UpdateAsync(UpdateUserCommand command, string done, CancellationToken cancellationToken)
    {
        if (await this.TrySendAsync(sender, command, "", cancellationToken) is { } updated)
        {
            // A change of one's own roles renews one's security stamp: sign in again here, so this session goes on.
            if (updated.Id == users.GetUserId(User) && await users.FindByIdAsync(updated.Id) is { } me)
            {
                await signIn.RefreshSignInAsync(me);
            }
            TempData[AdminMessages.StatusKey] = done;
            return RedirectToPage(new { id = Id });
        }
        Account = await sender.Send(new GetUserQuery(Id), cancellationToken);
        return Page();
    }
}
