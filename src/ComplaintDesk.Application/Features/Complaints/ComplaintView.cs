using System.Text.Json;
using System.Text.Json.Serialization;
using ComplaintDesk.Application.Persistence;
using ComplaintDesk.Domain.Actors;
using ComplaintDesk.Domain.Complaints;
using ComplaintDesk.Domain.Evidence;
using ComplaintDesk.Domain.Sla;
using Microsoft.EntityFrameworkCore;

namespace ComplaintDesk.Application.Features.Complaints;

/// <summary>
/// The complaint's customer. <see cref="ComplaintCount"/> counts all their complaints (this one included), so a
/// repeat complainant shows; <see cref="CompensationLast12Months"/> is what they were granted in the last 12 months.
/// </summary>
public sealed record CustomerSummary(Guid Id, string Name, string? Email, string? Phone, string PreferredLanguage,
    int ComplaintCount, decimal CompensationLast12Months);

/// <summary>One piece of evidence as the complaint resource lists it.</summary>
public sealed record AttachmentSummary(Guid Id, string FileName, string ContentType, long Size);

/// <summary>
/// One deadline of the case as the resource lists it. <see cref="DueAt"/> is the deadline (moved later by the paused time
/// when a paused clock resumes); <see cref="WarnAt"/> the warning point, null for timers that do not warn;
/// <see cref="Business"/> whether it counts business hours of its calendar (else elapsed time).
/// </summary>
public sealed record SlaClockView(
    SlaClockKind Kind,
    DateTimeOffset DueAt,
    SlaClockState State,
    DateTimeOffset? BreachedAt,
    DateTimeOffset? PausedSince,
    DateTimeOffset? WarnAt,
    DateTimeOffset StartedAt,
    DateTimeOffset? StoppedAt,
    bool Business)
{
    /// <summary>Still owed: counting, paused, or breached and not yet done.</summary>
    [JsonIgnore]
    public bool IsOpen => StoppedAt is null && State != SlaClockState.Cancelled;
}

/// <summary>
/// The complaint resource, as the API returns it and the case page shows it. <see cref="NextDueAt"/> and
/// <see cref="Overdue"/> are the queue's summary of the open staff deadlines; <see cref="SlaClocks"/> lists every clock,
/// oldest first (stopped and cancelled ones too, so the history of a recomputed deadline shows).
/// </summary>
public sealed record ComplaintView(
    Guid Id,
    string Reference,
    ComplaintState State,
    Severity Severity,
    string Category,
    Channel Channel,
    string Subject,
    string Description,
    CustomerSummary Customer,
    string? OrderReference,
    string? ProductName,
    DateOnly? PurchaseDate,
    DateOnly? IncidentDate,
    string? ProductUsage,
    DesiredResolution? DesiredResolution,
    string? DesiredResolutionText,
    string? OwnerId,
    string? OwnerName,
    int EscalationLevel,
    bool RiskFlag,
    DateTimeOffset ReceivedAt,
    DateTimeOffset? AcknowledgedAt,
    DateTimeOffset? ClosedAt,
    ResolutionOutcome? Outcome,
    string? ResolutionSummary,
    int? SatisfactionScore,
    bool WaitingOnCustomer,
    DateTimeOffset? ResolveBy,
    DateTimeOffset? NextDueAt,
    bool Overdue,
    IReadOnlyList<SlaClockView> SlaClocks,
    IReadOnlyList<AttachmentSummary> Attachments,
    IReadOnlyList<string> AllowedActions,
    uint Version)
{
    /// <summary>A bound, not a page: a complaint holds at most <see cref="Attachment.MaxPerComplaint"/> files.</summary>
    public const int MaxAttachments = 100;

    /// <summary>
    /// A bound, not a page: a case has a handful of clocks (three at intake, one per escalation, closing and recomputation).
    /// Should one ever pass it, the newest are kept: those are the ones still counting.
    /// </summary>
    public const int MaxSlaClocks = 100;

    /// <summary>
    /// The customer's status link, in the answer that issued it (the acknowledgement) and nowhere else: afterwards
    /// only its hash exists.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? StatusLink { get; init; }

    /// <summary>
    /// The resource for <paramref name="c"/> (loaded with its customer) as <paramref name="actor"/> sees it now: two
    /// small indexed reads besides the row — its attachments, its SLA clocks, and how many complaints its customer has made.
    /// </summary>
    public static async Task<ComplaintView> ReadAsync(ComplaintDeskDbContext db, Complaint c, Actor actor, DateTimeOffset now,
        LifecycleSettings settings, CancellationToken cancellationToken)
    {
        var attachments = await db.Attachments.AsNoTracking()
            .Where(a => a.ComplaintId == c.Id)
            .OrderByDescending(a => a.UploadedAt).ThenByDescending(a => a.Id)
            .Take(MaxAttachments)
            .Select(a => new AttachmentSummary(a.Id, a.FileName, a.ContentType, a.Size))
            .ToListAsync(cancellationToken);
        var clocks = (await db.SlaClocks.AsNoTracking()
                .Where(k => k.ComplaintId == c.Id)
                .OrderByDescending(k => k.Id)
                .Take(MaxSlaClocks)
                .Select(k => new { k.Id, View = new SlaClockView(k.Kind, k.DueAt, k.State, k.BreachedAt, k.PausedSince, k.WarnAt, k.StartedAt, k.StoppedAt, k.Business) })
                .ToListAsync(cancellationToken))
            .OrderBy(k => k.View.StartedAt).ThenBy(k => k.Id)
            .Select(k => k.View)
            .ToList();
        var complaintCount = await db.Complaints.CountAsync(other => other.CustomerId == c.CustomerId, cancellationToken);
        return new ComplaintView(
            c.Id, c.Reference, c.State, c.Severity, c.CategoryCode, c.Channel, c.Subject, c.Description,
            new CustomerSummary(c.Customer.Id, c.Customer.Name, c.Customer.Email, c.Customer.Phone, c.Customer.PreferredLanguage,
                complaintCount, await CustomerCompensation.Last12MonthsAsync(db, c.CustomerId, now, cancellationToken)),
            c.OrderReference, c.ProductName, c.PurchaseDate, c.IncidentDate, c.ProductUsage, c.DesiredResolution,
            c.DesiredResolutionText, c.OwnerId, c.OwnerName, c.EscalationLevel, c.RiskFlag, c.ReceivedAt, c.AcknowledgedAt, c.ClosedAt,
            c.Outcome, c.ResolutionSummary, c.SatisfactionScore, c.WaitingOnCustomer, c.ResolveBy, c.NextDueAt, c.Overdue, clocks, attachments, ComplaintActions.For(c, actor, now, settings), c.Version);
    }

    public bool Allows(string action) => AllowedActions.Contains(action);
}

/// <summary>
/// A customer's compensation in the last 12 months: the ledger's accepted options since then (index on
/// CustomerId, AcceptedAt). The one place that sums it, for the case page, the customer, the desk and the offer form.
/// </summary>
public static class CustomerCompensation
{
    public static DateTimeOffset Since(DateTimeOffset now) => now.AddMonths(-12);

    public static Task<decimal> Last12MonthsAsync(ComplaintDeskDbContext db, Guid customerId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var since = Since(now);
        return db.Ledger.Where(l => l.CustomerId == customerId && l.AcceptedAt >= since).SumAsync(l => l.Amount, cancellationToken);
    }

    /// <summary>The totals of several customers in one statement.</summary>
    public static async Task<IReadOnlyDictionary<Guid, decimal>> Last12MonthsAsync(ComplaintDeskDbContext db, IReadOnlyCollection<Guid> customerIds,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        var since = Since(now);
        return await db.Ledger.Where(l => customerIds.Contains(l.CustomerId) && l.AcceptedAt >= since)
            .GroupBy(l => l.CustomerId)
            .Select(g => new { g.Key, Total = g.Sum(l => l.Amount) })
            .ToDictionaryAsync(x => x.Key, x => x.Total, cancellationToken);
    }
}

/// <summary>
/// Action names as the API and the pages know them: the lifecycle triggers plus assign, addNote, reply and the three
/// that move the SLA clocks by hand (requestInformation, recordCustomerMessage, changeClassification).
/// </summary>
public static class ComplaintActions
{
    public const string Assign = "assign";
    public const string AddNote = "addNote";
    /// <summary>A public reply to the customer: allowed in every state, since customers write after closing too.</summary>
    public const string Reply = "reply";
    /// <summary>Ask the customer for something: the case waits on them and the resolve clock pauses. Open cases only.</summary>
    public const string RequestInformation = "requestInformation";
    /// <summary>What the customer said or sent (a call, an e-mail): the case no longer waits. Every state: customers write after closing too.</summary>
    public const string RecordCustomerMessage = "recordCustomerMessage";
    /// <summary>Correct severity or category; the deadlines follow the new policy cell. Open cases only.</summary>
    public const string ChangeClassification = "changeClassification";

    public static string Name(ComplaintTrigger trigger) => CamelCase(trigger.ToString());

    public static string CamelCase(string name) => JsonNamingPolicy.CamelCase.ConvertName(name);

    public static IReadOnlyList<string> For(Complaint complaint, Actor actor, DateTimeOffset now, LifecycleSettings settings)
    {
        var actions = complaint.AllowedTriggers(actor, now, settings).Select(Name).ToList();
        if (complaint.CanBeAssignedBy(actor))
        {
            actions.Add(Assign);
        }
        if (actor.Is(Party.Agent | Party.Supervisor))
        {
            actions.Add(AddNote);
            actions.Add(Reply);
            // As Complaint.RequestInformation / RecordCustomerMessage / ChangeClassification decide: staff, and an open case for two.
            if (complaint.IsOpenCase)
            {
                actions.Add(RequestInformation);
            }
            actions.Add(RecordCustomerMessage);
            if (complaint.IsOpenCase)
            {
                actions.Add(ChangeClassification);
            }
        }
        return actions;
    }
}
