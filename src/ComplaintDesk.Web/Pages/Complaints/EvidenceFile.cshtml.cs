using ComplaintDesk.Application.Features.Evidence;
using ComplaintDesk.Web.Api;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ComplaintDesk.Web.Pages.Complaints;

/// <summary>
/// One piece of evidence for signed-in staff (the folder's Staff policy): pictures inline, so the gallery can show them
/// and a click opens them; PDFs as a download, so no browser plug-in runs them on our origin.
/// </summary>
public sealed class EvidenceFileModel(ISender sender) : PageModel
{
    public async Task<IActionResult> OnGetAsync(Guid id, Guid attachmentId, CancellationToken cancellationToken)
    {
        var found = await sender.Send(new GetAttachmentQuery(id, attachmentId), cancellationToken);
        var stream = await found.OpenReadAsync(cancellationToken);
        EvidenceDownload.SetHeaders(Response, found.Attachment, inline: EvidenceTypes.IsImage(found.Attachment.ContentType));
        return File(stream, found.Attachment.ContentType);
    }
}
