using ComplaintDesk.Application.Identity;
using ComplaintDesk.Web.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ComplaintDesk.Web.Pages.Account;

public sealed class LoginModel(UserManager<StaffUser> users, SignInManager<StaffUser> signIn, IWebHostEnvironment environment) : PageModel
{
    /// <summary>One message for every failure, so the form does not tell which e-mail addresses have accounts.</summary>
    public const string FailedMessage = "The e-mail or password is not right.";

    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? Password { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public bool ShowDemoSignIn => environment.IsDevelopment();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = string.IsNullOrWhiteSpace(Email) ? null : await users.FindByEmailAsync(Email.Trim());
        if (user is not null && !string.IsNullOrEmpty(Password))
        {
            var result = await signIn.PasswordSignInAsync(user, Password, isPersistent: false, lockoutOnFailure: true);
            if (result.Succeeded)
            {
                return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/Complaints");
            }
        }
        else
        {
            UnknownAccount.SpendAPasswordCheck(users.PasswordHasher, Password);
        }
        ModelState.AddModelError(string.Empty, FailedMessage);
        Password = null;
        return Page();
    }
}
