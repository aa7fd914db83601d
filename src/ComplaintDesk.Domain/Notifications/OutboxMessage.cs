namespace ComplaintDesk.Domain.Notifications;

public enum OutboxState { Pending, Sent, Dead }

/// <summary>How a message travels. E-mail first; SMS can join as another channel.</summary>
public enum OutboxChannel { Email }

/// <summary>Why a message is sent: the customer-facing ones and the staff notification.</summary>
public enum OutboxKind
{
    /// <summary>The first response, with the status link.</summary>
    Acknowledgement,
    /// <summary>An offer reached the customer (made within authority, or approved).</summary>
    OfferMade,
    /// <summary>Staff wrote to the customer (a reply).</summary>
    StaffMessage,
    /// <summary>Staff asked the customer for information.</summary>
    InformationRequested,
    Resolution,
    /// <summary>"Are you satisfied with how we handled this?"</summary>
    FollowUpQuestion,
    /// <summary>Staff re-issued the link; the old ones no longer open.</summary>
    NewStatusLink,
    /// <summary>A staff member's notification (the bell's text), by e-mail.</summary>
    StaffNotification,
}

/// <summary>
/// A message to deliver, written in the same transaction as the change that causes it and delivered later by a
/// dispatcher (any instance). The bodies hold <see cref="LinkPlaceholder"/> where the status link goes; the link itself
/// is kept only in <see cref="ProtectedLink"/>, encrypted with the application's data-protection keys. Those keys live
/// in the same database, unencrypted, so whoever can read the database can open the links of messages not yet sent; the
/// exposure is bounded by dropping a link once its message is sent and when staff revoke the case's links
/// (<see cref="DropLink"/>).
/// </summary>
public sealed class OutboxMessage
{
    public const string LinkPlaceholder = "{statusLink}";

    private OutboxMessage() { }

    public OutboxMessage(OutboxKind kind, Guid? complaintId, string recipientAddress, string recipientName, string language,
        string subject, string textBody, string htmlBody, string? protectedLink, DateTimeOffset at)
    {
        Id = Guid.CreateVersion7(at);
        Kind = kind;
        Channel = OutboxChannel.Email;
        ComplaintId = complaintId;
        RecipientAddress = recipientAddress;
        RecipientName = recipientName;
        Language = language;
        Subject = subject;
        TextBody = textBody;
        HtmlBody = htmlBody;
        ProtectedLink = protectedLink;
        State = OutboxState.Pending;
        CreatedAt = at;
        NextAttemptAt = at;
    }

    public Guid Id { get; private set; }
    public OutboxKind Kind { get; private set; }
    public OutboxChannel Channel { get; private set; }
    public Guid? ComplaintId { get; private set; }
    public string RecipientAddress { get; private set; } = "";
    public string RecipientName { get; private set; } = "";
    public string Language { get; private set; } = "en";
    public string Subject { get; private set; } = "";
    public string TextBody { get; private set; } = "";
    public string HtmlBody { get; private set; } = "";
    /// <summary>The status link, encrypted by the application's data protection; null once sent, after a revoke, or for staff messages.</summary>
    public string? ProtectedLink { get; private set; }
    public OutboxState State { get; private set; }
    public int Attempts { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset NextAttemptAt { get; private set; }
    public DateTimeOffset? SentAt { get; private set; }
    public string? LastError { get; private set; }

    public void MarkSent(DateTimeOffset at)
    {
        State = OutboxState.Sent;
        SentAt = at;
        Attempts++;
        LastError = null;
        ProtectedLink = null; // delivered: nothing left that could open the case
    }

    /// <summary>The case's links were revoked: the message goes without one (the dispatcher says how to ask for a new link).</summary>
    public void DropLink() => ProtectedLink = null;

    /// <summary>A failed attempt: try again after an exponential back-off, or give up (dead letter) after <paramref name="maxAttempts"/>.</summary>
    public void MarkFailed(string error, DateTimeOffset at, int maxAttempts, TimeSpan firstDelay, TimeSpan longestDelay)
    {
        Attempts++;
        LastError = error.Length <= FieldLengths.OutboxError ? error : error[..FieldLengths.OutboxError];
        if (Attempts >= maxAttempts)
        {
            State = OutboxState.Dead;
            return;
        }
        var delay = TimeSpan.FromTicks(Math.Min(longestDelay.Ticks, firstDelay.Ticks * (1L << Math.Min(Attempts - 1, 30))));
        NextAttemptAt = at + delay;
    }

    /// <summary>An administrator sends a dead letter again: a fresh set of attempts from now.</summary>
    public void Retry(DateTimeOffset at)
    {
        if (State != OutboxState.Dead)
        {
            throw new ComplaintRuleException(Rules.OutboxNotDead, "Only a message that failed for good (dead) can be retried.");
        }
        State = OutboxState.Pending;
        Attempts = 0;
        NextAttemptAt = at;
        LastError = null;
    }
}
