using ComplaintDesk.Application.Identity;
using ComplaintDesk.Application.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace ComplaintDesk.Application.Features.Staff;

public sealed record CaseHandler(string Id, string DisplayName, bool IsSupervisor);

/// <summary>Agents and supervisors a case can be assigned to, by name.</summary>
public sealed record ListCaseHandlersQuery : IQuery<IReadOnlyList<CaseHandler>>;

public sealed class ListCaseHandlersHandler(ComplaintDeskDbContext db) : IQueryHandler<ListCaseHandlersQuery, IReadOnlyList<CaseHandler>>
{
    public const int MaxHandlers = 500;

    public async ValueTask<IReadOnlyList<CaseHandler>> Handle(ListCaseHandlersQuery query, CancellationToken cancellationToken)
    {
        var rows = await (
                from user in db.Users
                join userRole in db.UserRoles on user.Id equals userRole.UserId
                join role in db.Roles on userRole.RoleId equals role.Id
                where !user.Disabled && (role.Name == Roles.Agent || role.Name == Roles.Supervisor)
                select new { user.Id, user.DisplayName, IsSupervisor = role.Name == Roles.Supervisor })
            .Take(MaxHandlers * 2)
            .ToListAsync(cancellationToken);
        return rows.GroupBy(r => r.Id)
            .Select(g => new CaseHandler(g.Key, g.First().DisplayName, g.Any(r => r.IsSupervisor)))
            .OrderBy(h => h.DisplayName, StringComparer.CurrentCulture)
            .Take(MaxHandlers)
            .ToList();
    }
}
