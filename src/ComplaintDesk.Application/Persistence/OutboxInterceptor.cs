using ComplaintDesk.Application.Features.Outbox;
using ComplaintDesk.Application.Features.StatusLinks;
using ComplaintDesk.Domain.Compensation;
using ComplaintDesk.Domain.Complaints;
using ComplaintDesk.Domain.Customers;
using ComplaintDesk.Domain.Notifications;
using ComplaintDesk.Domain.Sla;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ComplaintDesk.Application.Persistence;

/// <summary>
/// Writes the outbox in the same SaveChanges as the change that causes each message, so a change and its messages
/// commit or fail together (a dispatcher delivers them later): the customer's messages from the public timeline
/// events (acknowledgement, offer, reply, information request, resolution, follow-up question, new link), each with
/// its own working status link, and an e-mail for every staff notification the bell got in this save. Must run after
/// <see cref="NotificationInterceptor"/> (registered after it).
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
        var protector = protection.CreateProtector(LinkPurpose);
        var complaints = db.ChangeTracker.Entries<Complaint>().Select(e => e.Entity).ToDictionary(c => c.Id);
        foreach (var forComplaint in events.GroupBy(e => e.ComplaintId))
        {
            var complaint = complaints.GetValueOrDefault(forComplaint.Key)
                ?? throw new InvalidOperationException($"Timeline events of complaint {forComplaint.Key} were added without the complaint.");
            var customer = await CustomerOfAsync(db, complaint, cancellationToken);
            if (customer?.Email is not { Length: > 0 } address)
            {
                continue; // a customer reached by phone only: staff tell them; nothing to send
            }
            var revokedNow = db.ChangeTracker.Entries<TimelineEvent>()
                .Any(e => e.State == EntityState.Added && e.Entity.ComplaintId == complaint.Id && e.Entity.Kind == TimelineEventKind.StatusLinkRevoked);
            var sentOffer = false;
            var timeZone = await TimeZoneOfAsync(db, complaint.Id, cancellationToken);
            foreach (var happened in forComplaint)
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
                var link = revokedNow ? null : await LinkForMessageAsync(db, complaint.Id, kind, cancellationToken);
                var rendered = CustomerMessages.Compose(kind, facts with { HasLink = link is not null }, customer.PreferredLanguage);
                db.Outbox.Add(new OutboxMessage(kind, complaint.Id, address, customer.Name, customer.PreferredLanguage,
                    rendered.Subject, rendered.Text, rendered.Html, link is null ? null : protector.Protect(link), now));
            }
        }
        await WriteStaffMessagesAsync(db, notifications, now, cancellationToken);
    }

    /// <summary>
    /// A working link for this message: the one issued in this unit of work (acknowledgement, re-issue), else a fresh
    /// one — unless staff revoked the case's links and issued none since: then the message goes without a link.
    /// </summary>
    private async Task<string?> LinkForMessageAsync(ComplaintDeskDbContext db, Guid complaintId, OutboxKind kind, CancellationToken cancellationToken)
    {
        if (links.IssuedHere(complaintId) || kind is OutboxKind.Acknowledgement or OutboxKind.NewStatusLink)
        {
            return links.ForMessage(db, complaintId);
        }
        var anyLive = await db.StatusLinks.AnyAsync(l => l.ComplaintId == complaintId && l.RevokedAt == null, cancellationToken);
        return anyLive ? links.ForMessage(db, complaintId) : null;
    }

    /// <summary>The zone the case's deadlines are kept in (its clocks' calendar), for the times a message names.</summary>
    private static async Task<string?> TimeZoneOfAsync(ComplaintDeskDbContext db, Guid complaintId, CancellationToken cancellationToken)
    {
        var calendarId = db.ChangeTracker.Entries<SlaClock>().Select(e => e.Entity)
                .Where(c => c.ComplaintId == complaintId && c.CalendarId != null).Select(c => c.CalendarId).FirstOrDefault()
            ?? await db.SlaClocks.Where(c => c.ComplaintId == complaintId && c.CalendarId != null)
                .OrderByDescending(c => c.Id).Select(c => c.CalendarId).FirstOrDefaultAsync(cancellationToken);
        return calendarId is null
            ? null
            : await db.BusinessCalendars.Where(c => c.Id == calendarId).Select(c => c.TimeZoneId).FirstOrDefaultAsync(cancellationToken);
    }

    private static async Task<Customer?> CustomerOfAsync(ComplaintDeskDbContext db, Complaint complaint, CancellationToken cancellationToken) =>
        db.Entry(complaint).Reference(c => c.Customer).IsLoaded && complaint.Customer is not null
            ? complaint.Customer
            : await db.Customers.FindAsync([complaint.CustomerId], cancellationToken);

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
