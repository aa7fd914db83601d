using ComplaintDesk.Application.Identity;
using ComplaintDesk.Web.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace ComplaintDesk.Web.Pages.Account;

public sealed class LoginModel(UserManager<StaffUser> users, SignInManager<StaffUser> signIn, IWebHostEnvironment environment,
    IStringLocalizer<SharedResource> localizer, TimeProvider clock) : PageModel
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
        ModelState.AddModelError(string.Empty, localizer[FailedMessage]);
        Password = null;
        return Page();
    }

    /// <summary>
    /// The language switch of a signed-out visitor (this page, the access-denied and error pages): the culture cookie,
    /// then back to the page they were on.
    /// </summary>
    public IActionResult OnPostLanguage(string? language)
    {
        if (!CultureCookie.IsLanguage(language))
        {
            return BadRequest();
        }
        CultureCookie.Set(Response, Request, language, clock);
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/Account/Login");
    }
}
