using ComplaintDesk.Application.Common;
using ComplaintDesk.Domain.Compensation;
using ComplaintDesk.Domain.Complaints;
using FluentValidation;
using Mediator;

namespace ComplaintDesk.Application.Features.Compensation;

/// <summary>
/// A changed offer (before the customer answers) is a new version: the authority check runs again, any approval is
/// gone, and an answer to the old version is refused.
/// </summary>
public sealed record ReviseOfferCommand : ICommand<OfferView>
{
    [System.Text.Json.Serialization.JsonIgnore] public Guid OfferId { get; init; }
    public List<OfferOptionRequest>? Options { get; init; }
}

public sealed class ReviseOfferValidator : AbstractValidator<ReviseOfferCommand>
{
    public ReviseOfferValidator()
    {
        RuleFor(c => c.OfferId).NotEmpty();
        RuleFor(c => c.Options).NotNull()
            .Must(o => o is { Count: >= 1 and <= CompensationOffer.MaxOptions })
            .WithMessage(_ => Texts.Format("An offer has one to {0} options.", CompensationOffer.MaxOptions));
        RuleForEach(c => c.Options).NotNull().SetValidator(new OfferOptionValidator());
    }
}

public sealed class ReviseOfferHandler(OfferEditor offers) : ICommandHandler<ReviseOfferCommand, OfferView>
{
    public async ValueTask<OfferView> Handle(ReviseOfferCommand command, CancellationToken cancellationToken)
    {
        var (offer, complaint) = await offers.LoadAsync(command.OfferId, cancellationToken);
        var policy = await offers.PolicyAsync(cancellationToken);
        var inputs = OfferEditor.Inputs(command.Options!, policy);
        var existing = await offers.OffersOfAsync(complaint.Id, cancellationToken);
        offer.Revise(inputs, OfferEditor.Remaining(policy, offers.Actor, complaint, existing, except: offer.Id), offers.Actor, offers.Now);
        complaint.TrackOffer(offer, TimelineEventKind.OfferMade, OfferEditor.Describe(offer), offers.Actor, offers.Now);
        return await offers.SaveAsync(offer, complaint, cancellationToken);
    }
}
