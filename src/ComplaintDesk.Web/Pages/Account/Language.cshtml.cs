using System.Diagnostics.CodeAnalysis;
using ComplaintDesk.Application.Features.Account;
using ComplaintDesk.Application.Identity;
using ComplaintDesk.Domain.Customers;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ComplaintDesk.Web.Pages.Account;

/// <summary>
/// Where the header's language switch posts for a signed-in person: their own language changes (remembered with their
/// account) and the sign-in cookie is issued again, so the very next page speaks it; the culture cookie remembers it
/// on this browser too, for the sign-in page after signing out. Signed out, the switch posts to the sign-in page's
/// own handler (<see cref="LoginModel.OnPostLanguage"/>), so that this page, like every other, is for staff only.
/// </summary>
public sealed class LanguageModel(ISender sender, UserManager<StaffUser> users, SignInManager<StaffUser> signIn, TimeProvider clock)
    : PageModel
{
    public async Task<IActionResult> OnPostAsync(string? language, string? returnUrl, CancellationToken cancellationToken)
    {
        if (!CultureCookie.IsLanguage(language))
        {
            return BadRequest();
        }
        await PreferencesChange.ApplyAsync(this, sender, users, signIn, new ChangeMyPreferencesCommand { Language = language }, cancellationToken);
        CultureCookie.Set(Response, Request, language, clock);
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/");
    }
}

/// <summary>The culture cookie (<see cref="CookieRequestCultureProvider"/>): the language of a browser nobody is signed in on.</summary>
public static class CultureCookie
{
    public static bool IsLanguage([NotNullWhen(true)] string? language) =>
        language is not null && Languages.All.Contains(language, StringComparer.Ordinal);

    public static void Set(HttpResponse response, HttpRequest request, string language, TimeProvider clock) =>
        response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(language)),
            new CookieOptions
            {
                Expires = clock.GetUtcNow().AddYears(1),
                HttpOnly = true,
                IsEssential = true,
                SameSite = SameSiteMode.Lax,
                Secure = request.IsHttps,
            });
}

/// <summary>Sends the person's own preferences and re-issues their sign-in, so the claims carry the new values at once.</summary>
public static class PreferencesChange
{
    public static async Task<MyPreferences?> ApplyAsync(PageModel page, ISender sender, UserManager<StaffUser> users,
        SignInManager<StaffUser> signIn, ChangeMyPreferencesCommand command, CancellationToken cancellationToken)
    {
        var saved = await page.TrySendAsync(sender, command, "", cancellationToken);
        if (saved is not null && await users.GetUserAsync(page.User) is { } user)
        {
            await signIn.RefreshSignInAsync(user);
        }
        return saved;
    }
}
