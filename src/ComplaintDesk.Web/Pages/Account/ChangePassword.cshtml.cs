using ComplaintDesk.Application.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace ComplaintDesk.Web.Pages.Account;

/// <summary>
/// Every signed-in person changes their own password here. The new password renews the security stamp, which ends
/// every other session and API token of this person; this session is signed in again so that it goes on.
/// </summary>
public sealed class ChangePasswordModel(UserManager<StaffUser> users, SignInManager<StaffUser> signIn, ILogger<ChangePasswordModel> logger,
    IStringLocalizer<SharedResource> localizer) : PageModel
{
    public const string ChangedMessage = "Your password was changed. Other sessions and API tokens of yours were signed out.";
    public const string WrongCurrentMessage = "The current password is not right.";

    [BindProperty] public string? CurrentPassword { get; set; }
    [BindProperty] public string? NewPassword { get; set; }
    [BindProperty] public string? ConfirmPassword { get; set; }

    [TempData] public string? Status { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        if (string.IsNullOrEmpty(CurrentPassword))
        {
            ModelState.AddModelError(nameof(CurrentPassword), localizer["Enter your current password."]);
        }
        if (string.IsNullOrEmpty(NewPassword))
        {
            ModelState.AddModelError(nameof(NewPassword), localizer["Enter a new password."]);
        }
        else if (NewPassword != ConfirmPassword)
        {
            ModelState.AddModelError(nameof(ConfirmPassword), localizer["The two new passwords are not the same."]);
        }
        if (ModelState.IsValid && await ChangeAsync(user))
        {
            Status = ChangedMessage; // a resource key: the page shows it in the reader's language
            return RedirectToPage();
        }
        CurrentPassword = NewPassword = ConfirmPassword = null; // passwords are never echoed back
        return Page();
    }

    private async Task<bool> ChangeAsync(StaffUser user)
    {
        // Checked through sign-in first, so that guessing the current password from an open session counts towards
        // the same lockout as guessing it on the sign-in page.
        var check = await signIn.CheckPasswordSignInAsync(user, CurrentPassword!, lockoutOnFailure: true);
        if (!check.Succeeded)
        {
            ModelState.AddModelError(nameof(CurrentPassword), check.IsLockedOut
                ? localizer["Too many wrong passwords: the account is locked for a while. Try again later."]
                : localizer[WrongCurrentMessage]);
            return false;
        }
        var result = await users.ChangePasswordAsync(user, CurrentPassword!, NewPassword!);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(error.Code == nameof(IdentityErrorDescriber.PasswordMismatch) ? nameof(CurrentPassword) : nameof(NewPassword),
                    error.Code == nameof(IdentityErrorDescriber.PasswordMismatch) ? localizer[WrongCurrentMessage] : error.Description);
            }
            return false;
        }
        await signIn.RefreshSignInAsync(user);
        logger.LogInformation("User {UserId} changed their password", user.Id);
        return true;
    }
}
