using System.Security.Claims;
using ComplaintDesk.Application.Features.Account;
using ComplaintDesk.Application.Identity;
using ComplaintDesk.Domain.Customers;
using ComplaintDesk.Web.Localization;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace ComplaintDesk.Web.Pages.Account;

/// <summary>My settings: the language the workspace speaks to me and the time zone I read times in.</summary>
public sealed class SettingsModel(ISender sender, UserManager<StaffUser> users, SignInManager<StaffUser> signIn,
    IStringLocalizer<SharedResource> localizer, TimeProvider clock) : PageModel
{
    [BindProperty] public string? Language { get; set; }
    [BindProperty] public string? TimeZone { get; set; }

    [TempData] public string? Status { get; set; }

    public IReadOnlyList<(string Id, string Label)> TimeZones { get; private set; } = [];

    public static IReadOnlyList<string> LanguageCodes => Languages.All;

    public void OnGet()
    {
        Language = User.FindFirstValue(WorkspaceCultures.LanguageClaim) ?? Languages.English;
        TimeZone = User.FindFirstValue(WorkspaceCultures.TimeZoneClaim) ?? "UTC";
        Load();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var command = new ChangeMyPreferencesCommand { Language = Language ?? "", TimeZone = TimeZone ?? "" };
        if (ModelState.IsValid
            && await PreferencesChange.ApplyAsync(this, sender, users, signIn, command, cancellationToken) is { } saved)
        {
            CultureCookie.Set(Response, Request, saved.Language, clock);
            // Said in the language just chosen: the next page speaks it.
            Status = "Your settings were saved.";
            return RedirectToPage();
        }
        Load();
        return Page();
    }

    private void Load() => TimeZones = TimeZoneChoices.For(localizer, clock.GetUtcNow(), TimeZone);
}
