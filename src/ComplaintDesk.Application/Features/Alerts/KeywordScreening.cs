using ComplaintDesk.Application.Persistence;
using ComplaintDesk.Domain.Alerts;
using ComplaintDesk.Domain.Complaints;
using Microsoft.EntityFrameworkCore;

namespace ComplaintDesk.Application.Features.Alerts;

/// <summary>
/// Applies the keyword rules to what a customer wrote: at intake, and to every later customer message. Each matching
/// rule raises severity / sets the risk flag through the complaint, which writes a timeline event naming the phrase;
/// supervisors are told through the notifications written for that event.
/// </summary>
public sealed class KeywordScreening(ComplaintDeskDbContext db, TimeProvider clock)
{
    /// <summary>A bound, not a page: rule lists are short.</summary>
    public const int MaxRules = 1000;

    public async Task<IReadOnlyList<KeywordRule>> MatchingRulesAsync(string text, CancellationToken cancellationToken)
    {
        var folded = KeywordRule.Fold(text);
        var rules = await db.KeywordRules.AsNoTracking().OrderBy(r => r.Phrase).Take(MaxRules).ToListAsync(cancellationToken);
        return rules.Where(r => r.Matches(folded)).ToList();
    }

    /// <summary>Applies every matching rule to <paramref name="complaint"/>; returns the rules that changed something.</summary>
    public async Task<IReadOnlyList<KeywordRule>> ScreenAsync(Complaint complaint, string text, CancellationToken cancellationToken)
    {
        var applied = new List<KeywordRule>();
        // Strongest first, so the timeline names the rule that set the final severity.
        foreach (var rule in (await MatchingRulesAsync(text, cancellationToken)).OrderByDescending(r => r.MinimumSeverity).ThenByDescending(r => r.RiskFlag))
        {
            if (complaint.ApplyKeywordRule(rule.Phrase, rule.MinimumSeverity, rule.RiskFlag, clock.GetUtcNow()))
            {
                applied.Add(rule);
            }
        }
        return applied;
    }

    /// <summary>
    /// The phrase a keyword-alert event names. <see cref="Complaint.ApplyKeywordRule"/> writes
    /// <c>Keyword "{phrase}": …</c>; the text after the phrase never holds <c>": </c>, so the last one ends it.
    /// </summary>
    public static string? PhraseOf(TimelineEvent keywordAlert)
    {
        const string start = "Keyword \"";
        var text = keywordAlert.Text;
        if (keywordAlert.Kind != TimelineEventKind.KeywordAlert || text is null || !text.StartsWith(start, StringComparison.Ordinal))
        {
            return null;
        }
        var end = text.LastIndexOf("\": ", StringComparison.Ordinal);
        return end > start.Length ? text[start.Length..end] : null;
    }

    /// <summary>What the customer told us at intake, as one text to screen.</summary>
    public static string IntakeText(Complaint complaint) =>
        string.Join('\n', new[] { complaint.Subject, complaint.Description, complaint.ProductUsage, complaint.DesiredResolutionText }
            .Where(t => !string.IsNullOrWhiteSpace(t)));
}
