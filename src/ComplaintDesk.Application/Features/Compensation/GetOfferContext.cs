using ComplaintDesk.Application.Common;
using ComplaintDesk.Application.Features.Complaints;
using ComplaintDesk.Domain.Compensation;
using ComplaintDesk.Domain.Complaints;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace ComplaintDesk.Application.Features.Compensation;

/// <summary>One of the customer's earlier complaints, as the offer form lists it.</summary>
public sealed record EarlierComplaint(Guid Id, string Reference, ComplaintState State, string Subject, DateTimeOffset ReceivedAt);

/// <summary>
/// What the case page's offer section needs: the caller's authority on this case (<see cref="Limit"/>, what the case's
/// offers already <see cref="Committed"/>, <see cref="Remaining"/> — as <see cref="OfferEditor.Remaining"/> computes it for
/// a new offer), the policy's currency and enabled kinds, the customer's compensation over the last 12 months and whether
/// it is above the policy's warning threshold, their earlier complaints (all counted, the newest few listed), and the
/// case's offers, newest first, with the open one (awaiting approval or offered) if there is one.
/// </summary>
public sealed record OfferContext(
    Guid ComplaintId,
    string Currency,
    IReadOnlyList<CompensationKind> EnabledKinds,
    decimal Limit,
    decimal Committed,
    decimal Remaining,
    decimal CustomerCompensationLast12Months,
    decimal WarningThreshold,
    bool AboveWarningThreshold,
    int EarlierComplaintCount,
    IReadOnlyList<EarlierComplaint> EarlierComplaints,
    IReadOnlyList<OfferView> Offers,
    OfferView? OpenOffer,
    bool CanMakeOffer);

/// <summary>The offer section of one case; for staff who handle complaints (agents and supervisors).</summary>
public sealed record GetOfferContextQuery(Guid ComplaintId) : IQuery<OfferContext>;

public sealed class GetOfferContextValidator : AbstractValidator<GetOfferContextQuery>
{
    public GetOfferContextValidator() => RuleFor(q => q.ComplaintId).NotEmpty();
}

public sealed class GetOfferContextHandler(OfferEditor offers) : IQueryHandler<GetOfferContextQuery, OfferContext>
{
    /// <summary>The earlier complaints listed beside the form; <see cref="OfferContext.EarlierComplaintCount"/> counts them all.</summary>
    public const int MaxEarlierListed = 5;

    public async ValueTask<OfferContext> Handle(GetOfferContextQuery query, CancellationToken cancellationToken)
    {
        var actor = offers.Actor;
        OfferQueries.EnsureCaseHandler(actor);
        var db = offers.Db;
        var complaint = await db.Complaints.AsNoTracking()
            .SingleOrDefaultAsync(c => c.Id == query.ComplaintId, cancellationToken)
            ?? throw new NotFoundException("Complaint", query.ComplaintId);
        var now = offers.Now;
        var policy = await offers.PolicyAsync(cancellationToken);
        var existing = await OfferEditor.OffersOf(db, complaint.Id).AsNoTracking().ToListAsync(cancellationToken);

        var limit = policy.LimitFor(actor, complaint.RaisedAuthority);
        var committed = OfferEditor.Committed(existing);
        var remaining = OfferEditor.Remaining(policy, actor, complaint, existing);
        var compensation = await CustomerCompensation.Last12MonthsAsync(db, complaint.CustomerId, now, cancellationToken);

        // Earlier: the customer's complaints received up to this one (this one left out), as the repeat badge counts them.
        var earlier = db.Complaints.AsNoTracking()
            .Where(c => c.CustomerId == complaint.CustomerId && c.Id != complaint.Id && c.ReceivedAt <= complaint.ReceivedAt);
        var earlierCount = await earlier.CountAsync(cancellationToken);
        var earlierListed = earlierCount == 0
            ? []
            : await earlier.OrderByDescending(c => c.ReceivedAt).ThenByDescending(c => c.Id)
                .Take(MaxEarlierListed)
                .Select(c => new EarlierComplaint(c.Id, c.Reference, c.State, c.Subject, c.ReceivedAt))
                .ToListAsync(cancellationToken);

        var views = existing.Select(OfferView.Of).ToList();
        var open = views.FirstOrDefault(o => o.State.IsOpen());
        return new OfferContext(
            complaint.Id, policy.Currency, policy.EnabledKinds, limit, committed, remaining,
            compensation, policy.WarningThreshold, compensation > policy.WarningThreshold,
            earlierCount, earlierListed, views, open,
            CanMakeOffer: complaint.IsOpenCase && open is null && policy.EnabledKinds.Count > 0);
    }
}
