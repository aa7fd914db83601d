using ComplaintDesk.Domain.Complaints;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace ComplaintDesk.Application.Features.Compensation;

/// <summary>The accepted option was delivered: refund reference, voucher code, shipment number… with who and when.</summary>
public sealed record FulfilOfferCommand : ICommand<OfferView>
{
    [System.Text.Json.Serialization.JsonIgnore] public Guid OfferId { get; init; }
    public string? Reference { get; init; }
}

public sealed class FulfilOfferValidator : AbstractValidator<FulfilOfferCommand>
{
    public FulfilOfferValidator()
    {
        RuleFor(c => c.OfferId).NotEmpty();
        RuleFor(c => c.Reference).NotEmpty().MaximumLength(200);
    }
}

public sealed class FulfilOfferHandler(OfferEditor offers) : ICommandHandler<FulfilOfferCommand, OfferView>
{
    public async ValueTask<OfferView> Handle(FulfilOfferCommand command, CancellationToken cancellationToken)
    {
        var (offer, complaint) = await offers.LoadAsync(command.OfferId, cancellationToken);
        offer.Fulfil(command.Reference!, offers.Actor, offers.Now);
        var line = await offers.Db.Ledger.SingleOrDefaultAsync(l => l.OfferId == offer.Id, cancellationToken);
        line?.MarkFulfilled(offers.Now);
        complaint.TrackOffer(offer, TimelineEventKind.OfferFulfilled, command.Reference!.Trim(), offers.Actor, offers.Now);
        return await offers.SaveAsync(offer, complaint, cancellationToken);
    }
}
