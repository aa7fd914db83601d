using ComplaintDesk.Application.Persistence;
using ComplaintDesk.Domain.Actors;
using ComplaintDesk.Domain.Compensation;
using ComplaintDesk.Domain.Complaints;
using ComplaintDesk.Domain.Customers;
using ComplaintDesk.Domain.Evidence;
using ComplaintDesk.Domain.Sla;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace ComplaintDesk.Application.Features.StatusLinks;

/// <summary>Where the complaint stands, as the customer reads it (the page puts it in plain words).</summary>
public enum CustomerStage { Received, Working, WaitingForYou, Senior, Resolved, FollowUp }

/// <summary>What happens next, and whose move it is.</summary>
public enum NextStepKind { Acknowledge, Resolve, AnswerInformationRequest, EscalationDecision, AnswerOffer, FollowUpQuestion, AnswerFollowUp, Nothing }

/// <summary>Who did it, as the customer may know: they themselves, a staff member by first name, or the desk.</summary>
public enum TimelineAuthor { You, Staff, Desk }

/// <summary>What happens next and by when (null: no promise to show, e.g. the case waits on the customer).</summary>
public sealed record NextStep(NextStepKind Kind, DateTimeOffset? By);

/// <summary>One public event. <see cref="StaffFirstName"/> only for <see cref="TimelineAuthor.Staff"/>; <see cref="Text"/> only for kinds whose text is written for the customer.</summary>
public sealed record StatusTimelineEntry(DateTimeOffset At, TimelineEventKind Kind, TimelineAuthor Author, string? StaffFirstName, string? Text);

/// <summary>An option as the customer sees it: no internal note, no cost beyond what they would receive.</summary>
public sealed record CustomerOfferOption(Guid Id, CompensationKind Kind, decimal Amount, string Currency, string CustomerText);

/// <summary>The offer in front of the customer (state Offered only), with the version their answer must name.</summary>
public sealed record CustomerOffer(Guid Id, int Version, IReadOnlyList<CustomerOfferOption> Options, DateTimeOffset? AnswerBy);

/// <summary>
/// The customer's status page: the minimum and nothing internal. <see cref="TimeZoneId"/> (IANA) is the zone times are
/// shown in (<see cref="CaseTimeZone"/>). The customer may write in every state, closed too (an expired link never gets
/// here); <see cref="CanAddPhoto"/> is false once the case holds its most files.
/// </summary>
public sealed record StatusPageView(
    string Reference,
    ComplaintState State,
    CustomerStage Stage,
    NextStep Next,
    string TimeZoneId,
    IReadOnlyList<StatusTimelineEntry> Timeline,
    bool TimelineTruncated,
    CustomerOffer? Offer,
    bool FollowUpOpen,
    string PreferredLanguage,
    bool CanAddPhoto);

/// <summary>The status page of the complaint a token opens. A GET: reads only (no tracking), changes nothing. <see cref="ToString"/> hides the token.</summary>
public sealed record GetStatusPageQuery(string Token) : IQuery<StatusPageView>
{
    public override string ToString() => nameof(GetStatusPageQuery);
}

public sealed class GetStatusPageHandler(ComplaintDeskDbContext db, StatusLinkSettings settings, TimeProvider clock)
    : IQueryHandler<GetStatusPageQuery, StatusPageView>
{
    /// <summary>A bound, not a page: the newest public events; a case rarely has more than a few dozen.</summary>
    public const int MaxTimeline = 200;

    /// <summary>Kinds whose text was written for the customer (or by them); any other public event shows as a label only.</summary>
    private static readonly HashSet<TimelineEventKind> TextForCustomer =
    [
        TimelineEventKind.Acknowledged, TimelineEventKind.Reply, TimelineEventKind.InformationRequested, TimelineEventKind.CustomerMessage,
        TimelineEventKind.Resolved, TimelineEventKind.Reopened, TimelineEventKind.SatisfactionConfirmed, TimelineEventKind.OfferDeclined,
        TimelineEventKind.Note,
    ];

    public async ValueTask<StatusPageView> Handle(GetStatusPageQuery query, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var complaint = await StatusLinkTokens.ResolveAsync(db, settings, now, query.Token, cancellationToken);
        var id = complaint.ComplaintId;

        var clocks = await db.SlaClocks.AsNoTracking()
            .Where(k => k.ComplaintId == id)
            .OrderByDescending(k => k.Id)
            .Take(Features.Complaints.ComplaintView.MaxSlaClocks)
            .Select(k => new ClockRow(k.Kind, k.State, k.DueAt, k.StoppedAt))
            .ToListAsync(cancellationToken);

        var offer = await StatusLinkTokens.OpenOffer(db, id).FirstOrDefaultAsync(cancellationToken);
        var customerOffer = offer is null
            ? null
            : new CustomerOffer(offer.Id, offer.Version,
                offer.Options.OrderBy(o => o.Position).Select(o => new CustomerOfferOption(o.Id, o.Kind, o.Amount, o.Currency, o.CustomerText)).ToList(),
                offer.AnswerBy);

        var events = await db.TimelineEvents.AsNoTracking()
            .Where(e => e.ComplaintId == id && e.Visibility == Visibility.Public)
            .OrderByDescending(e => e.Id)
            .Take(MaxTimeline + 1)
            .Select(e => new { e.At, e.Kind, e.ActorId, e.ActorName, e.Text })
            .ToListAsync(cancellationToken);
        var timeline = events.Take(MaxTimeline)
            .Select(e =>
            {
                var author = AuthorOf(e.Kind, e.ActorId, e.ActorName);
                return new StatusTimelineEntry(e.At, e.Kind, author, author == TimelineAuthor.Staff ? CustomerNames.FirstName(e.ActorName) : null,
                    TextForCustomer.Contains(e.Kind) ? e.Text : null);
            })
            .ToList();

        var attachments = await db.Attachments.CountAsync(a => a.ComplaintId == id, cancellationToken);
        var zone = await CaseTimeZone.OfAsync(db, id, complaint.PreferredLanguage, cancellationToken);

        var waiting = complaint.WaitingOnCustomer;
        return new StatusPageView(
            complaint.Reference,
            complaint.State,
            StageOf(complaint.State, waiting),
            NextOf(complaint.State, waiting, customerOffer, clocks, now),
            zone,
            timeline,
            events.Count > MaxTimeline,
            customerOffer,
            complaint.State == ComplaintState.FollowUp,
            complaint.PreferredLanguage,
            CanAddPhoto: attachments < Attachment.MaxPerComplaint);
    }

    private sealed record ClockRow(SlaClockKind Kind, SlaClockState State, DateTimeOffset DueAt, DateTimeOffset? StoppedAt);

    public static CustomerStage StageOf(ComplaintState state, bool waitingOnCustomer) => state switch
    {
        ComplaintState.Received => CustomerStage.Received,
        ComplaintState.Acknowledged or ComplaintState.Resolving => waitingOnCustomer ? CustomerStage.WaitingForYou : CustomerStage.Working,
        ComplaintState.Escalated => CustomerStage.Senior,
        ComplaintState.Closed => CustomerStage.Resolved,
        _ => CustomerStage.FollowUp,
    };

    private static NextStep NextOf(ComplaintState state, bool waiting, CustomerOffer? offer, List<ClockRow> clocks, DateTimeOffset now)
    {
        // Only a deadline still counting and still ahead is a promise worth showing; a paused or passed one is not.
        DateTimeOffset? Due(SlaClockKind kind) => clocks
            .Where(k => k.Kind == kind && k.State == SlaClockState.Running && k.StoppedAt is null && k.DueAt > now)
            .Select(k => (DateTimeOffset?)k.DueAt)
            .Min();

        return state switch
        {
            ComplaintState.Received => new(NextStepKind.Acknowledge, Due(SlaClockKind.Acknowledge)),
            ComplaintState.Acknowledged or ComplaintState.Resolving when offer is not null =>
                new(NextStepKind.AnswerOffer, offer.AnswerBy ?? Due(SlaClockKind.OfferAnswer)),
            ComplaintState.Acknowledged or ComplaintState.Resolving when waiting => new(NextStepKind.AnswerInformationRequest, null),
            ComplaintState.Acknowledged or ComplaintState.Resolving => new(NextStepKind.Resolve, Due(SlaClockKind.Resolve)),
            ComplaintState.Escalated => new(NextStepKind.EscalationDecision, Due(SlaClockKind.EscalationDecision)),
            ComplaintState.Closed when Due(SlaClockKind.FollowUp) is { } at => new(NextStepKind.FollowUpQuestion, at),
            ComplaintState.Closed => new(NextStepKind.Nothing, null),
            _ => new(NextStepKind.AnswerFollowUp, Due(SlaClockKind.FollowUpAnswer)),
        };
    }

    /// <summary>The customer's own words are theirs whoever recorded them; no user id and not the system: the customer through the link.</summary>
    private static TimelineAuthor AuthorOf(TimelineEventKind kind, string? actorId, string actorName) =>
        kind == TimelineEventKind.CustomerMessage ? TimelineAuthor.You
        : actorId is not null ? TimelineAuthor.Staff
        : actorName == Actor.System.Name ? TimelineAuthor.Desk
        : TimelineAuthor.You;
}

/// <summary>
/// The zone a case's times are shown in to its customer, on the status page and in every message alike: the calendar of
/// the case's newest business-hours clock (the desk's own hours are what a promise was made in), else the usual zone of
/// the customer's language.
/// </summary>
public static class CaseTimeZone
{
    /// <summary>The fallback: where a customer of this language most likely lives (UTC for any other language).</summary>
    public static string UsualFor(string? language) => language switch
    {
        Languages.TraditionalChinese => "Asia/Taipei",
        Languages.SimplifiedChinese => "Asia/Shanghai",
        _ => "UTC",
    };

    public static async Task<string> OfAsync(ComplaintDeskDbContext db, Guid complaintId, string? language, CancellationToken cancellationToken) =>
        (await OfAsync(db, new Dictionary<Guid, string?> { [complaintId] = language }, cancellationToken))[complaintId];

    /// <summary>
    /// The zones of several cases (with each one's customer language) in at most two queries, so the outbox can name a
    /// whole save's cases at once. Clocks added in the current unit of work, not yet saved, count as the newest.
    /// </summary>
    public static async Task<Dictionary<Guid, string>> OfAsync(ComplaintDeskDbContext db, IReadOnlyDictionary<Guid, string?> languages,
        CancellationToken cancellationToken)
    {
        var ids = languages.Keys.ToList();
        var added = db.ChangeTracker.Entries<SlaClock>()
            .Where(e => e.State == EntityState.Added && e.Entity.CalendarId is not null && languages.ContainsKey(e.Entity.ComplaintId))
            .Select(e => e.Entity)
            .ToList();
        var stored = await db.SlaClocks.AsNoTracking()
            .Where(c => ids.Contains(c.ComplaintId) && c.CalendarId != null)
            .Select(c => new { c.ComplaintId, c.Id, c.CalendarId })
            .ToListAsync(cancellationToken);
        var calendarOf = ids.ToDictionary(id => id, id =>
            added.FirstOrDefault(c => c.ComplaintId == id)?.CalendarId
            ?? stored.Where(c => c.ComplaintId == id).MaxBy(c => c.Id)?.CalendarId);
        var calendarIds = calendarOf.Values.OfType<Guid>().Distinct().ToList();
        var zones = calendarIds.Count == 0
            ? new Dictionary<Guid, string>()
            : await db.BusinessCalendars.AsNoTracking().Where(c => calendarIds.Contains(c.Id))
                .ToDictionaryAsync(c => c.Id, c => c.TimeZoneId, cancellationToken);
        return ids.ToDictionary(id => id, id =>
            calendarOf[id] is { } calendarId && zones.GetValueOrDefault(calendarId) is { Length: > 0 } zone ? zone : UsualFor(languages[id]));
    }
}
