using ComplaintDesk.Application.Features.Administration;
using ComplaintDesk.Application.Identity;
using ComplaintDesk.Domain.Customers;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace ComplaintDesk.Web.Pages.Admin.Users;

/// <summary>Opens an account with an initial password: the form binds the same <see cref="CreateUserCommand"/> the API takes.</summary>
[Authorize(Roles = Roles.Admin)]
public sealed class NewModel(ISender sender, IStringLocalizer<AdminResource> localizer) : PageModel
{
    [BindProperty] public CreateUserCommand Command { get; set; } = new() { Roles = [Roles.Agent], PreferredLanguage = Languages.English, TimeZone = "UTC" };

    /// <summary>The languages to choose from; the view shows each name in the reader's language (AdminResource).</summary>
    public static IReadOnlyList<(string Code, string Name)> LanguageChoices { get; } =
    [
        (Languages.English, "English"),
        (Languages.TraditionalChinese, "繁體中文 (Traditional Chinese)"),
        (Languages.SimplifiedChinese, "简体中文 (Simplified Chinese)"),
    ];

    /// <summary>Suggestions for the time zone field; any zone the server knows is accepted.</summary>
    public static IReadOnlyList<string> TimeZoneChoices { get; } =
        TimeZoneInfo.GetSystemTimeZones().Select(z => z.Id).Where(id => id.Contains('/', StringComparison.Ordinal) || id == "UTC").Order().ToList();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        // No box ticked sends no roles at all: that is "none", which the validator refuses with a message.
        var command = Command with { Roles = Command.Roles ?? [] };
        if (ModelState.IsValid && await this.TrySendAsync(sender, command, nameof(Command), cancellationToken) is { } user)
        {
            TempData[AdminMessages.StatusKey] = localizer["{0} ({1}) can sign in now with the initial password.", user.DisplayName, user.Email].Value;
            return RedirectToPage("/Admin/Users/Index");
        }
        Command = command with { InitialPassword = null }; // a password is never echoed back
        return Page();
    }
}
