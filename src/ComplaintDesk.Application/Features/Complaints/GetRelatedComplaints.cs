using ComplaintDesk.Application.Common;
using ComplaintDesk.Application.Persistence;
using ComplaintDesk.Domain.Complaints;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace ComplaintDesk.Application.Features.Complaints;

public sealed record RelatedComplaint(Guid Id, string Reference, ComplaintState State, string Subject, DateTimeOffset ReceivedAt);

/// <summary>
/// What the case page shows beside a complaint. <see cref="CustomerOrdinal"/> says which of the customer's complaints
/// in the <see cref="GetRelatedComplaintsHandler.RepeatWindow"/> up to this one it is (3 → "3rd complaint in 90 days");
/// the lists hold the newest few of the customer's other complaints and of the other complaints about the same order.
/// </summary>
public sealed record RelatedComplaints(
    int CustomerOrdinal,
    IReadOnlyList<RelatedComplaint> SameCustomer,
    IReadOnlyList<RelatedComplaint> SameOrder)
{
    public bool IsRepeat => CustomerOrdinal > 1;
}

public sealed record GetRelatedComplaintsQuery(Guid ComplaintId) : IQuery<RelatedComplaints>;

public sealed class GetRelatedComplaintsValidator : AbstractValidator<GetRelatedComplaintsQuery>
{
    public GetRelatedComplaintsValidator() => RuleFor(q => q.ComplaintId).NotEmpty();
}

public sealed class GetRelatedComplaintsHandler(ComplaintDeskDbContext db) : IQueryHandler<GetRelatedComplaintsQuery, RelatedComplaints>
{
    /// <summary>How far back a customer's complaints count towards the repeat badge.</summary>
    public static readonly TimeSpan RepeatWindow = TimeSpan.FromDays(90);

    /// <summary>A bound on each list; the newest come first.</summary>
    public const int MaxListed = 20;

    public async ValueTask<RelatedComplaints> Handle(GetRelatedComplaintsQuery query, CancellationToken cancellationToken)
    {
        var complaint = await db.Complaints.AsNoTracking()
            .Where(c => c.Id == query.ComplaintId)
            .Select(c => new { c.Id, c.CustomerId, c.OrderReference, c.ReceivedAt })
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("Complaint", query.ComplaintId);

        // The window ends at this complaint, so the badge describes it and does not change as later ones arrive
        // (complaints received in the very same instant count alike).
        var windowStart = complaint.ReceivedAt - RepeatWindow;
        var ordinal = await db.Complaints
            .Where(c => c.CustomerId == complaint.CustomerId && c.ReceivedAt > windowStart && c.ReceivedAt <= complaint.ReceivedAt)
            .CountAsync(cancellationToken);

        var sameCustomer = await Newest(db.Complaints.Where(c => c.CustomerId == complaint.CustomerId && c.Id != complaint.Id))
            .ToListAsync(cancellationToken);
        var sameOrder = complaint.OrderReference is null
            ? []
            : await Newest(db.Complaints.Where(c => c.OrderReference == complaint.OrderReference && c.Id != complaint.Id))
                .ToListAsync(cancellationToken);
        return new RelatedComplaints(ordinal, sameCustomer, sameOrder);
    }

    private static IQueryable<RelatedComplaint> Newest(IQueryable<Complaint> complaints) =>
        complaints.AsNoTracking()
            .OrderByDescending(c => c.ReceivedAt).ThenByDescending(c => c.Id)
            .Take(MaxListed)
            .Select(c => new RelatedComplaint(c.Id, c.Reference, c.State, c.Subject, c.ReceivedAt));
}
