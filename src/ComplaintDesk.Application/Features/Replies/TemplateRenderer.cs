using System.Globalization;
using System.Text.RegularExpressions;
using ComplaintDesk.Domain.Actors;
using ComplaintDesk.Domain.Complaints;

namespace ComplaintDesk.Application.Features.Replies;

/// <summary>What a reply template's placeholders stand for on one case.</summary>
public sealed record TemplateValues(
    string CustomerName, string Reference, DateTimeOffset AcknowledgeBy, DateTimeOffset ResolveBy, string AgentFirstName, string StatusLink)
{
    /// <summary>Until the customer's status link exists, the placeholder says so rather than vanishing.</summary>
    public const string StatusLinkComingSoon = "(status link coming soon)";

    public static TemplateValues For(Complaint complaint, Actor agent) => new(
        complaint.Customer.Name,
        complaint.Reference,
        ProvisionalDeadlines.AcknowledgeBy(complaint.ReceivedAt),
        ProvisionalDeadlines.ResolveBy(complaint.ReceivedAt),
        FirstName(agent.Name),
        StatusLinkComingSoon);

    /// <summary>The first word of a display name: "Alice Agent" → "Alice".</summary>
    public static string FirstName(string displayName) =>
        displayName.Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? displayName;
}

/// <summary>
/// Fills a template's placeholders — {customerName}, {reference}, {acknowledgeBy}, {resolveBy}, {agentFirstName},
/// {statusLink} — and leaves any other {word} as written, so a typo shows up in the composer instead of vanishing.
/// The result is plain text: nothing is HTML-encoded here, Razor encodes it where it is shown.
/// </summary>
public static partial class TemplateRenderer
{
    public static string Render(string body, TemplateValues values) =>
        Placeholder().Replace(body, match => match.Groups["name"].Value switch
        {
            "customerName" => values.CustomerName,
            "reference" => values.Reference,
            "acknowledgeBy" => Time(values.AcknowledgeBy),
            "resolveBy" => Time(values.ResolveBy),
            "agentFirstName" => values.AgentFirstName,
            "statusLink" => values.StatusLink,
            _ => match.Value,
        });

    /// <summary>UTC to the minute, the same for every language until times follow the customer's zone.</summary>
    private static string Time(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"\{(?<name>[A-Za-z]+)\}")]
    private static partial Regex Placeholder();
}

/// <summary>
/// The reply-by and resolve-by times templates promise, until the SLA policy matrix exists: 24 hours to acknowledge
/// and 5 days to resolve, from the moment the complaint was received. The one place to replace with the SLA clocks.
/// </summary>
public static class ProvisionalDeadlines
{
    public static readonly TimeSpan AcknowledgeWithin = TimeSpan.FromHours(24);
    public static readonly TimeSpan ResolveWithin = TimeSpan.FromDays(5);

    public static DateTimeOffset AcknowledgeBy(DateTimeOffset receivedAt) => receivedAt + AcknowledgeWithin;

    public static DateTimeOffset ResolveBy(DateTimeOffset receivedAt) => receivedAt + ResolveWithin;
}
