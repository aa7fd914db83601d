using ComplaintDesk.Domain.Complaints;

namespace ComplaintDesk.Domain.Sla;

/// <summary>The deadlines one cell of the policy matrix gives.</summary>
public sealed record SlaTargets(
    TimeBasis Basis,
    TimeSpan AcknowledgeWithin,
    TimeSpan ResolveWithin,
    TimeSpan DecisionWithin,
    TimeSpan FollowUpAfter,
    TimeSpan FollowUpAnswerWithin,
    TimeSpan OfferAnswerWithin,
    int WarningPercent,
    RegulatoryProfile Regulatory,
    int? RegulatoryDays)
{
    public int? RegulatoryDeadlineDays => RegulatoryProfiles.Days(Regulatory, RegulatoryDays);
}

/// <summary>
/// One cell of the matrix severity × category, optionally narrowed to a channel or to VIP customers. The most
/// specific matching cell wins (VIP, then channel, then category); every severity has a cell for any category.
/// Staff deadlines (acknowledge, resolve, decision) follow <see cref="SlaTargets.Basis"/>; the customer-facing windows
/// (follow-up, answers) and the regulatory deadline are always calendar time.
/// </summary>
public sealed class SlaPolicy
{
    private SlaPolicy() { }

    public SlaPolicy(Severity severity, string? categoryCode, Channel? channel, bool vipOnly, Guid calendarId, SlaTargets targets)
    {
        Id = Guid.CreateVersion7();
        Severity = severity;
        Change(categoryCode, channel, vipOnly, calendarId, targets);
    }

    public Guid Id { get; private set; }
    public Severity Severity { get; private set; }
    /// <summary>Null: any category.</summary>
    public string? CategoryCode { get; private set; }
    /// <summary>Null: any channel.</summary>
    public Channel? Channel { get; private set; }
    public bool VipOnly { get; private set; }
    public Guid CalendarId { get; private set; }
    public TimeBasis Basis { get; private set; }
    public TimeSpan AcknowledgeWithin { get; private set; }
    public TimeSpan ResolveWithin { get; private set; }
    public TimeSpan DecisionWithin { get; private set; }
    public TimeSpan FollowUpAfter { get; private set; }
    public TimeSpan FollowUpAnswerWithin { get; private set; }
    public TimeSpan OfferAnswerWithin { get; private set; }
    public int WarningPercent { get; private set; }
    public RegulatoryProfile Regulatory { get; private set; }
    public int? RegulatoryDays { get; private set; }
    /// <summary>
    /// The row's version (PostgreSQL's xmin), kept by the store; the matrix's version is derived from its rows' versions
    /// so a save made from a stale copy is refused.
    /// </summary>
    public uint Version { get; private set; }

    public SlaTargets Targets => new(Basis, AcknowledgeWithin, ResolveWithin, DecisionWithin, FollowUpAfter, FollowUpAnswerWithin,
        OfferAnswerWithin, WarningPercent, Regulatory, RegulatoryDays);

    public void Change(string? categoryCode, Channel? channel, bool vipOnly, Guid calendarId, SlaTargets targets)
    {
        CategoryCode = string.IsNullOrWhiteSpace(categoryCode) ? null : categoryCode.Trim();
        Channel = channel;
        VipOnly = vipOnly;
        CalendarId = calendarId;
        Basis = targets.Basis;
        AcknowledgeWithin = targets.AcknowledgeWithin;
        ResolveWithin = targets.ResolveWithin;
        DecisionWithin = targets.DecisionWithin;
        FollowUpAfter = targets.FollowUpAfter;
        FollowUpAnswerWithin = targets.FollowUpAnswerWithin;
        OfferAnswerWithin = targets.OfferAnswerWithin;
        WarningPercent = targets.WarningPercent;
        Regulatory = targets.Regulatory;
        RegulatoryDays = targets.Regulatory == RegulatoryProfile.Custom ? targets.RegulatoryDays : null;
    }

    public bool Matches(Severity severity, string categoryCode, Channel channel, bool vip) =>
        Severity == severity
        && (CategoryCode is null || CategoryCode == categoryCode)
        && (Channel is null || Channel == channel)
        && (!VipOnly || vip);

    /// <summary>VIP beats channel beats category beats the severity's catch-all cell.</summary>
    public int Specificity => (VipOnly ? 4 : 0) + (Channel is null ? 0 : 2) + (CategoryCode is null ? 0 : 1);

    /// <summary>The cell for a case, or null when the matrix has none for its severity (the policy editor refuses that).</summary>
    public static SlaPolicy? Choose(IEnumerable<SlaPolicy> policies, Severity severity, string categoryCode, Channel channel, bool vip) =>
        policies.Where(p => p.Matches(severity, categoryCode, channel, vip))
            .OrderByDescending(p => p.Specificity)
            .ThenBy(p => p.Id)
            .FirstOrDefault();
}
