namespace ComplaintDesk.Application.Features.Evidence;

/// <summary>
/// Where the bytes of evidence live. Rows in <c>Attachments</c> point here by a server-made storage key, never by a
/// name the user chose, so nothing a customer sends can pick a path or land in the web root.
/// </summary>
public interface IEvidenceStore
{
    /// <summary>Writes the whole stream and answers the new storage key; nothing is left behind if it fails.</summary>
    Task<string> SaveAsync(Stream content, CancellationToken cancellationToken);

    /// <summary>The stored bytes; the caller disposes the stream.</summary>
    Task<Stream> OpenReadAsync(string storageKey, CancellationToken cancellationToken);

    /// <summary>Removes the file; a key that is already gone is fine.</summary>
    Task DeleteAsync(string storageKey, CancellationToken cancellationToken);
}
