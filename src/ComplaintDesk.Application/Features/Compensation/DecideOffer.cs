using ComplaintDesk.Domain;
using ComplaintDesk.Domain.Complaints;
using FluentValidation;
using Mediator;

namespace ComplaintDesk.Application.Features.Compensation;

/// <summary>A supervisor who did not propose the offer approves (within their own authority) or rejects it, with a comment.</summary>
public sealed record DecideOfferCommand : ICommand<OfferView>
{
    [System.Text.Json.Serialization.JsonIgnore] public Guid OfferId { get; init; }
    public bool? Approved { get; init; }
    public string? Comment { get; init; }
}

public sealed class DecideOfferValidator : AbstractValidator<DecideOfferCommand>
{
    public DecideOfferValidator()
    {
        RuleFor(c => c.OfferId).NotEmpty();
        RuleFor(c => c.Approved).NotNull();
        RuleFor(c => c.Comment).NotEmpty().MaximumLength(FieldLengths.Reason);
    }
}

public sealed class DecideOfferHandler(OfferEditor offers) : ICommandHandler<DecideOfferCommand, OfferView>
{
    public async ValueTask<OfferView> Handle(DecideOfferCommand command, CancellationToken cancellationToken)
    {
        var (offer, complaint) = await offers.LoadAsync(command.OfferId, cancellationToken);
        var policy = await offers.PolicyAsync(cancellationToken);
        var existing = await offers.OffersOfAsync(complaint.Id, cancellationToken);
        var approverRemaining = OfferEditor.Remaining(policy, offers.Actor, complaint, existing, except: offer.Id);
        offer.Decide(command.Approved!.Value, command.Comment!, approverRemaining, offers.Actor, offers.Now);
        complaint.TrackOffer(offer, command.Approved.Value ? TimelineEventKind.OfferApproved : TimelineEventKind.OfferRejected,
            command.Comment!.Trim(), offers.Actor, offers.Now);
        return await offers.SaveAsync(offer, complaint, cancellationToken);
    }
}
