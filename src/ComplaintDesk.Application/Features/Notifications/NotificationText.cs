using ComplaintDesk.Application.Common;
using ComplaintDesk.Domain.Complaints;
using ComplaintDesk.Domain.Customers;
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

    /// <summary>SLA warning or breach: which deadline.</summary>
    public Domain.Sla.SlaClockKind Clock { get; init; }

    /// <summary>Customer message: the customer sent a photo and no words.</summary>
    public bool PhotoOnly { get; init; }
}

/// <summary>
/// The one place a notification's text is made, per kind. Notifications are stored text, so each is composed in its
/// recipient's language (<see cref="Identity.StaffUser.PreferredLanguage"/>), whoever caused it and whatever language
/// the request was in; the words come from <see cref="Texts"/> (keyed by the English wording below).
/// </summary>
public static class NotificationText
{
    /// <summary>How much of an escalation reason the bell repeats; the case page has the rest.</summary>
    public const int ReasonExcerpt = 200;

    /// <summary>In English: the language of a recipient whose language is not known.</summary>
    public static string Compose(NotificationKind kind, NotificationFacts facts) => Compose(kind, facts, Languages.English);

    /// <summary>In <paramref name="language"/> (en, zh-Hant, zh-Hans; anything else is English).</summary>
    public static string Compose(NotificationKind kind, NotificationFacts facts, string? language)
    {
        var culture = Languages.CultureOf(language);
        return Fit(kind switch
        {
            NotificationKind.Assigned => Texts.Format(culture, "{0} assigned {1} to you.", facts.ActorName, facts.Reference),
            NotificationKind.EscalationRequested => string.IsNullOrWhiteSpace(facts.Reason)
                ? Texts.Format(culture, "{0} escalated {1}; it needs a supervisor's decision.", facts.ActorName, facts.Reference)
                : Texts.Format(culture, "{0} escalated {1}; it needs a supervisor's decision: {2}", facts.ActorName, facts.Reference,
                    Excerpt(facts.Reason, ReasonExcerpt)),
            NotificationKind.KeywordAlert => Texts.Format(culture,
                facts.RiskFlag
                    ? "Keyword alert on {0}: {1}. Severity is now {2} and the case carries a risk flag."
                    : "Keyword alert on {0}: {1}. Severity is now {2}.",
                facts.Reference,
                string.Join(Texts.Get(", ", culture), facts.Phrases.Select(p => Texts.Format(culture, "\"{0}\"", p))),
                facts.Severity),
            NotificationKind.SlaWarning => Texts.Format(culture, "SLA warning on {0}: the {1} deadline is near.", facts.Reference, facts.Clock),
            NotificationKind.SlaBreached => Texts.Format(culture, "SLA breach on {0}: the {1} deadline has passed.", facts.Reference, facts.Clock),
            NotificationKind.CustomerMessage => Texts.Format(culture,
                facts.PhotoOnly ? "The customer sent a photo on {0}." : "The customer wrote on {0}.", facts.Reference),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "No text for this kind of notification."),
        });
    }

    private static string Excerpt(string text, int length)
    {
        var flat = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return flat.Length <= length ? flat : flat[..(length - 1)].TrimEnd() + "…";
    }

    /// <summary>The column holds <see cref="Domain.FieldLengths.NotificationText"/> characters; never fail a save over it.</summary>
    private static string Fit(string text) =>
        text.Length <= Domain.FieldLengths.NotificationText ? text : text[..(Domain.FieldLengths.NotificationText - 1)] + "…";
}
