namespace ComplaintDesk.Domain.Evidence;

/// <summary>
/// A photo, screenshot or PDF the customer sent. The file lives outside the web root under <see cref="StorageKey"/>
/// (a server-made name); <see cref="ContentType"/> is what the content is, not what the name claims.
/// </summary>
public sealed class Attachment
{
    public const int MaxBytes = 10 * 1024 * 1024;
    public const int MaxPerComplaint = 10;

    private Attachment() { }

    public Attachment(Guid complaintId, string fileName, string contentType, long size, string storageKey,
        Actors.Actor uploadedBy, DateTimeOffset at)
    {
        Id = Guid.CreateVersion7(at);
        ComplaintId = complaintId;
        FileName = fileName;
        ContentType = contentType;
        Size = size;
        StorageKey = storageKey;
        UploadedById = uploadedBy.UserId;
        UploadedByName = uploadedBy.Name;
        UploadedAt = at;
    }

    public Guid Id { get; private set; }
    public Guid ComplaintId { get; private set; }
    public string FileName { get; private set; } = "";
    public string ContentType { get; private set; } = "";
    public long Size { get; private set; }
    public string StorageKey { get; private set; } = "";
    public string? UploadedById { get; private set; }
    public string UploadedByName { get; private set; } = "";
    public DateTimeOffset UploadedAt { get; private set; }
}
