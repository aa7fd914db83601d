using ComplaintDesk.Application.Common;
using ComplaintDesk.Application.Persistence;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace ComplaintDesk.Application.Features.Compensation;

/// <summary>
/// One offer as it stands now, for staff who handle complaints: what an answer refused as stale is shown instead
/// (the API puts it into the 409 problem as <c>currentOffer</c>).
/// </summary>
public sealed record GetOfferQuery(Guid OfferId) : IQuery<OfferView>;

public sealed class GetOfferValidator : AbstractValidator<GetOfferQuery>
{
    public GetOfferValidator() => RuleFor(q => q.OfferId).NotEmpty();
}

public sealed class GetOfferHandler(ComplaintDeskDbContext db, ICurrentActor currentActor) : IQueryHandler<GetOfferQuery, OfferView>
{
    public async ValueTask<OfferView> Handle(GetOfferQuery query, CancellationToken cancellationToken)
    {
        OfferQueries.EnsureCaseHandler(currentActor.Actor);
        var offer = await db.Offers.AsNoTracking().SingleOrDefaultAsync(o => o.Id == query.OfferId, cancellationToken)
            ?? throw new NotFoundException("Offer", query.OfferId);
        return OfferView.Of(offer);
    }
}
