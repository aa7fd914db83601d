using ComplaintDesk.Application.Common;
using ComplaintDesk.Application.Persistence;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace ComplaintDesk.Application.Features.Evidence;

/// <summary>One piece of evidence of one complaint: an attachment of another complaint is not found.</summary>
public sealed record GetAttachmentQuery(Guid ComplaintId, Guid AttachmentId) : IQuery<AttachmentContent>;

/// <summary>The metadata, and a way to read the bytes (opened only when the answer is written).</summary>
public sealed record AttachmentContent(AttachmentView Attachment, Func<CancellationToken, Task<Stream>> OpenReadAsync);

public sealed class GetAttachmentValidator : AbstractValidator<GetAttachmentQuery>
{
    public GetAttachmentValidator()
    {
        RuleFor(q => q.ComplaintId).NotEmpty();
        RuleFor(q => q.AttachmentId).NotEmpty();
    }
}

public sealed class GetAttachmentHandler(ComplaintDeskDbContext db, IEvidenceStore store) : IQueryHandler<GetAttachmentQuery, AttachmentContent>
{
    public async ValueTask<AttachmentContent> Handle(GetAttachmentQuery query, CancellationToken cancellationToken)
    {
        var found = await db.Attachments.AsNoTracking()
            .Where(a => a.Id == query.AttachmentId && a.ComplaintId == query.ComplaintId)
            .Select(a => new
            {
                View = new AttachmentView(a.Id, a.FileName, a.ContentType, a.Size, a.UploadedAt, a.UploadedByName),
                a.StorageKey,
            })
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("Attachment", query.AttachmentId);
        return new AttachmentContent(found.View, ct => store.OpenReadAsync(found.StorageKey, ct));
    }
}
