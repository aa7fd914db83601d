namespace ComplaintDesk.Domain.Complaints;

public enum ComplaintState { Received, Acknowledged, Resolving, Escalated, Closed, FollowUp }

/// <summary>The lifecycle triggers; <see cref="ComplaintLifecycle"/> says where each may be fired and by whom.</summary>
public enum ComplaintTrigger { Acknowledge, StartResolving, Escalate, DecideEscalation, Resolve, StartFollowUp, ConfirmSatisfied, Reopen }

public enum Channel { Phone, Email, WebForm, Chat, SocialMedia, InStore, Other }

public enum Severity { Low, Medium, High, Critical }

public enum ResolutionOutcome { Upheld, PartlyUpheld, NotUpheld }

public enum DesiredResolution { Refund, Replacement, Repair, Apology, Explanation, Compensation, Other }

public enum ContactMethod { Email, Phone, Sms, Post }

public enum Visibility { Internal, Public }

public enum TimelineEventKind
{
    Logged,
    Acknowledged,
    ResolvingStarted,
    Escalated,
    EscalationApproved,
    EscalationDeclined,
    Resolved,
    FollowUpStarted,
    SatisfactionConfirmed,
    Reopened,
    Assigned,
    Note,
    /// <summary>A public reply to the customer, written by staff (perhaps from a template).</summary>
    Reply,
    /// <summary>A keyword rule matched the customer's words: severity raised and/or risk flagged.</summary>
    KeywordAlert,
    EvidenceAdded,
    /// <summary>Staff asked the customer for information: the case waits on the customer.</summary>
    InformationRequested,
    /// <summary>The customer wrote (recorded by staff from a call or e-mail, or from the status link).</summary>
    CustomerMessage,
    /// <summary>Severity or category changed by hand: the staff deadlines are recomputed.</summary>
    ClassificationChanged,
    /// <summary>A deadline is near (the policy's warning point passed); the text is the clock kind.</summary>
    SlaWarning,
    /// <summary>A deadline passed unmet; the text is the clock kind.</summary>
    SlaBreached,
    /// <summary>Compensation: an offer made (or revised), decided by a supervisor, answered, expired, fulfilled.</summary>
    OfferMade,
    OfferApproved,
    OfferRejected,
    OfferAccepted,
    OfferDeclined,
    OfferExpired,
    OfferFulfilled,
    /// <summary>Staff issued a new status link (revoking the old ones) or revoked the links.</summary>
    StatusLinkIssued,
    StatusLinkRevoked,
}
