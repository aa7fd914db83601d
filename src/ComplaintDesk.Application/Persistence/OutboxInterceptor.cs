using ComplaintDesk.Application.Features.Outbox;
using ComplaintDesk.Application.Features.StatusLinks;
using ComplaintDesk.Domain.Compensation;
using ComplaintDesk.Domain.Complaints;
using ComplaintDesk.Domain.Customers;
using ComplaintDesk.Domain.Notifications;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ComplaintDesk.Application.Persistence;

/// <summary>
/// Writes the outbox in the same SaveChanges as the change that causes each message, so a change and its messages
/// commit or fail together (a dispatcher delivers them later): the customer's messages from the timeline events that
/// are news to them (acknowledgement, reply, information request, resolution, follow-up question — public — and the
/// internal OfferMade/OfferApproved and StatusLinkIssued, whose customer-facing side is the offer and the new link), each
/// with its own working status link, and an e-mail for every staff notification the bell got in this save. Must run
/// after <see cref="NotificationInterceptor"/> (registered after it). Reads what it needs for a whole save in a few
/// queries, not per complaint: it also runs inside the sweeper's locked batch transaction.
/// </summary>
public sealed class OutboxInterceptor(TimeProvider clock, StatusLinkIssuer links, StatusLinkSettings settings, IDataProtectionProvider protection)
    : SaveChangesInterceptor
{
    /// <summary>The data-protection purpose of the links kept (encrypted) in the outbox until sent.</summary>
    public const string LinkPurpose = "ComplaintDesk.Outbox.StatusLink";

    private readonly HashSet<object> _handled = new(ReferenceEqualityComparer.Instance);

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is ComplaintDeskDbContext db)
        {
            WriteAsync(db, CancellationToken.None).GetAwaiter().GetResult();
        }
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        if (eventData.Context is ComplaintDeskDbContext db)
        {
            await WriteAsync(db, cancellationToken);
        }
        return result;
    }

    // However the save ends, the links issued for it are settled (stored, or never to be): the next save issues its own.
    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        links.EndOfSave();
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        links.EndOfSave();
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => links.EndOfSave();

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        links.EndOfSave();
        return Task.CompletedTask;
    }

    public override void SaveChangesCanceled(DbContextEventData eventData) => links.EndOfSave();

    public override Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        links.EndOfSave();
        return Task.CompletedTask;
    }

    /// <summary>Which public happenings the customer hears of, and as what.</summary>
    private static OutboxKind? CustomerKindOf(TimelineEventKind kind) => kind switch
    {
        TimelineEventKind.Acknowledged => OutboxKind.Acknowledgement,
        TimelineEventKind.Reply => OutboxKind.StaffMessage,
        TimelineEventKind.InformationRequested => OutboxKind.InformationRequested,
        TimelineEventKind.OfferMade or TimelineEventKind.OfferApproved => OutboxKind.OfferMade,
        TimelineEventKind.Resolved => OutboxKind.Resolution,
        TimelineEventKind.FollowUpStarted => OutboxKind.FollowUpQuestion,
        TimelineEventKind.StatusLinkIssued => OutboxKind.NewStatusLink,
        _ => null,
    };

    private async Task WriteAsync(ComplaintDeskDbContext db, CancellationToken cancellationToken)
    {
        // SavingChanges runs before EF's own DetectChanges: events appended to a loaded complaint are not yet "Added".
        db.ChangeTracker.DetectChanges();
        var events = db.ChangeTracker.Entries<TimelineEvent>()
            .Where(e => e.State == EntityState.Added && !_handled.Contains(e.Entity) && CustomerKindOf(e.Entity.Kind) is not null)
            .Select(e => e.Entity).ToList();
        var notifications = db.ChangeTracker.Entries<Notification>()
            .Where(e => e.State == EntityState.Added && !_handled.Contains(e.Entity))
            .Select(e => e.Entity).ToList();
        _handled.UnionWith(events);
        _handled.UnionWith(notifications);
        if (events.Count == 0 && notifications.Count == 0)
        {
            return;
        }
        var now = clock.GetUtcNow();
        await WriteCustomerMessagesAsync(db, events, now, cancellationToken);
        await WriteStaffMessagesAsync(db, notifications, now, cancellationToken);
    }

    private async Task WriteCustomerMessagesAsync(ComplaintDeskDbContext db, List<TimelineEvent> events, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var complaints = db.ChangeTracker.Entries<Complaint>().Select(e => e.Entity).ToDictionary(c => c.Id);
        var byComplaint = events.GroupBy(e => e.ComplaintId)
            .Select(g => (Complaint: complaints.GetValueOrDefault(g.Key)
                ?? throw new InvalidOperationException($"Timeline events of complaint {g.Key} were added without the complaint."), Events: g.ToList()))
            .ToList();
        var customers = await CustomersAsync(db, byComplaint.Select(c => c.Complaint.CustomerId).ToHashSet(), cancellationToken);
        // A customer reached by phone only: staff tell them; nothing to send.
        byComplaint.RemoveAll(c => customers.GetValueOrDefault(c.Complaint.CustomerId)?.Email is not { Length: > 0 });
        if (byComplaint.Count == 0)
        {
            return;
        }
        var ids = byComplaint.Select(c => c.Complaint.Id).ToList();
        var timeZones = await CaseTimeZone.OfAsync(db,
            byComplaint.ToDictionary(c => c.Complaint.Id, c => (string?)customers[c.Complaint.CustomerId].PreferredLanguage), cancellationToken);
        var withLiveLinks = (await db.StatusLinks.Where(l => ids.Contains(l.ComplaintId) && l.RevokedAt == null)
            .Select(l => l.ComplaintId).Distinct().ToListAsync(cancellationToken)).ToHashSet();
        var protector = protection.CreateProtector(LinkPurpose);
        foreach (var (complaint, happenings) in byComplaint)
        {
            var customer = customers[complaint.CustomerId];
            var address = customer.Email!;
            var revokedNow = db.ChangeTracker.Entries<TimelineEvent>()
                .Any(e => e.State == EntityState.Added && e.Entity.ComplaintId == complaint.Id && e.Entity.Kind == TimelineEventKind.StatusLinkRevoked);
            var sentOffer = false;
            var timeZone = timeZones[complaint.Id];
            foreach (var happened in happenings)
            {
                var kind = CustomerKindOf(happened.Kind)!.Value;
                var facts = new CustomerMessageFacts(complaint.Reference, customer.Name, complaint.Subject) { Text = happened.Text, TimeZone = timeZone };
                if (kind == OutboxKind.OfferMade)
                {
                    // Only an offer that reached the customer (made within authority, or approved) is news to them.
                    var offer = db.ChangeTracker.Entries<CompensationOffer>()
                        .Select(e => e.Entity).FirstOrDefault(o => o.ComplaintId == complaint.Id && o.State == OfferState.Offered);
                    if (offer is null || sentOffer)
                    {
                        continue;
                    }
                    sentOffer = true;
                    facts = facts with
                    {
                        Text = null,
                        Options = offer.Options.OrderBy(o => o.Position).Select(o => new OfferLine(o.Kind, o.Amount, o.Currency, o.CustomerText)).ToList(),
                        AnswerBy = offer.AnswerBy,
                    };
                }
                else if (kind == OutboxKind.Resolution)
                {
                    facts = facts with { Text = complaint.ResolutionSummary ?? happened.Text };
                }
                var link = revokedNow ? null : LinkForMessage(db, complaint.Id, kind, withLiveLinks);
                var rendered = CustomerMessages.Compose(kind, facts with { HasLink = link is not null }, customer.PreferredLanguage);
                db.Outbox.Add(new OutboxMessage(kind, complaint.Id, address, customer.Name, customer.PreferredLanguage,
                    rendered.Subject, rendered.Text, rendered.Html, link is null ? null : protector.Protect(link), now));
            }
        }
    }

    /// <summary>
    /// A working link for this message: the one issued in this save (acknowledgement, re-issue), else a fresh one —
    /// unless the case has no live link (staff revoked them and issued none since): then the message goes without one.
    /// </summary>
    private string? LinkForMessage(ComplaintDeskDbContext db, Guid complaintId, OutboxKind kind, HashSet<Guid> withLiveLinks) =>
        links.IssuedHere(complaintId) || kind is OutboxKind.Acknowledgement or OutboxKind.NewStatusLink || withLiveLinks.Contains(complaintId)
            ? links.ForMessage(db, complaintId)
            : null;

    private sealed record Recipient(string? Email, string Name, string PreferredLanguage);

    /// <summary>The complaints' customers: those tracked (a customer logged in this very save too), the rest in one query.</summary>
    private static async Task<Dictionary<Guid, Recipient>> CustomersAsync(ComplaintDeskDbContext db, HashSet<Guid> wanted,
        CancellationToken cancellationToken)
    {
        var found = db.ChangeTracker.Entries<Customer>().Select(e => e.Entity).Where(c => wanted.Contains(c.Id))
            .ToDictionary(c => c.Id, c => new Recipient(c.Email, c.Name, c.PreferredLanguage));
        var missing = wanted.Where(id => !found.ContainsKey(id)).ToList();
        if (missing.Count > 0)
        {
            foreach (var c in await db.Customers.AsNoTracking().Where(c => missing.Contains(c.Id))
                         .Select(c => new { c.Id, c.Email, c.Name, c.PreferredLanguage }).ToListAsync(cancellationToken))
            {
                found[c.Id] = new Recipient(c.Email, c.Name, c.PreferredLanguage);
            }
        }
        return found;
    }

    private async Task WriteStaffMessagesAsync(ComplaintDeskDbContext db, List<Notification> notifications, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        if (notifications.Count == 0)
        {
            return;
        }
        var ids = notifications.Select(n => n.UserId).Distinct().ToList();
        var staff = await db.Users.AsNoTracking()
            .Where(u => ids.Contains(u.Id) && !u.Disabled && u.Email != null)
            .Select(u => new { u.Id, u.Email, u.DisplayName, u.PreferredLanguage })
            .ToDictionaryAsync(u => u.Id, cancellationToken);
        foreach (var notification in notifications)
        {
            if (!staff.TryGetValue(notification.UserId, out var user))
            {
                continue;
            }
            var caseUrl = notification.ComplaintId is { } id ? settings.CaseUrl(id) : settings.BaseUrl.AbsoluteUri;
            var rendered = StaffMessages.Compose(notification.ComplaintReference ?? "", notification.Text, caseUrl, user.PreferredLanguage);
            db.Outbox.Add(new OutboxMessage(OutboxKind.StaffNotification, notification.ComplaintId, user.Email!, user.DisplayName,
                user.PreferredLanguage, rendered.Subject, rendered.Text, rendered.Html, null, now));
        }
    }
}
