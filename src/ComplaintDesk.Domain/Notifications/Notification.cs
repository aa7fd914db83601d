namespace ComplaintDesk.Domain.Notifications;

/// <summary>
/// Stored by name: members may be added or reordered freely, renaming one needs a data migration. CustomerMessage: the
/// customer wrote, or sent a photo, through the status link.
/// </summary>
public enum NotificationKind { Assigned, EscalationRequested, KeywordAlert, SlaWarning, SlaBreached, CustomerMessage }

/// <summary>An in-app notification for one staff member (the bell).</summary>
public sealed class Notification
{
    private Notification() { }

    public Notification(string userId, NotificationKind kind, Guid? complaintId, string? complaintReference, string text, DateTimeOffset at)
    {
        UserId = userId;
        Kind = kind;
        ComplaintId = complaintId;
        ComplaintReference = complaintReference;
        Text = text;
        CreatedAt = at;
    }

    public long Id { get; private set; }
    public string UserId { get; private set; } = "";
    public NotificationKind Kind { get; private set; }
    public Guid? ComplaintId { get; private set; }
    public string? ComplaintReference { get; private set; }
    public string Text { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? ReadAt { get; private set; }

    public void MarkRead(DateTimeOffset at) => ReadAt ??= at;
}
