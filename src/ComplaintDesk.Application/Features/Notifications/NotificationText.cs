using ComplaintDesk.Domain.Complaints;
using ComplaintDesk.Domain.Notifications;

namespace ComplaintDesk.Application.Features.Notifications;

/// <summary>What a notification is about, as facts; <see cref="NotificationText.Compose"/> turns them into words.</summary>
public sealed record NotificationFacts(string Reference, string ActorName)
{
    /// <summary>Escalation: the reason given.</summary>
    public string? Reason { get; init; }

    /// <summary>Keyword alert: the phrases that matched, strongest first.</summary>
    public IReadOnlyList<string> Phrases { get; init; } = [];

    /// <summary>Keyword alert: the complaint's severity and risk flag after the rules applied.</summary>
    public Severity Severity { get; init; }
    public bool RiskFlag { get; init; }
}

/// <summary>
/// The one place a notification's text is made, per kind. English for now; the languages pass replaces these
/// strings with resources (the facts stay as they are).
/// </summary>
public static class NotificationText
{
    /// <summary>How much of an escalation reason the bell repeats; the case page has the rest.</summary>
    public const int ReasonExcerpt = 200;

    public static string Compose(NotificationKind kind, NotificationFacts facts) => Fit(kind switch
    {
        NotificationKind.Assigned => $"{facts.ActorName} assigned {facts.Reference} to you.",
        NotificationKind.EscalationRequested => string.IsNullOrWhiteSpace(facts.Reason)
            ? $"{facts.ActorName} escalated {facts.Reference}; it needs a supervisor's decision."
            : $"{facts.ActorName} escalated {facts.Reference}; it needs a supervisor's decision: {Excerpt(facts.Reason, ReasonExcerpt)}",
        NotificationKind.KeywordAlert =>
            $"Keyword alert on {facts.Reference}: {string.Join(", ", facts.Phrases.Select(p => $"\"{p}\""))}. " +
            $"Severity is now {facts.Severity}{(facts.RiskFlag ? " and the case carries a risk flag" : "")}.",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "No text for this kind of notification."),
    });

    private static string Excerpt(string text, int length)
    {
        var flat = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return flat.Length <= length ? flat : flat[..(length - 1)].TrimEnd() + "…";
    }

    /// <summary>The column holds <see cref="Domain.FieldLengths.NotificationText"/> characters; never fail a save over it.</summary>
    private static string Fit(string text) =>
        text.Length <= Domain.FieldLengths.NotificationText ? text : text[..(Domain.FieldLengths.NotificationText - 1)] + "…";
}
