using ComplaintDesk.Application.Common;
using ComplaintDesk.Application.Features.Alerts;
using ComplaintDesk.Application.Persistence;
using ComplaintDesk.Domain.Alerts;
using ComplaintDesk.Domain.Complaints;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace ComplaintDesk.Application.Features.Administration;

public sealed record KeywordRuleView(Guid Id, string Phrase, Severity MinimumSeverity, bool RiskFlag, DateTimeOffset CreatedAt)
{
    public static KeywordRuleView Of(KeywordRule r) => new(r.Id, r.Phrase, r.MinimumSeverity, r.RiskFlag, r.CreatedAt);
}

/// <summary>Every rule by phrase, bounded as screening bounds them (<see cref="KeywordScreening.MaxRules"/>).</summary>
public sealed record ListKeywordRulesQuery : IQuery<IReadOnlyList<KeywordRuleView>>;

public sealed class ListKeywordRulesHandler(ComplaintDeskDbContext db, ICurrentActor currentActor)
    : IQueryHandler<ListKeywordRulesQuery, IReadOnlyList<KeywordRuleView>>
{
    public async ValueTask<IReadOnlyList<KeywordRuleView>> Handle(ListKeywordRulesQuery query, CancellationToken cancellationToken)
    {
        Administrators.EnsureAdmin(currentActor.Actor);
        return await db.KeywordRules.AsNoTracking()
            .OrderBy(r => r.Phrase)
            .Take(KeywordScreening.MaxRules)
            .Select(r => new KeywordRuleView(r.Id, r.Phrase, r.MinimumSeverity, r.RiskFlag, r.CreatedAt))
            .ToListAsync(cancellationToken);
    }
}

public sealed record GetKeywordRuleQuery(Guid Id) : IQuery<KeywordRuleView>;

public sealed class GetKeywordRuleHandler(ComplaintDeskDbContext db, ICurrentActor currentActor) : IQueryHandler<GetKeywordRuleQuery, KeywordRuleView>
{
    public async ValueTask<KeywordRuleView> Handle(GetKeywordRuleQuery query, CancellationToken cancellationToken)
    {
        Administrators.EnsureAdmin(currentActor.Actor);
        return await db.KeywordRules.AsNoTracking().Where(r => r.Id == query.Id)
                .Select(r => new KeywordRuleView(r.Id, r.Phrase, r.MinimumSeverity, r.RiskFlag, r.CreatedAt))
                .SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("Keyword rule", query.Id);
    }
}
