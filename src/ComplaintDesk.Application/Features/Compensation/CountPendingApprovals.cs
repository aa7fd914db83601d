using ComplaintDesk.Application.Common;
using ComplaintDesk.Application.Persistence;
using ComplaintDesk.Domain;
using ComplaintDesk.Domain.Actors;
using ComplaintDesk.Domain.Compensation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace ComplaintDesk.Application.Features.Compensation;

/// <summary>How many offers await approval, for the navigation's badge: at most <see cref="CountPendingApprovalsHandler.Cap"/> (then <see cref="Capped"/>).</summary>
public sealed record PendingApprovalCount(int Count, bool Capped);

/// <summary>The approvals link's count; supervisors only. Reads at most Cap + 1 rows of the partial index IX_Offers_AwaitingApproval.</summary>
public sealed record CountPendingApprovalsQuery : IQuery<PendingApprovalCount>;

public sealed class CountPendingApprovalsHandler(ComplaintDeskDbContext db, ICurrentActor currentActor)
    : IQueryHandler<CountPendingApprovalsQuery, PendingApprovalCount>
{
    /// <summary>The badge says "99+" beyond this: the header is on every page, its count must stay cheap.</summary>
    public const int Cap = 99;

    public async ValueTask<PendingApprovalCount> Handle(CountPendingApprovalsQuery query, CancellationToken cancellationToken)
    {
        if (!currentActor.Actor.Is(Party.Supervisor))
        {
            throw new ActionForbiddenException("Only supervisors see the offers awaiting approval.");
        }
        var count = await db.Offers.AsNoTracking()
            .Where(o => o.State == OfferState.AwaitingApproval)
            .Take(Cap + 1)
            .CountAsync(cancellationToken);
        return new PendingApprovalCount(Math.Min(count, Cap), count > Cap);
    }
}
