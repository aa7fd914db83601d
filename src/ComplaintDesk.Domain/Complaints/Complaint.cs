using ComplaintDesk.Domain.Actors;
using ComplaintDesk.Domain.Customers;
using ComplaintDesk.Domain.Sla;

namespace ComplaintDesk.Domain.Complaints;

/// <summary>
/// The complaint aggregate. The state changes only through <see cref="Move"/>, which consults
/// <see cref="ComplaintLifecycle"/> and writes the timeline event; every public method is one use of the table.
/// </summary>
public sealed class Complaint
{
    private readonly List<TimelineEvent> _timeline = [];

    private Complaint() { }

    public Guid Id { get; private set; }
    public string Reference { get; private set; } = "";
    public Guid CustomerId { get; private set; }
    public Customer Customer { get; private set; } = null!;
    public Channel Channel { get; private set; }
    public string CategoryCode { get; private set; } = "";
    public Severity Severity { get; private set; }
    public string Subject { get; private set; } = "";
    public string Description { get; private set; } = "";
    public DateOnly? IncidentDate { get; private set; }
    public string? OrderReference { get; private set; }
    public string? ProductName { get; private set; }
    public DateOnly? PurchaseDate { get; private set; }
    public string? ProductUsage { get; private set; }
    public DesiredResolution? DesiredResolution { get; private set; }
    public string? DesiredResolutionText { get; private set; }

    public ComplaintState State { get; private set; }
    public string? OwnerId { get; private set; }
    public string? OwnerName { get; private set; }
    public int EscalationLevel { get; private set; }
    /// <summary>Set by a keyword rule (lawyer, media, injury…): the case needs a supervisor's eye.</summary>
    public bool RiskFlag { get; private set; }
    public DateTimeOffset ReceivedAt { get; private set; }
    public DateTimeOffset? AcknowledgedAt { get; private set; }
    public DateTimeOffset? ClosedAt { get; private set; }
    public ResolutionOutcome? Outcome { get; private set; }
    public string? ResolutionSummary { get; private set; }
    /// <summary>Set when the customer's satisfaction was recorded; no second follow-up unless reopened.</summary>
    public bool FollowUpDone { get; private set; }
    public int? SatisfactionScore { get; private set; }
    public DateTimeOffset LastChangedAt { get; private set; }

    /// <summary>Staff asked the customer something (or sent an offer): the resolve clock is paused until they answer.</summary>
    public bool WaitingOnCustomer { get; private set; }
    /// <summary>A resolve-by a supervisor set when approving an escalation; it replaces the policy's deadline.</summary>
    public DateTimeOffset? ResolveBy { get; private set; }
    /// <summary>A compensation authority for this case raised by an escalation decision (used by offers).</summary>
    public decimal? RaisedAuthority { get; private set; }
    /// <summary>An offer waits for a supervisor: the case cannot be resolved until it is decided.</summary>
    public bool OfferAwaitingApproval { get; private set; }

    /// <summary>The queue's SLA summary, kept by the clock keeper: the earliest open staff deadline and warning point.</summary>
    public DateTimeOffset? NextDueAt { get; private set; }
    public DateTimeOffset? NextWarnAt { get; private set; }
    /// <summary>A staff deadline passed and its obligation is still unmet.</summary>
    public bool Overdue { get; private set; }

    /// <summary>PostgreSQL's xmin: the concurrency token and the API's ETag.</summary>
    public uint Version { get; private set; }

    /// <summary>How many times the case was reopened: the customer's second "not satisfied" escalates it.</summary>
    public int ReopenCount { get; private set; }

    public IReadOnlyList<TimelineEvent> Timeline => _timeline;

    public static Complaint Log(string reference, Customer customer, ComplaintIntake intake, Actor actor, DateTimeOffset at)
    {
        var complaint = new Complaint
        {
            Id = Guid.CreateVersion7(at),
            Reference = reference,
            Customer = customer,
            CustomerId = customer.Id,
            Channel = intake.Channel,
            CategoryCode = intake.CategoryCode,
            Severity = intake.Severity,
            Subject = intake.Subject.Trim(),
            Description = intake.Description.Trim(),
            IncidentDate = intake.IncidentDate,
            OrderReference = Blank(intake.OrderReference),
            ProductName = Blank(intake.ProductName),
            PurchaseDate = intake.PurchaseDate,
            ProductUsage = Blank(intake.ProductUsage),
            DesiredResolution = intake.DesiredResolution,
            DesiredResolutionText = Blank(intake.DesiredResolutionText),
            State = ComplaintState.Received,
            ReceivedAt = at,
            LastChangedAt = at,
        };
        complaint.Record(at, actor, TimelineEventKind.Logged, null, ComplaintState.Received, null, Visibility.Public);
        return complaint;
    }

    public void Acknowledge(string? message, Actor actor, DateTimeOffset at)
    {
        Move(ComplaintTrigger.Acknowledge, actor, at, TimelineEventKind.Acknowledged, Blank(message), Visibility.Public);
        AcknowledgedAt = at;
    }

    /// <summary>The owner takes the case into investigation; an unowned case becomes the actor's.</summary>
    public void StartResolving(Actor actor, DateTimeOffset at)
    {
        Move(ComplaintTrigger.StartResolving, actor, at, TimelineEventKind.ResolvingStarted, null, Visibility.Public);
        if (OwnerId is null && actor.UserId is not null)
        {
            SetOwner(actor.UserId, actor.Name, actor, at);
        }
    }

    public void Escalate(string reason, Actor actor, DateTimeOffset at)
    {
        Move(ComplaintTrigger.Escalate, actor, at, TimelineEventKind.Escalated, reason, Visibility.Internal);
        EscalationLevel++;
    }

    /// <summary>Approve (optionally with a new owner) or decline with guidance; either way back to resolving.</summary>
    public void DecideEscalation(bool approved, string comment, (string Id, string Name)? newOwner, Actor actor, DateTimeOffset at,
        DateTimeOffset? resolveBy = null, decimal? raisedAuthority = null)
    {
        if (!approved && (resolveBy is not null || raisedAuthority is not null))
        {
            throw new ComplaintRuleException(Rules.DeclineChangesNothing,
                "A declined escalation changes neither the deadline nor the authority; those go with an approval.");
        }
        if (resolveBy is { } due && due <= at)
        {
            throw new ComplaintRuleException(Rules.ResolveByInPast, "The new resolve-by must be in the future.");
        }
        Move(ComplaintTrigger.DecideEscalation, actor, at,
            approved ? TimelineEventKind.EscalationApproved : TimelineEventKind.EscalationDeclined, comment, Visibility.Internal);
        // A case escalated straight from Received is acknowledged by the decision.
        AcknowledgedAt ??= at;
        if (approved && newOwner is { } owner)
        {
            SetOwner(owner.Id, owner.Name, actor, at);
        }
        ResolveBy = resolveBy?.ToUniversalTime() ?? ResolveBy;
        RaisedAuthority = raisedAuthority ?? RaisedAuthority;
    }

    public void Resolve(string summary, ResolutionOutcome outcome, Actor actor, DateTimeOffset at)
    {
        Move(ComplaintTrigger.Resolve, actor, at, TimelineEventKind.Resolved, summary, Visibility.Public);
        ResolutionSummary = summary.Trim();
        Outcome = outcome;
        ClosedAt = at;
    }

    public void StartFollowUp(Actor actor, DateTimeOffset at)
    {
        Move(ComplaintTrigger.StartFollowUp, actor, at, TimelineEventKind.FollowUpStarted, null, Visibility.Public);
    }

    public void ConfirmSatisfied(string? comment, int? score, Actor actor, DateTimeOffset at)
    {
        Move(ComplaintTrigger.ConfirmSatisfied, actor, at, TimelineEventKind.SatisfactionConfirmed, Blank(comment), Visibility.Public);
        FollowUpDone = true;
        SatisfactionScore = score;
    }

    /// <summary>
    /// Back to resolving: staff within the reopen window, or the follow-up answered "not satisfied" (by the customer on
    /// their link, or staff recording it). <paramref name="score"/> is that answer's 1–5, kept as the case's latest
    /// satisfaction score until the next follow-up answer.
    /// </summary>
    public void Reopen(string reason, Actor actor, DateTimeOffset at, LifecycleSettings settings, int? score = null)
    {
        var notSatisfied = State == ComplaintState.FollowUp;
        Move(ComplaintTrigger.Reopen, actor, at, TimelineEventKind.Reopened, reason, Visibility.Public, settings);
        ClosedAt = null;
        Outcome = null;
        ResolutionSummary = null;
        FollowUpDone = false;
        SatisfactionScore = score;
        // A fresh resolution clock: the old agreed date belonged to the old attempt.
        ResolveBy = null;
        ReopenCount++;
        // Not satisfied, and this is the second reopening: a senior colleague looks at it, not the same hands again.
        if (notSatisfied && ReopenCount >= 2)
        {
            Escalate(SecondReopeningReason, Actor.System, at);
        }
    }

    public const string SecondReopeningReason = "The customer is not satisfied, and the case was reopened a second time.";

    /// <summary>Staff issued a new status link (the old ones no longer open), or revoked them all. Internal: the customer sees the link, not the event.</summary>
    public void RecordStatusLink(bool issued, Actor actor, DateTimeOffset at)
    {
        EnsureCaseHandler(actor, issued ? "issue a status link" : "revoke the status link");
        Record(at, actor, issued ? TimelineEventKind.StatusLinkIssued : TimelineEventKind.StatusLinkRevoked, null, null, null, Visibility.Internal);
    }

    /// <summary>Staff ask the customer for something; until the customer answers, the resolve clock is paused.</summary>
    public void RequestInformation(string message, Actor actor, DateTimeOffset at)
    {
        EnsureCaseHandler(actor, "ask the customer for information");
        EnsureOpen("ask the customer for information");
        Record(at, actor, TimelineEventKind.InformationRequested, null, null, message.Trim(), Visibility.Public);
        WaitingOnCustomer = true;
    }

    /// <summary>The customer's words reach the case (a call or e-mail recorded by staff, or the status link).</summary>
    public void RecordCustomerMessage(string message, Actor actor, DateTimeOffset at)
    {
        if (!actor.Is(Party.Agent | Party.Supervisor | Party.Customer))
        {
            throw new ActionForbiddenException("Only staff or the customer can add the customer's message.");
        }
        Record(at, actor, TimelineEventKind.CustomerMessage, null, null, message.Trim(), Visibility.Public);
        WaitingOnCustomer = false;
    }

    /// <summary>Severity or category corrected by hand; the deadlines follow the new policy cell.</summary>
    public bool ChangeClassification(Severity severity, string categoryCode, Actor actor, DateTimeOffset at)
    {
        EnsureCaseHandler(actor, "change severity or category");
        EnsureOpen("change severity or category");
        if (severity == Severity && categoryCode == CategoryCode)
        {
            return false;
        }
        var changes = new List<string>();
        if (severity != Severity)
        {
            changes.Add($"severity {Severity} → {severity}");
        }
        if (categoryCode != CategoryCode)
        {
            changes.Add($"category {CategoryCode} → {categoryCode}");
        }
        Severity = severity;
        CategoryCode = categoryCode;
        Record(at, actor, TimelineEventKind.ClassificationChanged, null, null, string.Join("; ", changes), Visibility.Internal);
        return true;
    }

    /// <summary>The sweeper reached a deadline's warning point.</summary>
    public void RecordSlaWarning(SlaClockKind kind, DateTimeOffset at) =>
        Record(at, Actor.System, TimelineEventKind.SlaWarning, null, null, SlaKindName(kind), Visibility.Internal);

    /// <summary>
    /// A deadline passed unmet. An acknowledge or resolve breach escalates the case when the table allows it
    /// (returns true); any other breach is recorded and reported.
    /// </summary>
    public bool RecordSlaBreach(SlaClockKind kind, DateTimeOffset at)
    {
        Record(at, Actor.System, TimelineEventKind.SlaBreached, null, null, SlaKindName(kind), Visibility.Internal);
        if (kind is not (SlaClockKind.Acknowledge or SlaClockKind.Resolve)
            || ComplaintLifecycle.Find(State, ComplaintTrigger.Escalate) is null)
        {
            return false;
        }
        Escalate($"SLA breach: the {SlaKindName(kind)} deadline passed", Actor.System, at);
        return true;
    }

    /// <summary>The queue's summary of the open deadlines, kept by the clock keeper on every save that moves them.</summary>
    public void SetSlaSummary(DateTimeOffset? nextDueAt, DateTimeOffset? nextWarnAt, bool overdue)
    {
        NextDueAt = nextDueAt;
        NextWarnAt = nextWarnAt;
        Overdue = overdue;
    }

    /// <summary>
    /// An offer on this case changed (made, revised, decided, answered, expired, fulfilled): the timeline says so, a pending
    /// approval blocks resolving, and an offer in front of the customer makes the case wait on them until they answer or a
    /// revision takes it back for approval.
    /// </summary>
    public void TrackOffer(Compensation.CompensationOffer offer, TimelineEventKind kind, string text, Actor actor, DateTimeOffset at)
    {
        if (kind is not (TimelineEventKind.OfferMade or TimelineEventKind.OfferApproved or TimelineEventKind.OfferRejected
            or TimelineEventKind.OfferAccepted or TimelineEventKind.OfferDeclined or TimelineEventKind.OfferExpired
            or TimelineEventKind.OfferFulfilled))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not an offer event.");
        }
        // The customer's answer is part of their history with us; the internal handling (approvals) is not.
        var visibility = kind is TimelineEventKind.OfferAccepted or TimelineEventKind.OfferDeclined ? Visibility.Public : Visibility.Internal;
        Record(at, actor, kind, null, null, text, visibility);
        // A case has one open offer at a time, so this is what it was before this change.
        var wasAwaitingApproval = OfferAwaitingApproval;
        OfferAwaitingApproval = offer.State == Compensation.OfferState.AwaitingApproval;
        if (offer.State == Compensation.OfferState.Offered)
        {
            WaitingOnCustomer = true;
        }
        else if (offer.State is Compensation.OfferState.Accepted or Compensation.OfferState.Declined or Compensation.OfferState.Expired)
        {
            WaitingOnCustomer = false;
        }
        else if (kind == TimelineEventKind.OfferMade && offer.Version > 1 && !wasAwaitingApproval)
        {
            // A revision sent back to approval: the version the customer had is gone, nothing is in front of them, and
            // a wait the offer started must not pause the resolve clock for good. (A revision of a rejected version
            // lands here too; an information request still open then is cleared with it — asking again restores it.)
            WaitingOnCustomer = false;
        }
    }

    public static string SlaKindName(SlaClockKind kind) => kind switch
    {
        SlaClockKind.Acknowledge => "acknowledge",
        SlaClockKind.Resolve => "resolve",
        SlaClockKind.EscalationDecision => "escalationDecision",
        SlaClockKind.FollowUp => "followUp",
        SlaClockKind.FollowUpAnswer => "followUpAnswer",
        SlaClockKind.OfferAnswer => "offerAnswer",
        _ => "regulatory",
    };

    public bool IsOpenCase => State is not (ComplaintState.Closed or ComplaintState.FollowUp);

    private void EnsureOpen(string what)
    {
        if (!IsOpenCase)
        {
            throw new ComplaintRuleException(Rules.TransitionNotAllowed, "A closed complaint cannot {0}; reopen it first.", what);
        }
    }

    public void Assign(string ownerId, string ownerName, Actor actor, DateTimeOffset at)
    {
        EnsureCaseHandler(actor, "assign complaints");
        if (State == ComplaintState.Closed)
        {
            throw new ComplaintRuleException(Rules.TransitionNotAllowed, "A closed complaint cannot be assigned; reopen it first.");
        }
        SetOwner(ownerId, ownerName, actor, at);
    }

    public void AddNote(string body, Visibility visibility, Actor actor, DateTimeOffset at)
    {
        EnsureCaseHandler(actor, "add notes");
        Record(at, actor, TimelineEventKind.Note, null, null, body.Trim(), visibility);
    }

    /// <summary>A public reply to the customer; it becomes part of the customer-visible history.</summary>
    public void Reply(string body, Actor actor, DateTimeOffset at)
    {
        EnsureCaseHandler(actor, "reply to customers");
        Record(at, actor, TimelineEventKind.Reply, null, null, body.Trim(), Visibility.Public);
    }

    /// <summary>
    /// A keyword rule matched: severity rises to at least <paramref name="minimumSeverity"/> (never falls) and the
    /// risk flag is set when the rule says so. Returns false when the rule changed nothing (no event is written).
    /// </summary>
    public bool ApplyKeywordRule(string phrase, Severity minimumSeverity, bool riskFlag, DateTimeOffset at)
    {
        var raises = minimumSeverity > Severity;
        var flags = riskFlag && !RiskFlag;
        if (!raises && !flags)
        {
            return false;
        }
        var from = Severity;
        Severity = raises ? minimumSeverity : Severity;
        RiskFlag |= riskFlag;
        // KeywordScreening.PhraseOf reads the phrase back from this text for the supervisors' notification:
        // keep the `Keyword "{phrase}": ` prefix.
        var text = raises
            ? $"Keyword \"{phrase}\": severity {from} → {Severity}{(flags ? ", risk flag set" : "")}"
            : $"Keyword \"{phrase}\": risk flag set";
        Record(at, Actor.System, TimelineEventKind.KeywordAlert, null, null, text, Visibility.Internal);
        return true;
    }

    public void RecordEvidence(string fileName, Actor actor, DateTimeOffset at)
    {
        // The customer adds photos through their status link; then the event is theirs to see too.
        if (!actor.Is(Party.Agent | Party.Supervisor | Party.Customer))
        {
            throw new ActionForbiddenException("Only staff or the customer can add evidence.");
        }
        Record(at, actor, TimelineEventKind.EvidenceAdded, null, null, fileName,
            actor.Is(Party.Customer) ? Visibility.Public : Visibility.Internal);
        // A photo from the customer is their answer as much as a message is: the case no longer waits on them.
        if (actor.Is(Party.Customer))
        {
            WaitingOnCustomer = false;
        }
    }

    /// <summary>What this actor may do now: the table's moves from here, less those an extra condition refuses.</summary>
    public IReadOnlyList<ComplaintTrigger> AllowedTriggers(Actor actor, DateTimeOffset at, LifecycleSettings settings) =>
        ComplaintLifecycle.TriggersFrom(State, actor.Parties)
            .Where(trigger => ExtraConditionRefuses(trigger, at, settings) is null)
            .ToList();

    public bool CanBeAssignedBy(Actor actor) => actor.Is(Party.Agent | Party.Supervisor) && State != ComplaintState.Closed;

    private ComplaintRuleException? ExtraConditionRefuses(ComplaintTrigger trigger, DateTimeOffset at, LifecycleSettings settings) =>
        trigger switch
        {
            ComplaintTrigger.Resolve when OfferAwaitingApproval =>
                new(Rules.OfferAwaitingApproval, "An offer awaits a supervisor's approval; the complaint can be resolved once it is decided."),
            ComplaintTrigger.StartFollowUp when FollowUpDone =>
                new(Rules.FollowUpAlreadyDone, "The follow-up was already done; a complaint gets a second one only after it is reopened."),
            ComplaintTrigger.Reopen when State == ComplaintState.Closed && ClosedAt is { } closed && at > closed + settings.ReopenWindow =>
                new(Rules.ReopenWindowPassed, "The complaint was closed more than {0:0} days ago and can no longer be reopened.",
                    settings.ReopenWindow.TotalDays),
            _ => null,
        };

    private static void EnsureCaseHandler(Actor actor, string what)
    {
        if (!actor.Is(Party.Agent | Party.Supervisor))
        {
            throw new ActionForbiddenException("Only staff who handle complaints can {0}.", what);
        }
    }

    /// <summary>The only place the state is assigned.</summary>
    private void Move(ComplaintTrigger trigger, Actor actor, DateTimeOffset at, TimelineEventKind kind, string? text,
        Visibility visibility, LifecycleSettings? settings = null)
    {
        var transition = ComplaintLifecycle.Find(State, trigger)
            ?? throw new ComplaintRuleException(Rules.TransitionNotAllowed,
                "A complaint in state {0} cannot take the action {1}.", State, trigger);
        if ((transition.Who & actor.Parties) == 0)
        {
            throw new ActionForbiddenException("{0} from {1} is not yours to do.", trigger, State);
        }
        if (ExtraConditionRefuses(trigger, at, settings ?? LifecycleSettings.Default) is { } refusal)
        {
            throw refusal;
        }
        var from = State;
        State = transition.To;
        Record(at, actor, kind, from, State, text?.Trim(), visibility);
    }

    private void SetOwner(string ownerId, string ownerName, Actor actor, DateTimeOffset at)
    {
        OwnerId = ownerId;
        OwnerName = ownerName;
        Record(at, actor, TimelineEventKind.Assigned, null, null, ownerName, Visibility.Internal);
    }

    private void Record(DateTimeOffset at, Actor actor, TimelineEventKind kind, ComplaintState? from, ComplaintState? to,
        string? text, Visibility visibility)
    {
        _timeline.Add(new TimelineEvent(Id, at, actor, kind, from, to, text, visibility));
        // Every change touches the row, so the xmin check catches concurrent notes and assignments too.
        LastChangedAt = at;
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
