using ComplaintDesk.Application.Features.Alerts;
using ComplaintDesk.Application.Features.Notifications;
using ComplaintDesk.Domain.Complaints;
using ComplaintDesk.Domain.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ComplaintDesk.Application.Persistence;

/// <summary>
/// Writes the bell's notifications in the same SaveChanges as the timeline events that cause them, so a change
/// and its notifications commit or fail together: Assigned tells the new owner (unless they took the case
/// themselves), Escalated and KeywordAlert tell every active supervisor, and the customer's own message or photo (through
/// the status link) tells the owner — or every active supervisor while the case has none.
/// </summary>
public sealed class NotificationInterceptor(TimeProvider clock) : SaveChangesInterceptor
{
    /// <summary>Events already turned into notifications, so a SaveChanges retried on this context adds none twice.</summary>
    private readonly HashSet<TimelineEvent> _handled = new(ReferenceEqualityComparer.Instance);

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is ComplaintDeskDbContext db && Pending(db) is { Count: > 0 } pending)
        {
            var supervisors = pending.Any(p => p.RecipientId is null) ? SupervisorsQuery(db).ToList() : [];
            var recipients = Recipients(pending, supervisors);
            Add(db, pending, supervisors, LanguagesQuery(db, recipients).ToDictionary(u => u.Id, u => u.Language));
        }
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        if (eventData.Context is ComplaintDeskDbContext db && Pending(db) is { Count: > 0 } pending)
        {
            var supervisors = pending.Any(p => p.RecipientId is null)
                ? await SupervisorsQuery(db).ToListAsync(cancellationToken)
                : [];
            var recipients = Recipients(pending, supervisors);
            Add(db, pending, supervisors,
                await LanguagesQuery(db, recipients).ToDictionaryAsync(u => u.Id, u => u.Language, cancellationToken));
        }
        return result;
    }

    /// <summary>One notification to write, before its recipients are known (null: every active supervisor).</summary>
    private sealed record PendingNotification(NotificationKind Kind, Complaint Complaint, string? RecipientId, string? ExcludedId, NotificationFacts Facts);

    private List<PendingNotification> Pending(ComplaintDeskDbContext db)
    {
        // SavingChanges runs before EF's own DetectChanges: events appended to a loaded complaint are not yet "Added".
        db.ChangeTracker.DetectChanges();
        var added = db.ChangeTracker.Entries<TimelineEvent>()
            .Where(e => e.State == EntityState.Added && !_handled.Contains(e.Entity))
            .Select(e => e.Entity)
            .Where(e => e.Kind is TimelineEventKind.Assigned or TimelineEventKind.Escalated or TimelineEventKind.KeywordAlert
                || IsFromCustomer(e))
            .ToList();
        if (added.Count == 0)
        {
            return [];
        }
        var complaints = db.ChangeTracker.Entries<Complaint>().Select(e => e.Entity).ToDictionary(c => c.Id);
        var pending = new List<PendingNotification>();
        foreach (var forComplaint in added.GroupBy(e => e.ComplaintId))
        {
            // Events are reachable only through their complaint's timeline, so the complaint is tracked too.
            var complaint = complaints.GetValueOrDefault(forComplaint.Key)
                ?? throw new InvalidOperationException($"Timeline events of complaint {forComplaint.Key} were added without the complaint.");
            // The last assignment of this save decides the owner, and the owner is who hears of it.
            if (forComplaint.LastOrDefault(e => e.Kind == TimelineEventKind.Assigned) is { } assigned
                && complaint.OwnerId is { } ownerId && ownerId != assigned.ActorId)
            {
                pending.Add(new(NotificationKind.Assigned, complaint, ownerId, null, new(complaint.Reference, assigned.ActorName)));
            }
            foreach (var escalated in forComplaint.Where(e => e.Kind == TimelineEventKind.Escalated))
            {
                // The supervisor who escalates a case needs no message about it.
                pending.Add(new(NotificationKind.EscalationRequested, complaint, null, escalated.ActorId,
                    new(complaint.Reference, escalated.ActorName) { Reason = escalated.Text }));
            }
            // Several rules matching one text are one alert, naming every phrase.
            var alerts = forComplaint.Where(e => e.Kind == TimelineEventKind.KeywordAlert).ToList();
            if (alerts.Count > 0)
            {
                pending.Add(new(NotificationKind.KeywordAlert, complaint, null, null, new(complaint.Reference, alerts[0].ActorName)
                {
                    Phrases = alerts.Select(a => KeywordScreening.PhraseOf(a) ?? a.Text ?? "").Where(p => p.Length > 0).Distinct().ToList(),
                    Severity = complaint.Severity,
                    RiskFlag = complaint.RiskFlag,
                }));
            }
            // Staff who record a call already know what the customer said; the customer writing, or sending a photo,
            // through the link is news. A photo has no text, so only a message can also trip the keyword rules.
            if (forComplaint.FirstOrDefault(IsFromCustomer) is { } fromCustomer)
            {
                pending.Add(new(NotificationKind.CustomerMessage, complaint, complaint.OwnerId, null,
                    new(complaint.Reference, fromCustomer.ActorName)
                    {
                        PhotoOnly = !forComplaint.Any(e => IsFromCustomer(e) && e.Kind == TimelineEventKind.CustomerMessage),
                    }));
            }
            _handled.UnionWith(forComplaint);
        }
        return pending;
    }

    /// <summary>
    /// A message or photo the customer sent themselves: the customer actor has no user id (staff always have one), and
    /// the system, the only other actor without one, neither writes as the customer nor adds evidence.
    /// </summary>
    private static bool IsFromCustomer(TimelineEvent e) =>
        e.Kind is (TimelineEventKind.CustomerMessage or TimelineEventKind.EvidenceAdded) && e.ActorId is null;

    private static IQueryable<string> SupervisorsQuery(ComplaintDeskDbContext db) => StaffDirectory.Supervisors(db);

    private static IEnumerable<string> RecipientsOf(PendingNotification notification, IReadOnlyList<string> supervisors) =>
        notification.RecipientId is { } one ? [one] : supervisors.Where(id => id != notification.ExcludedId);

    private static List<string> Recipients(List<PendingNotification> pending, IReadOnlyList<string> supervisors) =>
        pending.SelectMany(p => RecipientsOf(p, supervisors)).Distinct().ToList();

    private static IQueryable<RecipientLanguage> LanguagesQuery(ComplaintDeskDbContext db, List<string> recipients) =>
        StaffDirectory.Languages(db, recipients);

    private void Add(ComplaintDeskDbContext db, List<PendingNotification> pending, IReadOnlyList<string> supervisors,
        IReadOnlyDictionary<string, string> languages)
    {
        var now = clock.GetUtcNow();
        foreach (var notification in pending)
        {
            foreach (var userId in RecipientsOf(notification, supervisors))
            {
                var text = NotificationText.Compose(notification.Kind, notification.Facts, languages.GetValueOrDefault(userId));
                db.Notifications.Add(new Notification(userId, notification.Kind, notification.Complaint.Id, notification.Complaint.Reference, text, now));
            }
        }
    }
}
