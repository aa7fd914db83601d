using ComplaintDesk.Application.Common;
using ComplaintDesk.Application.Features.Complaints;
using ComplaintDesk.Domain;
using ComplaintDesk.Domain.Compensation;
using ComplaintDesk.Domain.Complaints;
using FluentValidation;
using Mediator;

namespace ComplaintDesk.Application.Features.Compensation;

/// <summary>
/// An agent offers the customer one to three alternatives. Within the proposer's remaining authority on the case it
/// goes straight to the customer; above it, it waits for a supervisor. Nothing else (state, approver) can be sent.
/// </summary>
public sealed record MakeOfferCommand : ComplaintCommand, ICommand<OfferView>
{
    public List<OfferOptionRequest>? Options { get; init; }
}

public sealed class MakeOfferValidator : AbstractValidator<MakeOfferCommand>
{
    public MakeOfferValidator()
    {
        RuleFor(c => c.ComplaintId).NotEmpty();
        RuleFor(c => c.Options).NotNull()
            .Must(o => o is { Count: >= 1 and <= CompensationOffer.MaxOptions })
            .WithMessage(_ => Texts.Format("An offer has one to {0} options.", CompensationOffer.MaxOptions));
        RuleForEach(c => c.Options).NotNull().SetValidator(new OfferOptionValidator());
    }
}

public sealed class MakeOfferHandler(ComplaintEditor complaints, OfferEditor offers) : ICommandHandler<MakeOfferCommand, OfferView>
{
    public async ValueTask<OfferView> Handle(MakeOfferCommand command, CancellationToken cancellationToken)
    {
        var complaint = await complaints.LoadAsync(command, cancellationToken);
        if (!complaint.IsOpenCase)
        {
            throw new ComplaintRuleException(Rules.TransitionNotAllowed, "A closed complaint cannot {0}; reopen it first.", "make an offer");
        }
        var policy = await offers.PolicyAsync(cancellationToken);
        var inputs = OfferEditor.Inputs(command.Options!, policy);
        var existing = await offers.OffersOfAsync(complaint.Id, cancellationToken);
        if (existing.Any(o => o.State.IsOpen()))
        {
            throw new ComplaintRuleException(Rules.OfferAlreadyOpen,
                "An offer on this complaint is still open; wait for its answer or decision, or change it, before making another.");
        }
        var offer = CompensationOffer.Propose(complaint.Id, inputs, OfferEditor.Remaining(policy, offers.Actor, complaint, existing),
            offers.Actor, offers.Now);
        offers.Db.Offers.Add(offer);
        complaint.TrackOffer(offer, TimelineEventKind.OfferMade, OfferEditor.Describe(offer), offers.Actor, offers.Now);
        return await offers.SaveAsync(offer, complaint, cancellationToken);
    }
}
