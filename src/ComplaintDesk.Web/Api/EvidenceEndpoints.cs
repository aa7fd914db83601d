using ComplaintDesk.Application.Common;
using ComplaintDesk.Application.Features.Evidence;
using ComplaintDesk.Application.Identity;
using ComplaintDesk.Domain.Evidence;
using FluentValidation;
using FluentValidation.Results;
using Mediator;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace ComplaintDesk.Web.Api;

/// <summary>REST API v1 for a complaint's evidence: the same command and queries as the case page.</summary>
public static class EvidenceEndpoints
{
    /// <summary>The multipart field that carries the file; errors about the upload are reported on it.</summary>
    public const string FileField = "file";

    /// <summary>One file at the limit plus room for the multipart framing; anything bigger is refused before it is read.</summary>
    public const long MaxUploadRequestBytes = Attachment.MaxBytes + 1024 * 1024;

    public static RouteGroupBuilder MapEvidenceEndpoints(this IEndpointRouteBuilder app)
    {
        // Reading is for all staff; adding is for case handlers, which the domain decides (an admin gets 403 from it).
        var attachments = app.MapGroup("/api/v1/complaints/{id:guid}/attachments")
            .WithTags("Evidence")
            .RequireAuthorization(p => p.AddAuthenticationSchemes(IdentityConstants.BearerScheme)
                .RequireRole(Roles.Agent, Roles.Supervisor, Roles.Admin));

        attachments.MapPost("/", async Task<Results<Created<AttachmentView>, ProblemHttpResult>> (
            Guid id, HttpRequest request, ISender sender, CancellationToken ct) =>
        {
            if (!IfMatch.TryRead(request, out var version))
            {
                return IfMatch.Malformed();
            }
            var file = await ReadFileAsync(request, ct);
            await using var content = file?.OpenReadStream();
            var command = new AddEvidenceCommand
            {
                ComplaintId = id, ExpectedVersion = version, FileName = file?.FileName, Length = file?.Length ?? 0, Content = content,
            };
            var attachment = await SendOnFileFieldAsync(sender, command, ct);
            return TypedResults.Created($"/api/v1/complaints/{id}/attachments/{attachment.Id}", attachment);
        })
            .Accepts<IFormFile>("multipart/form-data") // also makes routing answer 415 to any other body
            .WithName("AddEvidence")
            // An anti-forgery token protects cookie-authenticated forms from other sites. This route authenticates with
            // bearer tokens only (the group's policy never looks at cookies), so a browser cannot be made to send it
            // with ambient credentials: there is nothing for a token to protect. Said explicitly, so that binding a
            // form (IFormFile) here one day does not switch the check on and refuse every integration.
            .DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(MaxUploadRequestBytes));

        attachments.MapGet("/", async (Guid id, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new ListAttachmentsQuery(id), ct))).WithName("ListAttachments");

        attachments.MapGet("/{attachmentId:guid}", async (Guid id, Guid attachmentId, ISender sender, HttpContext http, CancellationToken ct) =>
        {
            var found = await sender.Send(new GetAttachmentQuery(id, attachmentId), ct);
            var stream = await found.OpenReadAsync(ct);
            EvidenceDownload.SetHeaders(http.Response, found.Attachment, inline: false);
            return TypedResults.File(stream, found.Attachment.ContentType);
        }).WithName("GetAttachment");

        return attachments;
    }

    /// <summary>
    /// The form is read here rather than bound, so that a body past the limit is a field error on <c>file</c> that
    /// says so, not a generic "could not read the body". Kestrel stops the body at the request size limit; the form
    /// reader stops at the same size wherever the server does not (the test server, a proxy that buffers).
    /// </summary>
    private static async Task<IFormFile?> ReadFileAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength > MaxUploadRequestBytes)
        {
            throw UploadRefused(EvidenceFileName.TooLargeText()); // said up front: refused before a byte is read
        }
        request.HttpContext.Features.Set<IFormFeature>(new FormFeature(request,
            new FormOptions { MultipartBodyLengthLimit = MaxUploadRequestBytes }));
        try
        {
            var form = await request.ReadFormAsync(ct);
            return form.Files.GetFile(FileField);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw UploadRefused(EvidenceFileName.TooLargeText());
        }
        catch (InvalidDataException)
        {
            throw UploadRefused(Texts.Format("The upload could not be read: it is either larger than {0} MB or not well-formed multipart/form-data.",
                Attachment.MaxBytes / (1024 * 1024)));
        }
    }

    private static ValidationException UploadRefused(string message) => new([new ValidationFailure(FileField, message)]);

    /// <summary>Sends the command; a refusal of the upload's content, name or size names the form field a client sent.</summary>
    private static async Task<AttachmentView> SendOnFileFieldAsync(ISender sender, AddEvidenceCommand command, CancellationToken ct)
    {
        try
        {
            return await sender.Send(command, ct);
        }
        catch (ValidationException refused)
        {
            throw new ValidationException(refused.Errors.Select(e => e.PropertyName
                is nameof(AddEvidenceCommand.Content) or nameof(AddEvidenceCommand.FileName) or nameof(AddEvidenceCommand.Length)
                ? new ValidationFailure(FileField, e.ErrorMessage)
                : e));
        }
    }
}

/// <summary>How evidence is handed out, by the API and the pages alike.</summary>
public static class EvidenceDownload
{
    /// <summary>
    /// The name as a download (<c>filename*</c> keeps non-ASCII names intact), no sniffing — the stored type came from
    /// the content — and kept in no cache, shared or the browser's: evidence holds personal data.
    /// </summary>
    public static void SetHeaders(HttpResponse response, AttachmentView attachment, bool inline)
    {
        var disposition = new ContentDispositionHeaderValue(inline ? "inline" : "attachment");
        disposition.SetHttpFileName(attachment.FileName);
        response.Headers.ContentDisposition = disposition.ToString();
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.CacheControl = "private, no-store";
    }
}
