using System.Globalization;
using System.Text.RegularExpressions;
using ComplaintDesk.Application.Features.Complaints;
using ComplaintDesk.Application.Persistence;
using ComplaintDesk.Domain.Actors;
using ComplaintDesk.Domain.Complaints;
using ComplaintDesk.Domain.Customers;
using ComplaintDesk.Domain.Sla;
using Microsoft.EntityFrameworkCore;

namespace ComplaintDesk.Application.Features.Replies;

/// <summary>
/// What a reply template's placeholders stand for on one case. <see cref="AcknowledgeBy"/> and <see cref="ResolveBy"/>
/// are the case's own SLA deadlines (see <see cref="CaseDeadlines"/>); null when the case has no such clock, and the
/// template then says "to be confirmed" in <see cref="Language"/> rather than promise a time no policy set.
/// </summary>
public sealed record TemplateValues(
    string CustomerName, string Reference, DateTimeOffset? AcknowledgeBy, DateTimeOffset? ResolveBy, string AgentFirstName, string StatusLink,
    string Language = Languages.English)
{
    /// <summary>Until the customer's status link exists, the placeholder says so rather than vanishing.</summary>
    public const string StatusLinkComingSoon = "(status link coming soon)";

    /// <summary>The values for a case whose deadlines were read (<see cref="CaseDeadlines.ReadAsync"/>), in the template's language.</summary>
    public static TemplateValues For(Complaint complaint, Actor agent, CaseDeadlines deadlines, string language) => new(
        complaint.Customer.Name,
        complaint.Reference,
        deadlines.AcknowledgeBy,
        deadlines.ResolveBy,
        FirstName(agent.Name),
        StatusLinkComingSoon,
        language);

    /// <summary>The first word of a display name: "Alice Agent" → "Alice".</summary>
    public static string FirstName(string displayName) =>
        displayName.Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? displayName;
}

/// <summary>
/// The deadlines a reply may promise: the due time of the case's acknowledge and resolve clocks. The open clock of each
/// kind wins (a paused resolve clock gives its deadline as it stands: it only moves later); a kind whose obligation was
/// already met or breached gives its last deadline; a case without any clock of a kind (logged before the SLA clocks
/// existed) gives null.
/// </summary>
public sealed record CaseDeadlines(DateTimeOffset? AcknowledgeBy, DateTimeOffset? ResolveBy)
{
    public static CaseDeadlines None { get; } = new(null, null);

    /// <summary>One small indexed read (ComplaintId, Kind), bounded like the resource's clock list.</summary>
    public static async Task<CaseDeadlines> ReadAsync(ComplaintDeskDbContext db, Guid complaintId, CancellationToken cancellationToken)
    {
        var clocks = await db.SlaClocks.AsNoTracking()
            .Where(c => c.ComplaintId == complaintId && (c.Kind == SlaClockKind.Acknowledge || c.Kind == SlaClockKind.Resolve)
                        && c.State != SlaClockState.Cancelled)
            .OrderByDescending(c => c.Id)
            .Take(ComplaintView.MaxSlaClocks)
            .Select(c => new { c.Kind, c.DueAt, Open = c.StoppedAt == null })
            .ToListAsync(cancellationToken);
        DateTimeOffset? Due(SlaClockKind kind) =>
            clocks.Where(c => c.Kind == kind).OrderByDescending(c => c.Open).Select(c => (DateTimeOffset?)c.DueAt).FirstOrDefault();
        return new CaseDeadlines(Due(SlaClockKind.Acknowledge), Due(SlaClockKind.Resolve));
    }
}

/// <summary>
/// Fills a template's placeholders — {customerName}, {reference}, {acknowledgeBy}, {resolveBy}, {agentFirstName},
/// {statusLink} — and leaves any other {word} as written, so a typo shows up in the composer instead of vanishing.
/// The result is plain text: nothing is HTML-encoded here, Razor encodes it where it is shown.
/// </summary>
public static partial class TemplateRenderer
{
    /// <summary>What {acknowledgeBy} and {resolveBy} say when the case has no such deadline: no time is promised.</summary>
    public static IReadOnlyDictionary<string, string> NoDeadline { get; } = new Dictionary<string, string>
    {
        [Languages.English] = "(date to be confirmed)",
        [Languages.TraditionalChinese] = "（日期另行通知）",
        [Languages.SimplifiedChinese] = "（日期另行通知）",
    };

    public static string Render(string body, TemplateValues values) =>
        Placeholder().Replace(body, match => match.Groups["name"].Value switch
        {
            "customerName" => values.CustomerName,
            "reference" => values.Reference,
            "acknowledgeBy" => Time(values.AcknowledgeBy, values.Language),
            "resolveBy" => Time(values.ResolveBy, values.Language),
            "agentFirstName" => values.AgentFirstName,
            "statusLink" => values.StatusLink,
            _ => match.Value,
        });

    /// <summary>UTC to the minute, the same for every language until times follow the customer's zone.</summary>
    private static string Time(DateTimeOffset? at, string language) =>
        at is { } value
            ? value.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)
            : NoDeadline.GetValueOrDefault(language, NoDeadline[Languages.English]);

    [GeneratedRegex(@"\{(?<name>[A-Za-z]+)\}")]
    private static partial Regex Placeholder();
}
