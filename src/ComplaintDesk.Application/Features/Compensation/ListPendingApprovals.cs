using ComplaintDesk.Application.Common;
using ComplaintDesk.Application.Features.Complaints;
using ComplaintDesk.Domain;
using ComplaintDesk.Domain.Actors;
using ComplaintDesk.Domain.Compensation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Severity = ComplaintDesk.Domain.Complaints.Severity;

namespace ComplaintDesk.Application.Features.Compensation;

/// <summary>
/// One offer in the approvals inbox, with what a supervisor weighs: the case, the customer's compensation over the last
/// 12 months (and whether it is beyond the policy's warning threshold — "the squeaky wheel"), who proposed it, and
/// whether that was the reader (then someone else must decide it).
/// </summary>
public sealed record PendingApproval(
    Guid ComplaintId, string Reference, string Subject, Severity Severity, string Category,
    Guid CustomerId, string CustomerName, decimal CustomerCompensationLast12Months, bool AboveWarningThreshold,
    PersonRef ProposedBy, bool ProposedByYou, OfferView Offer);

/// <summary>The inbox, oldest first; <see cref="More"/> when the cap cut it.</summary>
public sealed record PendingApprovals(IReadOnlyList<PendingApproval> Items, bool More);

/// <summary>The supervisors' approvals inbox: every offer awaiting approval, oldest first, at most <see cref="ListPendingApprovalsHandler.MaxItems"/>.</summary>
public sealed record ListPendingApprovalsQuery : IQuery<PendingApprovals>;

public sealed class ListPendingApprovalsHandler(OfferEditor offers) : IQueryHandler<ListPendingApprovalsQuery, PendingApprovals>
{
    /// <summary>A bound, not a page: more offers than this waiting at once is a backlog the "more" flag tells of.</summary>
    public const int MaxItems = 200;

    public async ValueTask<PendingApprovals> Handle(ListPendingApprovalsQuery query, CancellationToken cancellationToken)
    {
        var actor = offers.Actor;
        if (!actor.Is(Party.Supervisor))
        {
            throw new ActionForbiddenException("Only supervisors see the offers awaiting approval.");
        }
        var db = offers.Db;
        var now = offers.Now;

        // The partial index IX_Offers_AwaitingApproval (ProposedAt, Id) WHERE State = 'AwaitingApproval': read in order,
        // cut at the cap (+1 to know there is more); the options join the cut rows (AutoInclude).
        var waiting = await db.Offers.AsNoTracking()
            .Where(o => o.State == OfferState.AwaitingApproval)
            .OrderBy(o => o.ProposedAt).ThenBy(o => o.Id)
            .Take(MaxItems + 1)
            .ToListAsync(cancellationToken);
        var more = waiting.Count > MaxItems;
        var page = waiting.Take(MaxItems).ToList();
        if (page.Count == 0)
        {
            return new PendingApprovals([], false);
        }

        // Their cases and customers, in one read by primary key.
        var complaintIds = page.Select(o => o.ComplaintId).Distinct().ToList();
        var cases = await db.Complaints.AsNoTracking()
            .Where(c => complaintIds.Contains(c.Id))
            .Select(c => new { c.Id, c.Reference, c.Subject, c.Severity, c.CategoryCode, c.CustomerId, CustomerName = c.Customer.Name })
            .ToDictionaryAsync(c => c.Id, cancellationToken);

        // The customers' 12-month totals in one statement, and the threshold they are held against.
        var compensation = await CustomerCompensation.Last12MonthsAsync(db, cases.Values.Select(c => c.CustomerId).Distinct().ToList(), now, cancellationToken);
        var policy = await offers.PolicyAsync(cancellationToken);

        var items = page.Select(o =>
            {
                var c = cases[o.ComplaintId];
                var total = compensation.GetValueOrDefault(c.CustomerId);
                return new PendingApproval(
                    c.Id, c.Reference, c.Subject, c.Severity, c.CategoryCode, c.CustomerId, c.CustomerName,
                    total, total > policy.WarningThreshold,
                    new PersonRef(o.ProposedById, o.ProposedByName), actor.UserId is not null && actor.UserId == o.ProposedById,
                    OfferView.Of(o));
            })
            .ToList();
        return new PendingApprovals(items, more);
    }
}
