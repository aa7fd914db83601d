namespace ComplaintDesk.Application.Features.Evidence;

/// <summary>The kinds of evidence accepted, recognised by their first bytes (magic numbers) — names and declared types lie.</summary>
public static class EvidenceTypes
{
    public const string Jpeg = "image/jpeg";
    public const string Png = "image/png";
    public const string WebP = "image/webp";
    public const string Pdf = "application/pdf";

    /// <summary>Enough bytes to tell them apart: WebP needs 12 ("RIFF", the size, "WEBP").</summary>
    public const int HeaderLength = 12;

    private static readonly byte[] JpegMagic = [0xFF, 0xD8, 0xFF];
    private static readonly byte[] PngMagic = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] Riff = "RIFF"u8.ToArray();
    private static readonly byte[] WebPMark = "WEBP"u8.ToArray();
    private static readonly byte[] PdfMagic = "%PDF-"u8.ToArray();

    /// <summary>The content type of a file starting with <paramref name="header"/>, or null for anything else.</summary>
    public static string? Detect(ReadOnlySpan<byte> header) =>
        header.StartsWith(JpegMagic) ? Jpeg
        : header.StartsWith(PngMagic) ? Png
        : header.Length >= 12 && header.StartsWith(Riff) && header[8..12].SequenceEqual(WebPMark) ? WebP
        : header.StartsWith(PdfMagic) ? Pdf
        : null;

    public static bool IsImage(string contentType) => contentType is Jpeg or Png or WebP;
}

/// <summary>The upload grew past the limit while it was being stored.</summary>
public sealed class EvidenceTooLargeException() : Exception("The evidence is larger than allowed.");

/// <summary>
/// Reads the bytes already taken for type detection, then the rest of the upload, counting them and stopping with
/// <see cref="EvidenceTooLargeException"/> as soon as there are more than the limit — whatever the client declared.
/// </summary>
internal sealed class CappedStream(ReadOnlyMemory<byte> alreadyRead, Stream rest, long limit) : Stream
{
    private ReadOnlyMemory<byte> _prefix = alreadyRead;

    public long BytesRead { get; private set; }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var read = TakePrefix(buffer);
        if (read == 0)
        {
            read = rest.Read(buffer);
        }
        return Count(read);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = TakePrefix(buffer.Span);
        if (read == 0)
        {
            read = await rest.ReadAsync(buffer, cancellationToken);
        }
        return Count(read);
    }

    private int TakePrefix(Span<byte> buffer)
    {
        if (_prefix.IsEmpty || buffer.IsEmpty)
        {
            return 0;
        }
        var n = Math.Min(buffer.Length, _prefix.Length);
        _prefix.Span[..n].CopyTo(buffer);
        _prefix = _prefix[n..];
        return n;
    }

    private int Count(int read)
    {
        BytesRead += read;
        if (BytesRead > limit)
        {
            throw new EvidenceTooLargeException();
        }
        return read;
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
