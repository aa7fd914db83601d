namespace ComplaintDesk.Application.Features.Evidence;

/// <summary>
/// Evidence as files under one root folder outside the web root (with several instances: a volume they all mount).
/// A file is named by its storage key — 32 hex digits the server made — in a sub-folder named by the key's last two
/// digits, so no folder grows past a few thousand entries. Uploads are written to <c>.incoming/</c> first and moved
/// into place when complete, so a reader never sees half a file.
/// </summary>
public sealed class FileSystemEvidenceStore : IEvidenceStore
{
    private const string IncomingFolder = ".incoming";
    private const int BufferSize = 81920;

    public FileSystemEvidenceStore(string root)
    {
        Root = Path.GetFullPath(root);
        Directory.CreateDirectory(Path.Combine(Root, IncomingFolder));
    }

    public string Root { get; }

    public async Task<string> SaveAsync(Stream content, CancellationToken cancellationToken)
    {
        var key = Guid.CreateVersion7().ToString("N");
        var incoming = Path.Combine(Root, IncomingFolder, $"{Guid.NewGuid():N}.part");
        try
        {
            await using (var file = new FileStream(incoming, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize, FileOptions.Asynchronous))
            {
                await content.CopyToAsync(file, BufferSize, cancellationToken);
                file.Flush(flushToDisk: true); // on disk before the row that points to it commits
            }
            var target = PathOf(key);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Move(incoming, target, overwrite: false);
            return key;
        }
        catch
        {
            DeleteIfThere(incoming);
            throw;
        }
    }

    public Task<Stream> OpenReadAsync(string storageKey, CancellationToken cancellationToken) =>
        Task.FromResult<Stream>(new FileStream(PathOf(storageKey), FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize,
            FileOptions.Asynchronous | FileOptions.SequentialScan));

    public Task DeleteAsync(string storageKey, CancellationToken cancellationToken)
    {
        File.Delete(PathOf(storageKey));
        return Task.CompletedTask;
    }

    /// <summary>Cleaning up after a failed write must not hide why it failed.</summary>
    private static void DeleteIfThere(string path)
    {
        try
        {
            File.Delete(path); // no-op when it was never created or already moved
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // left for an operator: .incoming/ only ever holds unfinished uploads
        }
    }

    /// <summary>The file of a key; anything but a key this store made is refused, so a row can never point elsewhere.</summary>
    public string PathOf(string storageKey)
    {
        if (storageKey.Length != 32 || !storageKey.All(char.IsAsciiHexDigitLower))
        {
            throw new ArgumentException("Not an evidence storage key.", nameof(storageKey));
        }
        return Path.Combine(Root, storageKey[^2..], storageKey);
    }
}
