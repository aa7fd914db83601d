using ComplaintDesk.Application.Common;
using ComplaintDesk.Application.Features.Complaints;
using ComplaintDesk.Application.Persistence;
using ComplaintDesk.Domain;
using ComplaintDesk.Domain.Actors;
using ComplaintDesk.Domain.Compensation;
using ComplaintDesk.Domain.Complaints;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.EntityFrameworkCore;

namespace ComplaintDesk.Application.Features.Compensation;

/// <summary>
/// What every offer command shares: the policy, the authority arithmetic, loading an offer with its case (404), and one
/// save that touches the case row too — so two offers proposed on one case at once cannot both pass the authority
/// check (the second meets a new version: 409), and two answers to one offer cannot both win.
/// </summary>
public sealed class OfferEditor(ComplaintDeskDbContext db, ICurrentActor currentActor, TimeProvider clock)
{
    /// <summary>A bound, not a page: a case has a handful of offers.</summary>
    public const int MaxOffersPerCase = 100;

    public Actor Actor => currentActor.Actor;
    public DateTimeOffset Now => clock.GetUtcNow();
    public ComplaintDeskDbContext Db => db;

    public async Task<CompensationPolicy> PolicyAsync(CancellationToken cancellationToken) =>
        await db.CompensationPolicies.AsNoTracking().SingleAsync(p => p.Id == CompensationPolicy.SingletonId, cancellationToken);

    /// <summary>The case's offers, tracked, for a command that changes one of them or weighs them.</summary>
    public Task<List<CompensationOffer>> OffersOfAsync(Guid complaintId, CancellationToken cancellationToken) =>
        OffersOf(db, complaintId).ToListAsync(cancellationToken);

    /// <summary>
    /// A case's offers, newest first (a revision counts as new: it is proposed again), cut to <see cref="MaxOffersPerCase"/>:
    /// one statement on (ComplaintId, ProposedAt), the options joined (AutoInclude). Readers add AsNoTracking.
    /// </summary>
    public static IQueryable<CompensationOffer> OffersOf(ComplaintDeskDbContext db, Guid complaintId) =>
        db.Offers.Where(o => o.ComplaintId == complaintId)
            .OrderByDescending(o => o.ProposedAt).ThenByDescending(o => o.Id)
            .Take(MaxOffersPerCase);

    /// <summary>
    /// What the case has granted or may still grant: accepted options at their amount, pending offers at their dearest
    /// option (the customer may pick it). <paramref name="except"/> leaves out an offer being decided or revised.
    /// </summary>
    public static decimal Committed(IEnumerable<CompensationOffer> offers, Guid? except = null) =>
        offers.Where(o => o.Id != except && o.State.CountsAgainstAuthority())
            .Sum(o => o.AcceptedOption?.Amount ?? o.MaxCost);

    public static decimal Remaining(CompensationPolicy policy, Actor actor, Complaint complaint, IEnumerable<CompensationOffer> offers, Guid? except = null) =>
        Math.Max(0m, policy.LimitFor(actor, complaint.RaisedAuthority) - Committed(offers, except));

    public async Task<(CompensationOffer Offer, Complaint Complaint)> LoadAsync(Guid offerId, CancellationToken cancellationToken)
    {
        var offer = await db.Offers.SingleOrDefaultAsync(o => o.Id == offerId, cancellationToken)
            ?? throw new NotFoundException("Offer", offerId);
        var complaint = await db.Complaints.Include(c => c.Customer).SingleAsync(c => c.Id == offer.ComplaintId, cancellationToken);
        return (offer, complaint);
    }

    public async Task<OfferView> SaveAsync(CompensationOffer offer, Complaint complaint, CancellationToken cancellationToken)
    {
        // The case row always changes (TrackOffer writes its timeline), so its xmin guards the whole decision.
        try
        {
            await ComplaintEditor.SaveCaseAsync(db, complaint, cancellationToken);
        }
        catch (DbUpdateException exception) when (Administration.Administrators.IsUniqueViolation(exception))
        {
            // The ledger's one line per offer: someone recorded an answer a moment earlier.
            throw new ConcurrencyConflictException();
        }
        return OfferView.Of(offer);
    }

    /// <summary>The options as the domain takes them; kinds must be enabled and the currency the policy's.</summary>
    public static IReadOnlyList<OfferOptionInput> Inputs(IReadOnlyList<OfferOptionRequest> options, CompensationPolicy policy)
    {
        var failures = new List<ValidationFailure>();
        for (var i = 0; i < options.Count; i++)
        {
            var o = options[i];
            if (o.Kind is { } kind && !policy.EnabledKinds.Contains(kind))
            {
                failures.Add(new ValidationFailure($"Options[{i}].Kind", Texts.Format("{0} is not offered under the compensation policy.", kind)));
            }
            if (!string.IsNullOrWhiteSpace(o.Currency) && !string.Equals(o.Currency.Trim(), policy.Currency, StringComparison.OrdinalIgnoreCase))
            {
                failures.Add(new ValidationFailure($"Options[{i}].Currency", Texts.Format("Offers are made in {0}.", policy.Currency)));
            }
        }
        if (failures.Count > 0)
        {
            throw new ValidationException(failures);
        }
        return options.Select(o => new OfferOptionInput(o.Kind!.Value, o.Amount!.Value, policy.Currency, o.CustomerText!, o.InternalNote)).ToList();
    }

    /// <summary>How an offer reads in the case's timeline: its version, options, ceiling and where it went.</summary>
    public static string Describe(CompensationOffer offer) =>
        $"Offer v{offer.Version}: {string.Join("; ", offer.Options.OrderBy(o => o.Position).Select(o => $"{o.Kind} {o.Amount:0.00} {o.Currency}"))} — {offer.State}";
}

/// <summary>One option as a command carries it (nullable: the validator reports what is missing).</summary>
public sealed record OfferOptionRequest
{
    public CompensationKind? Kind { get; init; }
    /// <summary>A JSON number, never a quoted one: money is not parsed from text.</summary>
    [System.Text.Json.Serialization.JsonNumberHandling(System.Text.Json.Serialization.JsonNumberHandling.Strict)]
    public decimal? Amount { get; init; }
    public string? Currency { get; init; }
    public string? CustomerText { get; init; }
    public string? InternalNote { get; init; }
}

public sealed class OfferOptionValidator : AbstractValidator<OfferOptionRequest>
{
    public OfferOptionValidator()
    {
        RuleFor(o => o.Kind).NotNull().IsInEnum();
        RuleFor(o => o.Amount).NotNull()
            .Must(a => a is null || Money.IsValidAmount(a.Value))
            .WithMessage(_ => Texts.Format("An amount is more than zero, at most {0:N0}, to the cent.", Money.MaxAmount));
        RuleFor(o => o.Currency).Length(3).When(o => !string.IsNullOrEmpty(o.Currency));
        RuleFor(o => o.CustomerText).NotEmpty().MaximumLength(1000);
        RuleFor(o => o.InternalNote).MaximumLength(2000);
    }
}
