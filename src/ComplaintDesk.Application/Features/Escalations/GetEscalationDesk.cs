using ComplaintDesk.Application.Common;
using ComplaintDesk.Application.Features.Account;
using ComplaintDesk.Application.Features.Complaints;
using ComplaintDesk.Application.Features.Sla;
using ComplaintDesk.Application.Persistence;
using ComplaintDesk.Domain;
using ComplaintDesk.Domain.Actors;
using ComplaintDesk.Domain.Compensation;
using ComplaintDesk.Domain.Complaints;
using ComplaintDesk.Domain.Sla;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Severity = ComplaintDesk.Domain.Complaints.Severity;

namespace ComplaintDesk.Application.Features.Escalations;

/// <summary>
/// How many staff deadlines of one kind were kept in the last 30 days: met (stopped in time within the window) against
/// breached (the deadline passed within the window, whatever happened afterwards). <see cref="Rate"/> is
/// met ÷ (met + breached), 0–1, null when there was nothing to measure.
/// </summary>
public sealed record Compliance(int Met, int Breached, double? Rate);

/// <summary>
/// The dashboard strip. <see cref="BreachesToday"/> counts staff deadlines breached since <see cref="TodayStartedAt"/>,
/// the start of the current day in the asked time zone; <see cref="AtRiskNow"/> the open deadlines at risk (as
/// <see cref="ListAtRiskClocksQuery"/> lists them). Both stop at <see cref="GetEscalationDeskHandler.CountCap"/>
/// (then the Capped flag is set, as the queue's counts do).
/// </summary>
public sealed record EscalationDeskStrip(
    int BreachesToday, bool BreachesTodayCapped, DateTimeOffset TodayStartedAt,
    int AtRiskNow, bool AtRiskCapped,
    Compliance FirstResponse, Compliance Resolution);

/// <summary>The open escalation-decision deadline of a case.</summary>
public sealed record DecisionDeadline(DateTimeOffset DueAt, SlaClockState State, DateTimeOffset? BreachedAt);

/// <summary>The customer's history as a supervisor weighs it: how often they complained, what they were granted.</summary>
public sealed record EscalationCustomer(Guid Id, string Name, int ComplaintCount, decimal CompensationLast12Months);

/// <summary>
/// A compensation offer of the case still waiting for a supervisor's approval or the customer's answer:
/// <see cref="Summary"/> is what the customer is offered (the options' texts, as staff wrote them), <see cref="Cost"/>
/// its dearest option, <see cref="AnswerDueAt"/> the customer's deadline once it was offered.
/// </summary>
public sealed record PendingOffer(Guid Id, string Summary, decimal Cost, bool AwaitingApproval, DateTimeOffset MadeAt, DateTimeOffset? AnswerDueAt);

/// <summary>
/// One escalated case on the desk: why and when it was escalated (its last escalation), how long it has waited
/// (<see cref="WaitedMinutes"/>, elapsed time), the decision deadline, the customer, pending offers, and the version
/// a decision must carry.
/// </summary>
public sealed record EscalatedCase(
    Guid Id, string Reference, string Subject, Severity Severity, string Category, string? OwnerId, string? OwnerName,
    int EscalationLevel, bool RiskFlag, string? Reason, string? EscalatedBy, DateTimeOffset? EscalatedAt, int WaitedMinutes,
    DecisionDeadline? Decision, EscalationCustomer Customer, IReadOnlyList<PendingOffer> PendingOffers, uint Version);

/// <summary>
/// The desk: the strip, then the escalated cases oldest escalation first; <see cref="More"/> when the cap cut the list.
/// Money (the customers' 12-month totals, the offers' costs) is in the compensation policy's <see cref="Currency"/>.
/// </summary>
public sealed record EscalationDesk(EscalationDeskStrip Strip, IReadOnlyList<EscalatedCase> Cases, bool More, string Currency);

/// <summary>
/// The supervisors' escalation desk. <see cref="TimeZone"/> (an IANA id such as Asia/Taipei; UTC when empty) says
/// whose "today" the breaches are counted in: the edges pass the reader's own zone.
/// </summary>
public sealed record GetEscalationDeskQuery : IQuery<EscalationDesk>
{
    public string? TimeZone { get; init; }
}

public sealed class GetEscalationDeskValidator : AbstractValidator<GetEscalationDeskQuery>
{
    public GetEscalationDeskValidator()
    {
        RuleFor(q => q.TimeZone)
            .Must(zone => string.IsNullOrWhiteSpace(zone) || ChangeMyPreferencesValidator.IsIanaTimeZone(zone.Trim()))
            .WithMessage(_ => Texts.Get("This is not a time zone we know; use an IANA id such as Asia/Taipei."));
    }
}

public sealed class GetEscalationDeskHandler(ComplaintDeskDbContext db, ICurrentActor currentActor, TimeProvider clock)
    : IQueryHandler<GetEscalationDeskQuery, EscalationDesk>
{
    /// <summary>A bound, not a page: more escalated cases than this at once is a crisis the "more" flag tells of.</summary>
    public const int MaxCases = 200;

    /// <summary>Counts stop here, like the queue's (a count reads at most this many rows plus one).</summary>
    public const int CountCap = 1000;

    public static readonly TimeSpan ComplianceWindow = TimeSpan.FromDays(30);

    public async ValueTask<EscalationDesk> Handle(GetEscalationDeskQuery query, CancellationToken cancellationToken)
    {
        if (!currentActor.Actor.Is(Party.Supervisor))
        {
            throw new ActionForbiddenException("Only supervisors work the escalation desk.");
        }
        var now = clock.GetUtcNow();
        var zone = LocalDays.ZoneOrUtc(query.TimeZone);
        var strip = await StripAsync(now, LocalDays.StartOf(LocalDays.Today(now, zone), zone), cancellationToken);
        var (cases, more) = await CasesAsync(now, cancellationToken);
        var currency = await db.CompensationPolicies.AsNoTracking()
            .Where(p => p.Id == CompensationPolicy.SingletonId).Select(p => p.Currency).SingleAsync(cancellationToken);
        return new EscalationDesk(strip, cases, more, currency.Trim());
    }

    private async Task<EscalationDeskStrip> StripAsync(DateTimeOffset now, DateTimeOffset todayStartedAt, CancellationToken cancellationToken)
    {
        // Each count reads at most CountCap + 1 rows (SELECT count(*) FROM (… LIMIT 1001)); BreachedAt has its own index.
        var breachesToday = await db.SlaClocks.AsNoTracking()
            .Where(c => c.BreachedAt >= todayStartedAt && c.BreachedAt <= now)
            .Where(c => c.Kind == SlaClockKind.Acknowledge || c.Kind == SlaClockKind.Resolve
                        || c.Kind == SlaClockKind.EscalationDecision || c.Kind == SlaClockKind.Regulatory)
            .Take(CountCap + 1).CountAsync(cancellationToken);
        var atRisk = await AtRisk.Clocks(db, now).Take(CountCap + 1).CountAsync(cancellationToken);

        // Compliance: a deadline is settled as met when it stopped in time, as breached when its deadline passed; each
        // counts in the window it was settled in. (A breach still open counts at once: waiting for it to be done
        // would leave the worst cases out of the number.) Two grouped reads over the (Kind, StoppedAt) and
        // BreachedAt indexes.
        var from = now - ComplianceWindow;
        var met = await db.SlaClocks.AsNoTracking()
            .Where(c => (c.Kind == SlaClockKind.Acknowledge || c.Kind == SlaClockKind.Resolve)
                        && c.StoppedAt >= from && c.StoppedAt <= now && c.State == SlaClockState.Met)
            .GroupBy(c => c.Kind).Select(g => new { Kind = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Kind, g => g.Count, cancellationToken);
        var breached = await db.SlaClocks.AsNoTracking()
            .Where(c => (c.Kind == SlaClockKind.Acknowledge || c.Kind == SlaClockKind.Resolve)
                        && c.BreachedAt >= from && c.BreachedAt <= now)
            .GroupBy(c => c.Kind).Select(g => new { Kind = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Kind, g => g.Count, cancellationToken);

        Compliance Of(SlaClockKind kind)
        {
            var kept = met.GetValueOrDefault(kind);
            var broken = breached.GetValueOrDefault(kind);
            return new Compliance(kept, broken, kept + broken == 0 ? null : Math.Round(kept / (double)(kept + broken), 4));
        }

        return new EscalationDeskStrip(Math.Min(breachesToday, CountCap), breachesToday > CountCap, todayStartedAt,
            Math.Min(atRisk, CountCap), atRisk > CountCap, Of(SlaClockKind.Acknowledge), Of(SlaClockKind.Resolve));
    }

    private async Task<(IReadOnlyList<EscalatedCase> Cases, bool More)> CasesAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        // One statement: the escalated cases (State index), oldest last escalation first, bounded; each case's last
        // escalation is read by LIMIT 1 subqueries walking its timeline backwards on (ComplaintId, Id). PostgreSQL
        // orders and cuts the cases first, then reads the reason, the escalating person and the customer's count for
        // those rows only. (A Take(1) join would become a ROW_NUMBER over every escalation ever recorded.)
        var rows = await (
                from c in db.Complaints.AsNoTracking()
                where c.State == ComplaintState.Escalated
                let escalatedAt = db.TimelineEvents
                    .Where(e => e.ComplaintId == c.Id && e.Kind == TimelineEventKind.Escalated)
                    .OrderByDescending(e => e.Id).Select(e => (DateTimeOffset?)e.At).FirstOrDefault()
                orderby escalatedAt, c.Id
                select new
                {
                    c.Id, c.Reference, c.Subject, c.Severity, c.CategoryCode, c.OwnerId, c.OwnerName, c.EscalationLevel, c.RiskFlag,
                    c.Version, c.CustomerId, CustomerName = c.Customer.Name,
                    ComplaintCount = db.Complaints.Count(other => other.CustomerId == c.CustomerId),
                    EscalatedAt = escalatedAt,
                    Reason = db.TimelineEvents
                        .Where(e => e.ComplaintId == c.Id && e.Kind == TimelineEventKind.Escalated)
                        .OrderByDescending(e => e.Id).Select(e => e.Text).FirstOrDefault(),
                    EscalatedBy = db.TimelineEvents
                        .Where(e => e.ComplaintId == c.Id && e.Kind == TimelineEventKind.Escalated)
                        .OrderByDescending(e => e.Id).Select(e => e.ActorName).FirstOrDefault(),
                })
            .Take(MaxCases + 1)
            .ToListAsync(cancellationToken);
        var more = rows.Count > MaxCases;
        var page = rows.Take(MaxCases).ToList();

        // The decision deadlines of the page's cases, in one read on (ComplaintId, Kind).
        var ids = page.Select(r => r.Id).ToList();
        var decisions = (await db.SlaClocks.AsNoTracking()
                .Where(k => ids.Contains(k.ComplaintId) && k.Kind == SlaClockKind.EscalationDecision
                            && k.StoppedAt == null && k.State != SlaClockState.Cancelled)
                .Select(k => new { k.Id, k.ComplaintId, k.DueAt, k.State, k.BreachedAt })
                .ToListAsync(cancellationToken))
            .GroupBy(k => k.ComplaintId)
            .ToDictionary(g => g.Key, g => g.MaxBy(k => k.Id)!);

        // The open offers of the page's cases, in one read on (ComplaintId, ProposedAt), their options joined
        // (AutoInclude). Bounded by the page: a case has at most one open offer at a time.
        var offers = (await db.Offers.AsNoTracking()
                .Where(o => ids.Contains(o.ComplaintId) && (o.State == OfferState.AwaitingApproval || o.State == OfferState.Offered))
                .OrderBy(o => o.ProposedAt).ThenBy(o => o.Id)
                .ToListAsync(cancellationToken))
            .ToLookup(o => o.ComplaintId, o => new PendingOffer(
                o.Id, string.Join(" / ", o.Options.OrderBy(x => x.Position).Select(x => x.CustomerText)), o.MaxCost,
                o.State == OfferState.AwaitingApproval, o.ProposedAt, o.AnswerBy));

        var compensation = await CustomerCompensation.Last12MonthsAsync(db, page.Select(r => r.CustomerId).Distinct().ToList(), now, cancellationToken);
        var cases = page.Select(r => new EscalatedCase(
                r.Id, r.Reference, r.Subject, r.Severity, r.CategoryCode, r.OwnerId, r.OwnerName, r.EscalationLevel, r.RiskFlag,
                r.Reason, r.EscalatedBy, r.EscalatedAt,
                r.EscalatedAt is { } at && now > at ? (int)Math.Min(int.MaxValue, (now - at).TotalMinutes) : 0,
                decisions.TryGetValue(r.Id, out var d) ? new DecisionDeadline(d.DueAt, d.State, d.BreachedAt) : null,
                new EscalationCustomer(r.CustomerId, r.CustomerName, r.ComplaintCount, compensation.GetValueOrDefault(r.CustomerId)),
                [.. offers[r.Id]],
                r.Version))
            .ToList();
        return (cases, more);
    }
}
