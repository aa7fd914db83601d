using ComplaintDesk.Application.Common;
using ComplaintDesk.Application.Persistence;
using ComplaintDesk.Domain;
using ComplaintDesk.Domain.Customers;
using ComplaintDesk.Domain.Templates;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace ComplaintDesk.Application.Features.Administration;

/// <summary>A reply template as the API and the pages show it; <see cref="Category"/> null means any category.</summary>
public sealed record ReplyTemplateView(Guid Id, string Title, string? Category, string Language, string Body, DateTimeOffset UpdatedAt)
{
    public static ReplyTemplateView Of(ReplyTemplate t) => new(t.Id, t.Title, t.CategoryCode, t.Language, t.Body, t.UpdatedAt);
}

/// <summary>
/// Templates by language, then title; optionally one language, or those that suit one category (its own and the
/// "any category" ones). A bound, not a page: a desk keeps dozens, not thousands.
/// </summary>
public sealed record ListReplyTemplatesQuery : IQuery<IReadOnlyList<ReplyTemplateView>>
{
    public const int MaxTemplates = 500;

    public string? Language { get; init; }
    public string? Category { get; init; }
}

public sealed class ListReplyTemplatesValidator : AbstractValidator<ListReplyTemplatesQuery>
{
    public ListReplyTemplatesValidator()
    {
        RuleFor(q => q.Language).Must(l => l is null || Languages.All.Contains(l))
            .WithMessage(_ => Texts.Format("Choose one of: {0}.", string.Join(", ", Languages.All)));
        RuleFor(q => q.Category).MaximumLength(FieldLengths.CategoryCode);
    }
}

public sealed class ListReplyTemplatesHandler(ComplaintDeskDbContext db) : IQueryHandler<ListReplyTemplatesQuery, IReadOnlyList<ReplyTemplateView>>
{
    public async ValueTask<IReadOnlyList<ReplyTemplateView>> Handle(ListReplyTemplatesQuery query, CancellationToken cancellationToken)
    {
        var templates = db.ReplyTemplates.AsNoTracking();
        if (!string.IsNullOrEmpty(query.Language))
        {
            templates = templates.Where(t => t.Language == query.Language);
        }
        if (!string.IsNullOrEmpty(query.Category))
        {
            templates = templates.Where(t => t.CategoryCode == null || t.CategoryCode == query.Category);
        }
        return await templates
            .OrderBy(t => t.Language).ThenBy(t => t.Title).ThenBy(t => t.Id)
            .Take(ListReplyTemplatesQuery.MaxTemplates)
            .Select(t => new ReplyTemplateView(t.Id, t.Title, t.CategoryCode, t.Language, t.Body, t.UpdatedAt))
            .ToListAsync(cancellationToken);
    }
}

public sealed record GetReplyTemplateQuery(Guid Id) : IQuery<ReplyTemplateView>;

public sealed class GetReplyTemplateHandler(ComplaintDeskDbContext db) : IQueryHandler<GetReplyTemplateQuery, ReplyTemplateView>
{
    public async ValueTask<ReplyTemplateView> Handle(GetReplyTemplateQuery query, CancellationToken cancellationToken) =>
        await db.ReplyTemplates.AsNoTracking().Where(t => t.Id == query.Id)
            .Select(t => new ReplyTemplateView(t.Id, t.Title, t.CategoryCode, t.Language, t.Body, t.UpdatedAt))
            .SingleOrDefaultAsync(cancellationToken)
        ?? throw new NotFoundException("Reply template", query.Id);
}
