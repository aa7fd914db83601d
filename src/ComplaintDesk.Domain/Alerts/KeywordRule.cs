using System.Text;
using ComplaintDesk.Domain.Complaints;

namespace ComplaintDesk.Domain.Alerts;

/// <summary>
/// A word or phrase (any language) that makes a complaint dangerous: lawyer, 消保官, media, 受傷… A match raises the
/// severity to at least <see cref="MinimumSeverity"/>, optionally sets the risk flag, and alerts supervisors.
/// </summary>
public sealed class KeywordRule
{
    private KeywordRule() { }

    public KeywordRule(string phrase, Severity minimumSeverity, bool riskFlag, DateTimeOffset at)
    {
        Id = Guid.CreateVersion7(at);
        Change(phrase, minimumSeverity, riskFlag);
        CreatedAt = at;
    }

    public Guid Id { get; private set; }
    public string Phrase { get; private set; } = "";
    /// <summary>The phrase folded as <see cref="Fold"/> folds text, so matching is one Contains.</summary>
    public string FoldedPhrase { get; private set; } = "";
    public Severity MinimumSeverity { get; private set; }
    public bool RiskFlag { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    public void Change(string phrase, Severity minimumSeverity, bool riskFlag)
    {
        Phrase = phrase.Trim();
        FoldedPhrase = Fold(Phrase);
        MinimumSeverity = minimumSeverity;
        RiskFlag = riskFlag;
    }

    public bool Matches(string foldedText) => FoldedPhrase.Length > 0 && foldedText.Contains(FoldedPhrase, StringComparison.Ordinal);

    /// <summary>Case- and width-insensitive form: "ＬＡＷＹＥＲ" and "Lawyer" both fold to "lawyer".</summary>
    public static string Fold(string text) => text.Normalize(NormalizationForm.FormKC).ToLowerInvariant();
}
