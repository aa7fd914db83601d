using ComplaintDesk.Application.Features.Complaints;
using ComplaintDesk.Application.Features.Evidence;
using ComplaintDesk.Domain.Evidence;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ComplaintDesk.Web.Pages.Complaints;

/// <summary>
/// A complaint's evidence, and where the case page's upload form posts: the same <see cref="AddEvidenceCommand"/> the
/// API sends. Success goes back to the case page; a refusal shows this page with the reason and the form again.
/// </summary>
[RequestSizeLimit(MaxRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxRequestBytes)]
public sealed class EvidenceModel(ISender sender) : PageModel
{
    /// <summary>
    /// Twice the file limit: a photo a little too big still reaches the command and gets "larger than 10 MB" next to
    /// the form, which a person can act on; anything bigger is cut off while it arrives (the generic 400 page). The
    /// customer's status page takes photos under the same limit.
    /// </summary>
    public const long MaxRequestBytes = 2 * Attachment.MaxBytes + 1024 * 1024;

    [FromRoute] public Guid Id { get; set; }

    public ComplaintView Complaint { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(IFormFile? file, CancellationToken cancellationToken)
    {
        await using var content = file?.OpenReadStream();
        var command = new AddEvidenceCommand { ComplaintId = Id, FileName = file?.FileName, Length = file?.Length ?? 0, Content = content };
        if (ModelState.IsValid && await this.TrySendAsync(sender, command, "", cancellationToken) is not null)
        {
            return RedirectToPage("/Complaints/Details", new { id = Id });
        }
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken) =>
        Complaint = await sender.Send(new GetComplaintQuery(Id), cancellationToken);
}
