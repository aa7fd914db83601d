using ComplaintDesk.Application.Features.Alerts;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Severity = ComplaintDesk.Domain.Complaints.Severity;

namespace ComplaintDesk.Web.Pages.Complaints;

/// <summary>
/// What the keyword rules would make of the intake form's text, as JSON for wwwroot/js/severity-suggestion.js.
/// GET for ordinary texts; POST (with the form's anti-forgery token) when the text is too long for a URL.
/// </summary>
public sealed class SeveritySuggestionModel(ISender sender) : PageModel
{
    public Task<IActionResult> OnGetAsync(string? text, Severity? chosen, CancellationToken cancellationToken) =>
        SuggestAsync(text, chosen, cancellationToken);

    public Task<IActionResult> OnPostAsync(string? text, Severity? chosen, CancellationToken cancellationToken) =>
        SuggestAsync(text, chosen, cancellationToken);

    private async Task<IActionResult> SuggestAsync(string? text, Severity? chosen, CancellationToken cancellationToken)
    {
        // A too-long text is a ValidationException: the page error filter answers 400.
        var suggestion = await sender.Send(new SuggestSeverityQuery { Text = text }, cancellationToken);
        Response.Headers.CacheControl = "no-store";
        return new JsonResult(new SeveritySuggestionAnswer(suggestion.Severity?.ToString(), suggestion.RiskFlag, suggestion.Phrases,
            suggestion.Message(ModelState.IsValid ? chosen : null)));
    }
}

/// <param name="Severity">The enum name, as the severity list's option values spell it; null when no rule matched.</param>
/// <param name="Message">The sentence to show, empty when no rule matched; it says when saving will raise the chosen severity.</param>
public sealed record SeveritySuggestionAnswer(string? Severity, bool RiskFlag, IReadOnlyList<string> Phrases, string Message);
