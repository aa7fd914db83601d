using ComplaintDesk.Application.Common;
using ComplaintDesk.Domain;
using ComplaintDesk.Domain.Compensation;
using ComplaintDesk.Domain.Complaints;
using FluentValidation;
using Mediator;

namespace ComplaintDesk.Application.Features.Compensation;

/// <summary>
/// The customer's answer: one option, or a decline with a reason — against the version they saw. Staff record it
/// (the customer answered on the phone); the customer's status link sends this same command. Exactly one answer per
/// offer: a second, concurrent or late, is refused (409). An accepted option becomes a ledger line.
/// </summary>
public sealed record AnswerOfferCommand : ICommand<OfferView>
{
    [System.Text.Json.Serialization.JsonIgnore] public Guid OfferId { get; init; }
    public int? OfferVersion { get; init; }
    public Guid? OptionId { get; init; }
    public bool? Declined { get; init; }
    public string? Reason { get; init; }
}

public sealed class AnswerOfferValidator : AbstractValidator<AnswerOfferCommand>
{
    public AnswerOfferValidator()
    {
        RuleFor(c => c.OfferId).NotEmpty();
        RuleFor(c => c.OfferVersion).NotNull().GreaterThan(0);
        RuleFor(c => c.OptionId).NotNull().When(c => c.Declined != true)
            .WithMessage(_ => Texts.Get("Choose an option, or decline the offer with a reason."));
        RuleFor(c => c.OptionId).Null().When(c => c.Declined == true)
            .WithMessage(_ => Texts.Get("A declined offer has no chosen option."));
        RuleFor(c => c.Reason).NotEmpty().When(c => c.Declined == true).MaximumLength(FieldLengths.Reason);
    }
}

public sealed class AnswerOfferHandler(OfferEditor offers) : ICommandHandler<AnswerOfferCommand, OfferView>
{
    public async ValueTask<OfferView> Handle(AnswerOfferCommand command, CancellationToken cancellationToken)
    {
        var (offer, complaint) = await offers.LoadAsync(command.OfferId, cancellationToken);
        if (command.Declined == true)
        {
            offer.Decline(command.Reason!, command.OfferVersion!.Value, offers.Actor, offers.Now);
            complaint.TrackOffer(offer, TimelineEventKind.OfferDeclined, command.Reason!.Trim(), offers.Actor, offers.Now);
        }
        else
        {
            offer.Accept(command.OptionId!.Value, command.OfferVersion!.Value, offers.Actor, offers.Now);
            offers.Db.Ledger.Add(new LedgerLine(offer, complaint.CustomerId, complaint.CategoryCode, offers.Now));
            var option = offer.AcceptedOption!;
            complaint.TrackOffer(offer, TimelineEventKind.OfferAccepted, $"{option.Kind} {option.Amount:0.00} {option.Currency}: {option.CustomerText}",
                offers.Actor, offers.Now);
        }
        return await offers.SaveAsync(offer, complaint, cancellationToken);
    }
}
