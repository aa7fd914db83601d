using ComplaintDesk.Application.Persistence;
using ComplaintDesk.Domain.Compensation;
using ComplaintDesk.Domain.Complaints;
using ComplaintDesk.Domain.Sla;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace ComplaintDesk.Application.Features.Sla;

/// <summary>
/// Keeps every case's clocks in step with what happened to it, inside the SaveChanges that records it, so a change
/// and its deadlines commit or fail together — whoever made the change (a page, the API, the sweeper, the customer).
/// This is the one table of what each happening does to the clocks:
/// <list type="table">
/// <item>logged → start acknowledge, resolve and (when the policy has one) regulatory</item>
/// <item>acknowledged (also by an escalation decision) → acknowledge met</item>
/// <item>escalated → start escalation decision; decided → decision met</item>
/// <item>a supervisor's new resolve-by → the resolve clock is replaced by one due then</item>
/// <item>resolved → every staff deadline met; start follow-up (unless the follow-up was done)</item>
/// <item>follow-up started → follow-up met; start the follow-up answer window; satisfaction recorded → window met</item>
/// <item>reopened → follow-up timers cancelled; a fresh resolve clock</item>
/// <item>severity or category changed → acknowledge, resolve and regulatory recomputed from the new policy cell</item>
/// <item>waiting on the customer → resolve paused (not once past its deadline: that stays a breach); the customer answered
/// → resumed with the paused time added back</item>
/// <item>an offer in front of the customer (new version) → start its answer window; answered → met; back to approval
/// or rejected → cancelled (the window itself ending is the sweeper's: the offer expires)</item>
/// </list>
/// Then the case's queue summary (next due, warning point, overdue) is refreshed from its open clocks.
/// </summary>
public static class SlaClockKeeper
{
    /// <summary>Bounds, not pages: the matrix and the calendars are a handful of admin-made rows.</summary>
    public const int MaxPolicies = 2_000;
    public const int MaxCalendars = 200;

    private static readonly TimelineEventKind[] Triggers =
    [
        TimelineEventKind.Logged, TimelineEventKind.Acknowledged, TimelineEventKind.Escalated, TimelineEventKind.EscalationApproved,
        TimelineEventKind.EscalationDeclined, TimelineEventKind.Resolved, TimelineEventKind.FollowUpStarted,
        TimelineEventKind.SatisfactionConfirmed, TimelineEventKind.Reopened,
    ];

    public static async Task KeepAsync(ComplaintDeskDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // SavingChanges runs before EF's own DetectChanges: events appended to a loaded complaint are not yet "Added".
        db.ChangeTracker.DetectChanges();
        var work = WorkToDo(db);
        if (work.Count == 0)
        {
            return;
        }
        var ids = work.Select(w => w.Complaint.Id).ToList();
        var open = await db.SlaClocks
            .Where(c => ids.Contains(c.ComplaintId) && c.StoppedAt == null && c.State != SlaClockState.Cancelled)
            .ToListAsync(cancellationToken);
        // Clocks added earlier in this unit of work are not in the database yet.
        open.AddRange(db.ChangeTracker.Entries<SlaClock>()
            .Where(e => e.State == EntityState.Added && ids.Contains(e.Entity.ComplaintId)).Select(e => e.Entity)
            .Where(c => !open.Contains(c)));
        var context = await SlaContext.LoadAsync(db, work.Select(w => w.Complaint), cancellationToken);

        foreach (var item in work)
        {
            var clocks = new CaseClocks(db, item.Complaint, open.Where(c => c.ComplaintId == item.Complaint.Id).ToList(), context, now);
            Apply(item, clocks);
            clocks.RefreshSummary();
        }
    }

    private sealed record Work(Complaint Complaint, EntityEntry<Complaint> Entry, List<TimelineEvent> Events, bool ClocksMoved,
        List<CompensationOffer> Offers);

    private static List<Work> WorkToDo(ComplaintDeskDbContext db)
    {
        var newEvents = db.ChangeTracker.Entries<TimelineEvent>()
            .Where(e => e.State == EntityState.Added)
            .Select(e => e.Entity)
            .OrderBy(e => e.At)
            .ToLookup(e => e.ComplaintId);
        var changedOffers = db.ChangeTracker.Entries<CompensationOffer>()
            .Where(e => e.State is EntityState.Added or EntityState.Modified)
            .Select(e => e.Entity)
            .ToLookup(o => o.ComplaintId);
        var movedClocks = db.ChangeTracker.Entries<SlaClock>()
            .Where(e => e.State is EntityState.Added or EntityState.Modified)
            .Select(e => e.Entity.ComplaintId)
            .ToHashSet();
        var work = new List<Work>();
        foreach (var entry in db.ChangeTracker.Entries<Complaint>())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified))
            {
                continue;
            }
            var complaint = entry.Entity;
            var events = newEvents[complaint.Id].Where(e => Triggers.Contains(e.Kind)).ToList();
            var offers = changedOffers[complaint.Id].ToList();
            var relevant = entry.State == EntityState.Added || events.Count > 0 || movedClocks.Contains(complaint.Id) || offers.Count > 0
                || Changed(entry, nameof(Complaint.Severity)) || Changed(entry, nameof(Complaint.CategoryCode))
                || Changed(entry, nameof(Complaint.WaitingOnCustomer)) || Changed(entry, nameof(Complaint.ResolveBy))
                || Changed(entry, nameof(Complaint.AcknowledgedAt));
            if (relevant)
            {
                work.Add(new Work(complaint, entry, events, movedClocks.Contains(complaint.Id), offers));
            }
        }
        return work;
    }

    private static bool Changed(EntityEntry<Complaint> entry, string property)
    {
        // For a new case, a "change" would be its first value: the intake clocks cover that.
        if (entry.State != EntityState.Modified)
        {
            return false;
        }
        var p = entry.Property(property);
        return !Equals(p.OriginalValue, p.CurrentValue);
    }

    private static void Apply(Work item, CaseClocks clocks)
    {
        var complaint = item.Complaint;
        if (item.Entry.State == EntityState.Added)
        {
            // A new case may arrive with more history in the same save (imports, demo data): that follows below.
            clocks.StartIntakeClocks(complaint.ReceivedAt);
        }
        else if (Changed(item.Entry, nameof(Complaint.Severity)) || Changed(item.Entry, nameof(Complaint.CategoryCode)))
        {
            clocks.Recompute();
        }
        if (complaint.AcknowledgedAt is { } acknowledged)
        {
            clocks.Stop(SlaClockKind.Acknowledge, acknowledged);
        }
        foreach (var happened in item.Events)
        {
            switch (happened.Kind)
            {
                case TimelineEventKind.Escalated:
                    clocks.StartOnce(SlaClockKind.EscalationDecision, happened.At);
                    break;
                case TimelineEventKind.EscalationApproved or TimelineEventKind.EscalationDeclined:
                    clocks.Stop(SlaClockKind.EscalationDecision, happened.At);
                    break;
                case TimelineEventKind.Resolved:
                    foreach (var kind in new[] { SlaClockKind.Acknowledge, SlaClockKind.Resolve, SlaClockKind.Regulatory, SlaClockKind.EscalationDecision })
                    {
                        clocks.Stop(kind, happened.At);
                    }
                    if (!complaint.FollowUpDone)
                    {
                        clocks.StartOnce(SlaClockKind.FollowUp, happened.At);
                    }
                    break;
                case TimelineEventKind.FollowUpStarted:
                    clocks.Stop(SlaClockKind.FollowUp, happened.At);
                    clocks.StartOnce(SlaClockKind.FollowUpAnswer, happened.At);
                    break;
                case TimelineEventKind.SatisfactionConfirmed:
                    clocks.Stop(SlaClockKind.FollowUpAnswer, happened.At);
                    break;
                case TimelineEventKind.Reopened:
                    clocks.Cancel(SlaClockKind.FollowUp, happened.At);
                    clocks.Cancel(SlaClockKind.FollowUpAnswer, happened.At);
                    clocks.Cancel(SlaClockKind.Resolve, happened.At);
                    clocks.StartOnce(SlaClockKind.Resolve, happened.At);
                    break;
            }
        }
        if (Changed(item.Entry, nameof(Complaint.ResolveBy)) && complaint.ResolveBy is { } resolveBy)
        {
            clocks.ReplaceResolveBy(resolveBy);
        }
        if (Changed(item.Entry, nameof(Complaint.WaitingOnCustomer)))
        {
            clocks.PauseOrResume(complaint.WaitingOnCustomer);
        }
        foreach (var offer in item.Offers)
        {
            clocks.SyncOffer(offer);
        }
    }

    /// <summary>One case's open clocks, and what the keeper may do to them.</summary>
    private sealed class CaseClocks(ComplaintDeskDbContext db, Complaint complaint, List<SlaClock> open, SlaContext context, DateTimeOffset now)
    {
        private SlaPolicy? Policy => context.PolicyFor(complaint);

        public void StartIntakeClocks(DateTimeOffset at)
        {
            StartOnce(SlaClockKind.Acknowledge, at);
            StartOnce(SlaClockKind.Resolve, at);
            StartOnce(SlaClockKind.Regulatory, at);
        }

        /// <summary>Starts a clock of this kind from the case's policy cell, unless one is already open.</summary>
        public void StartOnce(SlaClockKind kind, DateTimeOffset at)
        {
            if (open.Any(c => c.Kind == kind) || NewClock(kind, at) is not { } clock)
            {
                return;
            }
            if (kind == SlaClockKind.Resolve && complaint.WaitingOnCustomer)
            {
                clock.Pause(at);
            }
            Add(clock);
        }

        private SlaClock? NewClock(SlaClockKind kind, DateTimeOffset at)
        {
            if (Policy is not { } policy)
            {
                return null;
            }
            var calendar = context.Calendar(policy.CalendarId);
            var business = policy.Basis == TimeBasis.Business;
            return kind switch
            {
                SlaClockKind.Acknowledge => SlaClock.Start(complaint.Id, kind, at, policy.AcknowledgeWithin, calendar, business, policy.WarningPercent),
                SlaClockKind.Resolve => SlaClock.Start(complaint.Id, kind, at, policy.ResolveWithin, calendar, business, policy.WarningPercent),
                SlaClockKind.EscalationDecision => SlaClock.Start(complaint.Id, kind, at, policy.DecisionWithin, calendar, business, policy.WarningPercent),
                SlaClockKind.Regulatory when policy.Targets.RegulatoryDeadlineDays is { } days =>
                    SlaClock.Start(complaint.Id, kind, at, TimeSpan.FromDays(days), null, false, policy.WarningPercent),
                SlaClockKind.FollowUp => SlaClock.Start(complaint.Id, kind, at, policy.FollowUpAfter, null, false, null),
                SlaClockKind.FollowUpAnswer => SlaClock.Start(complaint.Id, kind, at, policy.FollowUpAnswerWithin, null, false, null),
                _ => null,
            };
        }

        public void Stop(SlaClockKind kind, DateTimeOffset at)
        {
            foreach (var clock in open.Where(c => c.Kind == kind && c.IsOpen))
            {
                clock.Stop(at);
            }
        }

        public void Cancel(SlaClockKind kind, DateTimeOffset at)
        {
            foreach (var clock in open.Where(c => c.Kind == kind && c.IsOpen))
            {
                clock.Cancel(at);
            }
            open.RemoveAll(c => c.Kind == kind && !c.IsOpen);
        }

        /// <summary>
        /// New severity or category: each running staff deadline is replaced by one from the new cell, counted from
        /// the same start (a breached one stays: the promise was already broken). Time already spent waiting on the
        /// customer still does not count, and a paused one stays paused.
        /// </summary>
        public void Recompute()
        {
            foreach (var old in open.Where(c => c.Kind is SlaClockKind.Acknowledge or SlaClockKind.Resolve or SlaClockKind.Regulatory
                                                && c.State is SlaClockState.Running or SlaClockState.Paused).ToList())
            {
                // A supervisor's agreed resolve-by is a date, not a policy: it stays.
                if (old.Kind == SlaClockKind.Resolve && complaint.ResolveBy is not null)
                {
                    continue;
                }
                var pausedSince = old.PausedSince;
                // Measured on the old clock's own terms; a new cell on another basis takes the same amount on its own.
                var pausedBefore = old.CompletedPauses(CalendarOf(old));
                old.Cancel(now);
                open.Remove(old);
                if (NewClock(old.Kind, old.StartedAt) is { } fresh)
                {
                    fresh.CarryPauses(pausedBefore, CalendarOf(fresh));
                    if (pausedSince is { } paused)
                    {
                        fresh.Pause(paused);
                    }
                    Add(fresh);
                }
            }
        }

        private BusinessCalendar? CalendarOf(SlaClock clock) => clock.CalendarId is { } id ? context.Calendar(id) : null;

        public void ReplaceResolveBy(DateTimeOffset resolveBy)
        {
            Cancel(SlaClockKind.Resolve, now);
            var clock = SlaClock.StartFixed(complaint.Id, SlaClockKind.Resolve, now, resolveBy, Policy?.WarningPercent);
            if (complaint.WaitingOnCustomer)
            {
                clock.Pause(now);
            }
            Add(clock);
        }

        /// <summary>An offer's answer window follows the offer: opened per version in front of the customer, closed by the answer.</summary>
        public void SyncOffer(CompensationOffer offer)
        {
            var windows = open.Where(c => c.Kind == SlaClockKind.OfferAnswer && c.OfferId == offer.Id && c.IsOpen).ToList();
            switch (offer.State)
            {
                case OfferState.Offered when offer.AnswerBy is null && Policy is { } policy:
                    windows.ForEach(c => c.Cancel(now));
                    var window = SlaClock.Start(complaint.Id, SlaClockKind.OfferAnswer, now, policy.OfferAnswerWithin, null, false, null, offer.Id);
                    Add(window);
                    offer.SetAnswerBy(window.DueAt);
                    break;
                case OfferState.Accepted or OfferState.Declined:
                    windows.ForEach(c => c.Stop(now));
                    break;
                case OfferState.AwaitingApproval or OfferState.Rejected:
                    windows.ForEach(c => c.Cancel(now));
                    break;
            }
        }

        public void PauseOrResume(bool waiting)
        {
            foreach (var clock in open.Where(c => c.Kind == SlaClockKind.Resolve))
            {
                if (waiting)
                {
                    clock.Pause(now);
                }
                else
                {
                    clock.Resume(now, CalendarOf(clock));
                }
            }
        }

        private void Add(SlaClock clock)
        {
            db.SlaClocks.Add(clock);
            open.Add(clock);
        }

        /// <summary>
        /// The queue's summary: the earliest open staff deadline (breached ones included: they are the most urgent),
        /// the earliest warning point of a running one, and whether any is overdue. Paused clocks wait on the customer.
        /// </summary>
        public void RefreshSummary()
        {
            var deadlines = open.Where(c => c.IsOpen && c.Kind.IsStaffDeadline() && c.State != SlaClockState.Paused).ToList();
            var nextDue = deadlines.Count == 0 ? (DateTimeOffset?)null : deadlines.Min(c => c.DueAt);
            var nextWarn = deadlines.Count == 0 ? (DateTimeOffset?)null : deadlines.Min(c => c.WarnAt ?? c.DueAt);
            var overdue = deadlines.Any(c => c.State == SlaClockState.Breached);
            if (complaint.NextDueAt != nextDue || complaint.NextWarnAt != nextWarn || complaint.Overdue != overdue)
            {
                complaint.SetSlaSummary(nextDue, nextWarn, overdue);
            }
        }
    }
}
