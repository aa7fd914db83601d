namespace ComplaintDesk.Domain.Complaints;

/// <summary>One immutable line of a complaint's history: the audit log, the customer's view (public ones) and analytics.</summary>
public sealed class TimelineEvent
{
    private TimelineEvent() { }

    internal TimelineEvent(Guid complaintId, DateTimeOffset at, Actors.Actor actor, TimelineEventKind kind,
        ComplaintState? from, ComplaintState? to, string? text, Visibility visibility)
    {
        ComplaintId = complaintId;
        At = at;
        ActorId = actor.UserId;
        ActorName = actor.Name;
        Kind = kind;
        From = from;
        To = to;
        Text = text;
        Visibility = visibility;
    }

    /// <summary>Database-assigned and increasing: the order events happened in, even within one instant.</summary>
    public long Id { get; private set; }
    public Guid ComplaintId { get; private set; }
    public DateTimeOffset At { get; private set; }
    public string? ActorId { get; private set; }
    public string ActorName { get; private set; } = "";
    public TimelineEventKind Kind { get; private set; }
    public ComplaintState? From { get; private set; }
    public ComplaintState? To { get; private set; }
    public string? Text { get; private set; }
    public Visibility Visibility { get; private set; }
}
