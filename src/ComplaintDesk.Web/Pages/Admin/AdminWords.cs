using ComplaintDesk.Domain.Complaints;
using Microsoft.AspNetCore.Mvc.Localization;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace ComplaintDesk.Web.Pages.Admin;

/// <summary>
/// Values the administration pages show in the reader's language: severities, roles and language names. The key is
/// the English word (AdminResource); what a form sends stays the value itself (the enum name, the role name, the code).
/// </summary>
public static class AdminWords
{
    /// <summary><c>High</c> → "High" / 高.</summary>
    public static string Severity(IHtmlLocalizer localizer, Severity value) => localizer[value.ToString()].Value;

    /// <summary>The severities to choose from: the value is the enum name (what the command binds), the text translated.</summary>
    public static IEnumerable<SelectListItem> SeverityOptions(IHtmlLocalizer localizer) =>
        Enum.GetValues<Severity>().Select(v => new SelectListItem(Severity(localizer, v), v.ToString()));

    /// <summary>A role by its name ("Agent", as the API takes it): "Agent" / 客服專員.</summary>
    public static string Role(IHtmlLocalizer localizer, string role) => localizer[role].Value;

    public static string Roles(IHtmlLocalizer localizer, IEnumerable<string> roles) =>
        string.Join(localizer[", "].Value, roles.Select(r => Role(localizer, r)));
}
