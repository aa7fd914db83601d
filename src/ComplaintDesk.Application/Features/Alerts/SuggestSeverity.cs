using ComplaintDesk.Application.Common;
using FluentValidation;
using Mediator;
using Severity = ComplaintDesk.Domain.Complaints.Severity;

namespace ComplaintDesk.Application.Features.Alerts;

/// <summary>
/// What the keyword rules would do to this text, asked while the intake form is still being typed: the highest
/// minimum severity of the matching rules, whether any sets the risk flag, and the phrases (strongest first).
/// </summary>
public sealed record SeveritySuggestion(Severity? Severity, bool RiskFlag, IReadOnlyList<string> Phrases)
{
    public static SeveritySuggestion None { get; } = new(null, false, []);

    public bool Any => Phrases.Count > 0;

    /// <summary>The sentence the form shows under the severity field, in the reader's language.</summary>
    public string Message(Severity? chosen = null)
    {
        if (!Any)
        {
            return "";
        }
        var phrases = string.Join(Texts.Get(", "), Phrases);
        var message = RiskFlag
            ? Texts.Format("Keyword rules suggest severity {0} ({1}) and a risk flag.", Severity, phrases)
            : Texts.Format("Keyword rules suggest severity {0} ({1}).", Severity, phrases);
        return chosen is { } current && current < Severity
            ? Texts.Format("{0} Saving raises the severity from {1} to {2}.", message, current, Severity)
            : message;
    }
}

public sealed record SuggestSeverityQuery : IQuery<SeveritySuggestion>
{
    /// <summary>As long as everything the intake form screens put together, with room to spare.</summary>
    public const int MaxText = 10_000;

    public string? Text { get; init; }
}

public sealed class SuggestSeverityValidator : AbstractValidator<SuggestSeverityQuery>
{
    public SuggestSeverityValidator() => RuleFor(q => q.Text).MaximumLength(SuggestSeverityQuery.MaxText);
}

public sealed class SuggestSeverityHandler(KeywordScreening screening) : IQueryHandler<SuggestSeverityQuery, SeveritySuggestion>
{
    public async ValueTask<SeveritySuggestion> Handle(SuggestSeverityQuery query, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(query.Text))
        {
            return SeveritySuggestion.None;
        }
        // Strongest first, as ScreenAsync applies them: the first rule sets the severity the complaint will get.
        var rules = (await screening.MatchingRulesAsync(query.Text, cancellationToken))
            .OrderByDescending(r => r.MinimumSeverity).ThenByDescending(r => r.RiskFlag).ThenBy(r => r.Phrase, StringComparer.Ordinal)
            .ToList();
        return rules.Count == 0
            ? SeveritySuggestion.None
            : new SeveritySuggestion(rules[0].MinimumSeverity, rules.Any(r => r.RiskFlag), rules.Select(r => r.Phrase).ToList());
    }
}
