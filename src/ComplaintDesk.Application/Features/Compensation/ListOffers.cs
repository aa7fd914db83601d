using ComplaintDesk.Application.Common;
using ComplaintDesk.Application.Persistence;
using ComplaintDesk.Domain;
using ComplaintDesk.Domain.Actors;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace ComplaintDesk.Application.Features.Compensation;

/// <summary>
/// A case's offers, newest first (a revision counts as new: it is proposed again), for staff who handle complaints.
/// Bounded by <see cref="OfferEditor.MaxOffersPerCase"/>, not paged: a case has a handful.
/// </summary>
public sealed record ListOffersQuery(Guid ComplaintId) : IQuery<IReadOnlyList<OfferView>>;

public sealed class ListOffersValidator : AbstractValidator<ListOffersQuery>
{
    public ListOffersValidator() => RuleFor(q => q.ComplaintId).NotEmpty();
}

public sealed class ListOffersHandler(ComplaintDeskDbContext db, ICurrentActor currentActor) : IQueryHandler<ListOffersQuery, IReadOnlyList<OfferView>>
{
    public async ValueTask<IReadOnlyList<OfferView>> Handle(ListOffersQuery query, CancellationToken cancellationToken)
    {
        OfferQueries.EnsureCaseHandler(currentActor.Actor);
        if (!await db.Complaints.AnyAsync(c => c.Id == query.ComplaintId, cancellationToken))
        {
            throw new NotFoundException("Complaint", query.ComplaintId);
        }
        var offers = await OfferEditor.OffersOf(db, query.ComplaintId).AsNoTracking().ToListAsync(cancellationToken);
        return offers.Select(OfferView.Of).ToList();
    }
}

internal static class OfferQueries
{
    public static void EnsureCaseHandler(Actor actor)
    {
        if (!actor.Is(Party.Agent | Party.Supervisor))
        {
            throw new ActionForbiddenException("Only staff who handle complaints can see compensation offers.");
        }
    }
}
