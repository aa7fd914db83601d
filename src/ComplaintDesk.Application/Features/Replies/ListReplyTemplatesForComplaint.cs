using ComplaintDesk.Application.Common;
using ComplaintDesk.Application.Persistence;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace ComplaintDesk.Application.Features.Replies;

public sealed record ReplyTemplateChoice(Guid Id, string Title, string Language, string? Category);

/// <summary>
/// The reply templates that suit a complaint — its category's and those for any category — in the customer's
/// preferred language first, the category's own before the general ones, then by title.
/// </summary>
public sealed record ListReplyTemplatesForComplaintQuery(Guid ComplaintId) : IQuery<IReadOnlyList<ReplyTemplateChoice>>;

public sealed class ListReplyTemplatesForComplaintValidator : AbstractValidator<ListReplyTemplatesForComplaintQuery>
{
    public ListReplyTemplatesForComplaintValidator() => RuleFor(q => q.ComplaintId).NotEmpty();
}

public sealed class ListReplyTemplatesForComplaintHandler(ComplaintDeskDbContext db)
    : IQueryHandler<ListReplyTemplatesForComplaintQuery, IReadOnlyList<ReplyTemplateChoice>>
{
    /// <summary>A bound, not a page size: an administrator keeps a few dozen.</summary>
    public const int MaxTemplates = 200;

    public async ValueTask<IReadOnlyList<ReplyTemplateChoice>> Handle(ListReplyTemplatesForComplaintQuery query, CancellationToken cancellationToken)
    {
        var complaint = await db.Complaints.AsNoTracking()
            .Where(c => c.Id == query.ComplaintId)
            .Select(c => new { c.CategoryCode, c.Customer.PreferredLanguage })
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("Complaint", query.ComplaintId);
        return await db.ReplyTemplates.AsNoTracking()
            .Where(t => t.CategoryCode == null || t.CategoryCode == complaint.CategoryCode)
            .OrderBy(t => t.Language == complaint.PreferredLanguage ? 0 : 1)
            .ThenBy(t => t.CategoryCode == null ? 1 : 0)
            .ThenBy(t => t.Language)
            .ThenBy(t => t.Title)
            .Take(MaxTemplates)
            .Select(t => new ReplyTemplateChoice(t.Id, t.Title, t.Language, t.CategoryCode))
            .ToListAsync(cancellationToken);
    }
}
