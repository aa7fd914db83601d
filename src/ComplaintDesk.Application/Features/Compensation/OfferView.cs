using ComplaintDesk.Domain.Compensation;

namespace ComplaintDesk.Application.Features.Compensation;

public sealed record OfferOptionView(Guid Id, int Position, CompensationKind Kind, decimal Amount, string Currency, string CustomerText,
    string? InternalNote);

public sealed record PersonRef(string? Id, string Name);

/// <summary>An offer as staff (the API, the case page, the approvals inbox) see it.</summary>
public sealed record OfferView(
    Guid Id,
    Guid ComplaintId,
    int Version,
    OfferState State,
    IReadOnlyList<OfferOptionView> Options,
    decimal MaxCost,
    DateTimeOffset? AnswerBy,
    PersonRef ProposedBy,
    DateTimeOffset ProposedAt,
    PersonRef? DecidedBy,
    DateTimeOffset? DecidedAt,
    string? DecisionComment,
    Guid? AcceptedOptionId,
    string? DeclineReason,
    DateTimeOffset? AnsweredAt,
    string? FulfilmentReference,
    DateTimeOffset? FulfilledAt,
    string? FulfilledBy)
{
    public static OfferView Of(CompensationOffer o) => new(
        o.Id, o.ComplaintId, o.Version, o.State,
        o.Options.OrderBy(x => x.Position).Select(x => new OfferOptionView(x.Id, x.Position, x.Kind, x.Amount, x.Currency, x.CustomerText, x.InternalNote)).ToList(),
        o.MaxCost, o.AnswerBy, new PersonRef(o.ProposedById, o.ProposedByName), o.ProposedAt,
        o.DecidedByName is null ? null : new PersonRef(o.DecidedById, o.DecidedByName), o.DecidedAt, o.DecisionComment,
        o.AcceptedOptionId, o.DeclineReason, o.AnsweredAt, o.FulfilmentReference, o.FulfilledAt, o.FulfilledByName);
}
