using System.Text;
using ComplaintDesk.Application.Features.Evidence;
using ComplaintDesk.Domain.Evidence;
using ComplaintDesk.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ComplaintDesk.IntegrationTests.Features.Evidence;

/// <summary>Real files of each accepted kind (tiny but valid), and the things that pretend to be one.</summary>
public static class EvidenceSamples
{
    public static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    public static readonly byte[] Jpeg = Convert.FromBase64String(
        "/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA=");

    public static readonly byte[] WebP = Convert.FromBase64String("UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==");

    public static readonly byte[] Pdf = Encoding.ASCII.GetBytes(
        "%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n");

    public static readonly byte[] Text = Encoding.UTF8.GetBytes("Not a picture at all, just words.");

    public static readonly byte[] Svg = Encoding.UTF8.GetBytes(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"><script>alert(2)</script></svg>");

    public static readonly byte[] Html = Encoding.UTF8.GetBytes("<!DOCTYPE html><html><script>alert(document.cookie)</script></html>");

    /// <summary>The start of a Windows executable.</summary>
    public static readonly byte[] Exe = [0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0xFF, 0xFF];

    /// <summary>A "JPEG" one byte over the limit: a real header, then zeros.</summary>
    public static byte[] JpegOfSize(long size)
    {
        var bytes = new byte[size];
        Jpeg.AsSpan(0, 4).CopyTo(bytes);
        return bytes;
    }

    public static AddEvidenceCommand Upload(Guid complaintId, string fileName, byte[] bytes, long? declaredLength = null) => new()
    {
        ComplaintId = complaintId, FileName = fileName, Length = declaredLength ?? bytes.Length, Content = new MemoryStream(bytes),
    };

    public static FileSystemEvidenceStore Store(this ComplaintDeskApp app) => app.Services.GetRequiredService<FileSystemEvidenceStore>();

    /// <summary>Every stored evidence file (finished or half-written) of the app's evidence folder.</summary>
    public static IReadOnlyList<string> StoredFiles(this ComplaintDeskApp app) =>
        Directory.EnumerateFiles(app.Store().Root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();

    public static Task<List<Attachment>> AttachmentRowsAsync(this ComplaintDeskApp app, Guid complaintId) =>
        app.QueryDbAsync(db => db.Attachments.AsNoTracking().Where(a => a.ComplaintId == complaintId)
            .ToListAsync(TestContext.Current.CancellationToken));
}
