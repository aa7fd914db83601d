using ComplaintDesk.Application.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace ComplaintDesk.Application.Features.Complaints;

public sealed record CategoryOption(string Code, string Name, bool Retired);

/// <summary>Categories for pickers and filters, by name; retired ones only when asked (old complaints still carry them).</summary>
public sealed record ListCategoriesQuery(bool IncludeRetired = false) : IQuery<IReadOnlyList<CategoryOption>>;

public sealed class ListCategoriesHandler(ComplaintDeskDbContext db) : IQueryHandler<ListCategoriesQuery, IReadOnlyList<CategoryOption>>
{
    /// <summary>A bound, not a page size: an administrator keeps a handful.</summary>
    public const int MaxCategories = 200;

    public async ValueTask<IReadOnlyList<CategoryOption>> Handle(ListCategoriesQuery query, CancellationToken cancellationToken)
    {
        var categories = db.Categories.AsNoTracking();
        if (!query.IncludeRetired)
        {
            categories = categories.Where(c => !c.Retired);
        }
        return await categories
            .OrderBy(c => c.Name)
            .Take(MaxCategories)
            .Select(c => new CategoryOption(c.Code, c.Name, c.Retired))
            .ToListAsync(cancellationToken);
    }
}
