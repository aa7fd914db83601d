using ComplaintDesk.Application.Common;
using ComplaintDesk.Application.Features.Administration;
using ComplaintDesk.Application.Persistence;
using ComplaintDesk.Domain;
using ComplaintDesk.Domain.Actors;
using ComplaintDesk.Domain.Compensation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace ComplaintDesk.Application.Features.Compensation;

/// <summary>A person's own authority per case, replacing their role's limit.</summary>
public sealed record UserLimitView(string UserId, string DisplayName, decimal Limit);

/// <summary>
/// The compensation policy as administrators see and change it: the kinds that may be offered, the currency, each
/// role's authority per case, per-person overrides and the 12-month warning threshold. <see cref="Version"/> is its
/// ETag; send it back (If-Match, or the page's hidden field) so a change made meanwhile is not overwritten.
/// </summary>
public sealed record CompensationPolicyView(
    IReadOnlyList<CompensationKind> EnabledKinds, string Currency, decimal AgentLimit, decimal SupervisorLimit, decimal WarningThreshold,
    IReadOnlyList<UserLimitView> UserLimits, uint Version)
{
    internal static async Task<CompensationPolicyView> OfAsync(ComplaintDeskDbContext db, CompensationPolicy policy, CancellationToken cancellationToken)
    {
        var ids = policy.UserLimits.Select(u => u.UserId).ToList();
        var names = ids.Count == 0
            ? new Dictionary<string, string>()
            : await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        return new CompensationPolicyView(
            [.. policy.EnabledKinds.Order()], policy.Currency.Trim(), policy.AgentLimit, policy.SupervisorLimit, policy.WarningThreshold,
            [.. policy.UserLimits
                .Select(u => new UserLimitView(u.UserId, names.GetValueOrDefault(u.UserId, u.UserId), u.Limit))
                .OrderBy(u => u.DisplayName, StringComparer.CurrentCulture).ThenBy(u => u.UserId, StringComparer.Ordinal)],
            policy.Version);
    }
}

public sealed record GetCompensationPolicyQuery : IQuery<CompensationPolicyView>;

public sealed class GetCompensationPolicyHandler(ComplaintDeskDbContext db, ICurrentActor currentActor)
    : IQueryHandler<GetCompensationPolicyQuery, CompensationPolicyView>
{
    public async ValueTask<CompensationPolicyView> Handle(GetCompensationPolicyQuery query, CancellationToken cancellationToken)
    {
        Administrators.EnsureAdmin(currentActor.Actor, Administrators.CompensationPolicy);
        var policy = await db.CompensationPolicies.AsNoTracking().SingleAsync(p => p.Id == CompensationPolicy.SingletonId, cancellationToken);
        return await CompensationPolicyView.OfAsync(db, policy, cancellationToken);
    }
}
