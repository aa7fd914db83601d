using ComplaintDesk.Application.Common;
using ComplaintDesk.Application.Persistence;
using ComplaintDesk.Domain.Evidence;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace ComplaintDesk.Application.Features.Evidence;

/// <summary>A complaint's evidence, oldest first (at most <see cref="Attachment.MaxPerComplaint"/>).</summary>
public sealed record ListAttachmentsQuery(Guid ComplaintId) : IQuery<IReadOnlyList<AttachmentView>>;

public sealed class ListAttachmentsValidator : AbstractValidator<ListAttachmentsQuery>
{
    public ListAttachmentsValidator() => RuleFor(q => q.ComplaintId).NotEmpty();
}

public sealed class ListAttachmentsHandler(ComplaintDeskDbContext db) : IQueryHandler<ListAttachmentsQuery, IReadOnlyList<AttachmentView>>
{
    public async ValueTask<IReadOnlyList<AttachmentView>> Handle(ListAttachmentsQuery query, CancellationToken cancellationToken)
    {
        var attachments = await db.Attachments.AsNoTracking()
            .Where(a => a.ComplaintId == query.ComplaintId)
            .OrderBy(a => a.UploadedAt).ThenBy(a => a.Id)
            .Take(Attachment.MaxPerComplaint)
            .Select(a => new AttachmentView(a.Id, a.FileName, a.ContentType, a.Size, a.UploadedAt, a.UploadedByName))
            .ToListAsync(cancellationToken);
        if (attachments.Count == 0 && !await db.Complaints.AnyAsync(c => c.Id == query.ComplaintId, cancellationToken))
        {
            throw new NotFoundException("Complaint", query.ComplaintId);
        }
        return attachments;
    }
}
