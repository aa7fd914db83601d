using System.Text.Json.Serialization;
using ComplaintDesk.Application.Common;
using ComplaintDesk.Application.Features.Complaints;
using ComplaintDesk.Application.Persistence;
using ComplaintDesk.Domain;
using ComplaintDesk.Domain.Evidence;
using FluentValidation;
using FluentValidation.Results;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace ComplaintDesk.Application.Features.Evidence;

/// <summary>
/// A photo, screenshot or PDF for a complaint. The page and the API both stream the upload into <see cref="Content"/>;
/// <see cref="FileName"/> and <see cref="Length"/> are what the client claims, the handler trusts only the bytes.
/// </summary>
public sealed record AddEvidenceCommand : ComplaintCommand, ICommand<AttachmentView>
{
    public string? FileName { get; init; }
    public long Length { get; init; }
    [JsonIgnore] public Stream? Content { get; init; }
}

/// <summary>One piece of evidence as the API returns it and the gallery shows it (never the storage key).</summary>
public sealed record AttachmentView(Guid Id, string FileName, string ContentType, long Size, DateTimeOffset UploadedAt, string UploadedBy)
{
    public static AttachmentView From(Attachment a) => new(a.Id, a.FileName, a.ContentType, a.Size, a.UploadedAt, a.UploadedByName);
}

public static class EvidenceRules
{
    /// <summary>
    /// The complaint already holds <see cref="Attachment.MaxPerComplaint"/> files. A 409 rather than a 400: the request
    /// is well-formed, the complaint's current contents refuse it (like the lifecycle's rules).
    /// </summary>
    public const string LimitReached = "evidence-limit-reached";
}

public sealed class AddEvidenceValidator : AbstractValidator<AddEvidenceCommand>
{
    public AddEvidenceValidator()
    {
        RuleFor(c => c.ComplaintId).NotEmpty();
        RuleFor(c => c.Content).NotNull().WithMessage(_ => Texts.Get("Choose a file to upload."));
        RuleFor(c => c.FileName).Cascade(CascadeMode.Stop)
            .Must(name => !string.IsNullOrEmpty(EvidenceFileName.Of(name))).WithMessage(_ => Texts.Get("The file needs a name."))
            .Must(name => !EvidenceFileName.HasControlCharacters(name!)).WithMessage(_ => Texts.Get("The file name may not contain control characters."))
            .Must(name => EvidenceFileName.Of(name)!.Length <= FieldLengths.FileName)
            .WithMessage(_ => Texts.Format("The file name may be at most {0} characters long.", FieldLengths.FileName));
        RuleFor(c => c.Length).Cascade(CascadeMode.Stop)
            .GreaterThan(0).WithMessage(_ => Texts.Get("The file is empty."))
            .LessThanOrEqualTo(Attachment.MaxBytes).WithMessage(_ => EvidenceFileName.TooLargeText());
    }
}

public sealed class AddEvidenceHandler(ComplaintEditor editor, ComplaintDeskDbContext db, IEvidenceStore store, ILogger<AddEvidenceHandler> logger)
    : ICommandHandler<AddEvidenceCommand, AttachmentView>
{
    public async ValueTask<AttachmentView> Handle(AddEvidenceCommand command, CancellationToken cancellationToken)
    {
        var complaint = await editor.LoadAsync(command, cancellationToken);
        var fileName = EvidenceFileName.Of(command.FileName)!;
        var (actor, now) = (editor.Actor, editor.Now);
        string? storageKey = null;
        try
        {
            // The domain first: someone who may not add evidence is refused before a byte is read or stored.
            complaint.RecordEvidence(fileName, actor, now);

            // Counted after loading the complaint: the save below updates its row under the xmin check, so of two
            // uploads racing for the last free place one is refused as a concurrent change, and the limit holds.
            var count = await db.Attachments.CountAsync(a => a.ComplaintId == complaint.Id, cancellationToken);
            if (count >= Attachment.MaxPerComplaint)
            {
                throw new ComplaintRuleException(EvidenceRules.LimitReached,
                    "A complaint holds at most {0} files, and this one has them all.", Attachment.MaxPerComplaint);
            }

            var content = command.Content!;
            var header = new byte[EvidenceTypes.HeaderLength];
            var headerLength = await content.ReadAtLeastAsync(header, header.Length, throwOnEndOfStream: false, cancellationToken);
            // What the bytes are decides, never the name or the declared type: a renamed .exe, .html or .svg stops here.
            var contentType = EvidenceTypes.Detect(header.AsSpan(0, headerLength)) ?? throw Refused(Texts.Get(
                "Only JPEG, PNG or WebP pictures and PDF documents can be added; the content of this file is none of these."));

            var counted = new CappedStream(header.AsMemory(0, headerLength), content, Attachment.MaxBytes);
            try
            {
                storageKey = await store.SaveAsync(counted, cancellationToken);
            }
            catch (EvidenceTooLargeException)
            {
                throw Refused(EvidenceFileName.TooLargeText()); // Length said less: the bytes count, not the claim
            }

            var attachment = new Attachment(complaint.Id, fileName, contentType, counted.BytesRead, storageKey, actor, now);
            db.Attachments.Add(attachment);
            await editor.SaveAsync(complaint, cancellationToken);
            logger.LogInformation("Evidence {AttachmentId} added to complaint {ComplaintId}", attachment.Id, complaint.Id);
            return AttachmentView.From(attachment);
        }
        catch
        {
            // Nothing half-done: no pending change in this scope, and no stored file without its row.
            db.ChangeTracker.Clear();
            if (storageKey is not null)
            {
                await RemoveUnlessSavedAsync(storageKey);
            }
            throw;
        }
    }

    /// <summary>
    /// The stored file goes again unless a row points at it: the save may have committed before something after it
    /// (reading the fresh view, a cancelled request) failed. When even that cannot be checked, the file stays — an
    /// unreferenced file is untidy, a row without its file is lost evidence.
    /// </summary>
    private async Task RemoveUnlessSavedAsync(string storageKey)
    {
        try
        {
            if (!await db.Attachments.AnyAsync(a => a.StorageKey == storageKey, CancellationToken.None))
            {
                await store.DeleteAsync(storageKey, CancellationToken.None);
            }
        }
        catch (Exception ex)
        {
            // Logged and swallowed, so the caller learns why the upload failed, not why the clean-up did.
            logger.LogWarning(ex, "Could not remove the evidence file {StorageKey} of a failed upload", storageKey);
        }
    }

    private static ValidationException Refused(string message) =>
        new([new ValidationFailure(nameof(AddEvidenceCommand.Content), message)]);
}

/// <summary>The name evidence is kept under: the last segment of what the client sent, trimmed.</summary>
public static class EvidenceFileName
{
    /// <summary>The refusal of a file over <see cref="Attachment.MaxBytes"/>, in the reader's language.</summary>
    public static string TooLargeText() =>
        Texts.Format("The file is larger than {0} MB; at most {0} MB is allowed.", Attachment.MaxBytes / (1024 * 1024));

    /// <summary>"C:\Users\ann\photo.jpg" or "../../photo.jpg" → "photo.jpg"; browsers and tools differ in what they send.</summary>
    public static string? Of(string? clientName)
    {
        if (clientName is null)
        {
            return null;
        }
        var lastSeparator = clientName.LastIndexOfAny(['/', '\\']);
        return clientName[(lastSeparator + 1)..].Trim();
    }

    /// <summary>Control characters, and the bidirectional overrides that make "gpj.exe" read as "exe.jpg".</summary>
    public static bool HasControlCharacters(string name) =>
        name.Any(c => char.IsControl(c) || c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069');
}
