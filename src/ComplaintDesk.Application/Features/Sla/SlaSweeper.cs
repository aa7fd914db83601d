using ComplaintDesk.Application.Features.Notifications;
using ComplaintDesk.Application.Persistence;
using ComplaintDesk.Domain;
using ComplaintDesk.Domain.Actors;
using ComplaintDesk.Domain.Complaints;
using ComplaintDesk.Domain.Notifications;
using ComplaintDesk.Domain.Sla;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace ComplaintDesk.Application.Features.Sla;

/// <summary>
/// Fires what the clocks have due, safely with any number of instances. A batch is one transaction: it claims due
/// clocks and their cases with <c>FOR UPDATE … SKIP LOCKED</c> (another sweeper skips them; a user's save waits, then
/// meets a new version), applies each effect through the domain, records (clock, effect) under a unique key, and
/// moves each clock's next check on — all committed together. A sweeper that dies mid-batch commits nothing: its rows
/// unlock and the next sweep claims them again. The clock is the injected <see cref="TimeProvider"/>.
/// </summary>
public sealed class SlaSweeper(ComplaintDeskDbContext db, TimeProvider clock, ILogger<SlaSweeper> logger)
{
    public const int DefaultBatchSize = 200;

    /// <summary>Sweeps until nothing is due; returns how many clocks it claimed (a claimed clock with nothing left to fire is cleared).</summary>
    public async Task<int> SweepAsync(int batchSize = DefaultBatchSize, CancellationToken cancellationToken = default)
    {
        var total = 0;
        while (true)
        {
            var claimed = await SweepBatchAsync(batchSize, cancellationToken);
            total += claimed;
            if (claimed < batchSize)
            {
                return total;
            }
        }
    }

    /// <summary>One batch in one transaction; returns how many clocks it claimed.</summary>
    public async Task<int> SweepBatchAsync(int batchSize = DefaultBatchSize, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        db.ChangeTracker.Clear();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Lock the case rows too: then no sweeper ever waits on a lock (no deadlock with users), and a user's save in
        // flight keeps its case out of this batch.
        var claimed = await db.Database.SqlQuery<long>($"""
            SELECT c."Id" AS "Value"
            FROM "SlaClocks" c JOIN "Complaints" p ON p."Id" = c."ComplaintId"
            WHERE c."NextCheckAt" <= {now}
            ORDER BY c."NextCheckAt"
            LIMIT {batchSize}
            FOR UPDATE OF c, p SKIP LOCKED
            """).ToListAsync(cancellationToken);
        if (claimed.Count == 0)
        {
            return 0;
        }
        var clocks = await db.SlaClocks.Where(c => claimed.Contains(c.Id)).OrderBy(c => c.NextCheckAt).ThenBy(c => c.Id)
            .ToListAsync(cancellationToken);
        var complaintIds = clocks.Select(c => c.ComplaintId).Distinct().ToList();
        var complaints = await db.Complaints.Where(c => complaintIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, cancellationToken);
        var offerIds = clocks.Where(c => c.OfferId is not null).Select(c => c.OfferId!.Value).ToList();
        _offers = offerIds.Count == 0 ? [] : await db.Offers.Where(o => offerIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, cancellationToken);

        var notices = new List<Notice>();
        var fired = new List<SlaEffect>();
        foreach (var due in clocks)
        {
            var (effect, notice) = Fire(due, complaints[due.ComplaintId], now);
            if (effect is { } happened)
            {
                fired.Add(happened);
            }
            if (notice is not null)
            {
                notices.Add(notice);
            }
        }
        await NotifyAsync(notices, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("SLA sweep claimed {Clocks} clocks: {Warnings} warnings, {Breaches} breaches, {Timers} timers run out",
            clocks.Count, fired.Count(e => e == SlaEffect.Warning), fired.Count(e => e == SlaEffect.Breach), fired.Count(e => e == SlaEffect.Due));
        return clocks.Count;
    }

    /// <summary>The offers whose answer windows are in this batch.</summary>
    private Dictionary<Guid, Domain.Compensation.CompensationOffer> _offers = [];

    /// <summary>Who must hear of an effect: one user, every supervisor, or every administrator.</summary>
    private sealed record Notice(NotificationKind Kind, Complaint Complaint, SlaClockKind Clock, string? UserId, string? RoleName);

    private (SlaEffect? Effect, Notice? Notice) Fire(SlaClock due, Complaint complaint, DateTimeOffset now)
    {
        var effect = due.EffectDue(now);
        if (effect is null)
        {
            // Nothing runs on a paused or stopped clock; a stale check must not be claimed forever.
            due.ClearCheck();
            return (null, null);
        }
        return (effect, Apply(effect.Value, due, complaint, now));
    }

    private Notice? Apply(SlaEffect effect, SlaClock due, Complaint complaint, DateTimeOffset now)
    {
        db.SlaClockEffects.Add(new SlaClockEffect(due.Id, effect, now));
        switch (effect)
        {
            case SlaEffect.Warning:
                due.MarkWarned(now);
                complaint.RecordSlaWarning(due.Kind, now);
                return new Notice(NotificationKind.SlaWarning, complaint, due.Kind, complaint.OwnerId,
                    complaint.OwnerId is null ? Identity.Roles.Supervisor : null);
            case SlaEffect.Breach:
                due.MarkBreached();
                var escalated = complaint.RecordSlaBreach(due.Kind, now);
                if (due.Kind == SlaClockKind.EscalationDecision)
                {
                    // The supervisors were the ones to decide: the administrators hear of it.
                    return new Notice(NotificationKind.SlaBreached, complaint, due.Kind, null, Identity.Roles.Admin);
                }
                // An automatic escalation already tells every supervisor, with the breach as its reason.
                return escalated ? null : new Notice(NotificationKind.SlaBreached, complaint, due.Kind, null, Identity.Roles.Supervisor);
            default:
                Elapse(due, complaint, now);
                return null;
        }
    }

    /// <summary>A timer ran out: the follow-up starts, or an answer window closes.</summary>
    private void Elapse(SlaClock due, Complaint complaint, DateTimeOffset now)
    {
        switch (due.Kind)
        {
            case SlaClockKind.FollowUp when complaint.State == ComplaintState.Closed && !complaint.FollowUpDone:
                due.MarkElapsed(now, answered: true);
                complaint.StartFollowUp(Actor.System, now);
                break;
            case SlaClockKind.FollowUpAnswer when complaint.State == ComplaintState.FollowUp:
                due.MarkElapsed(now, answered: false);
                complaint.ConfirmSatisfied(NoAnswer, null, Actor.System, now);
                break;
            case SlaClockKind.OfferAnswer when due.OfferId is { } offerId && _offers.GetValueOrDefault(offerId) is { } offer && offer.Expire(now):
                // The customer let the window pass: the offer expires and the case no longer waits on them.
                due.MarkElapsed(now, answered: false);
                complaint.TrackOffer(offer, TimelineEventKind.OfferExpired, OfferExpiredText, Actor.System, now);
                break;
            default:
                // The case moved on without it (reopened, answered by hand): nothing left to do.
                due.Cancel(now);
                break;
        }
    }

    public const string OfferExpiredText = "The customer did not answer within the offer's answer window.";

    /// <summary>The follow-up's record when the customer let the answer window pass.</summary>
    public const string NoAnswer = "No answer from the customer within the follow-up window.";

    private async Task NotifyAsync(List<Notice> notices, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (notices.Count == 0)
        {
            return;
        }
        var roles = new Dictionary<string, List<string>>();
        foreach (var roleName in notices.Select(n => n.RoleName).OfType<string>().Distinct())
        {
            roles[roleName] = await StaffDirectory.InRole(db, roleName).ToListAsync(cancellationToken);
        }
        List<string> RecipientsOf(Notice notice) => notice.UserId is { } one ? [one] : roles[notice.RoleName!];
        var recipients = notices.SelectMany(RecipientsOf).Distinct().ToList();
        var languages = await StaffDirectory.Languages(db, recipients).ToDictionaryAsync(u => u.Id, u => u.Language, cancellationToken);
        foreach (var notice in notices)
        {
            var facts = new NotificationFacts(notice.Complaint.Reference, Actor.System.Name) { Clock = notice.Clock };
            foreach (var userId in RecipientsOf(notice))
            {
                var text = NotificationText.Compose(notice.Kind, facts, languages.GetValueOrDefault(userId));
                db.Notifications.Add(new Notification(userId, notice.Kind, notice.Complaint.Id, notice.Complaint.Reference, text, now));
            }
        }
    }
}
