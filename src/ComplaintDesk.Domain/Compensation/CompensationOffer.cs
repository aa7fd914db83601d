using ComplaintDesk.Domain.Actors;

namespace ComplaintDesk.Domain.Compensation;

/// <summary>One alternative of an offer: what the customer may choose, what it costs the company.</summary>
public sealed class OfferOption
{
    private OfferOption() { }

    public OfferOption(int position, CompensationKind kind, decimal amount, string currency, string customerText, string? internalNote)
    {
        Id = Guid.CreateVersion7();
        Position = position;
        Kind = kind;
        Amount = amount;
        Currency = currency;
        CustomerText = customerText.Trim();
        InternalNote = string.IsNullOrWhiteSpace(internalNote) ? null : internalNote.Trim();
    }

    public Guid Id { get; private set; }
    public Guid OfferId { get; private set; }
    public int Position { get; private set; }
    public CompensationKind Kind { get; private set; }
    public decimal Amount { get; private set; }
    public string Currency { get; private set; } = "";
    public string CustomerText { get; private set; } = "";
    public string? InternalNote { get; private set; }
}

public sealed record OfferOptionInput(CompensationKind Kind, decimal Amount, string Currency, string CustomerText, string? InternalNote);

/// <summary>
/// A compensation offer on a case: one to three alternative options. Within the proposer's remaining authority it goes
/// straight to the customer; above it, it waits for a supervisor who is not the proposer (four eyes). The customer's
/// answer is recorded once, against the version they saw. The state changes only in the methods below, each refusing the
/// states it may not leave from: awaiting approval → offered | rejected (Decide); offered → accepted | declined | expired;
/// accepted → fulfilled; awaiting approval, offered or rejected → a new version, offered or awaiting approval (Revise).
/// </summary>
public sealed class CompensationOffer
{
    public const int MaxOptions = 3;

    private readonly List<OfferOption> _options = [];

    private CompensationOffer() { }

    public Guid Id { get; private set; }
    public Guid ComplaintId { get; private set; }
    /// <summary>The business version the customer answers against: a revision is a new version with its own decision.</summary>
    public int Version { get; private set; }
    public OfferState State { get; private set; }
    public IReadOnlyList<OfferOption> Options => _options;
    public string ProposedById { get; private set; } = "";
    public string ProposedByName { get; private set; } = "";
    public DateTimeOffset ProposedAt { get; private set; }
    public string? DecidedById { get; private set; }
    public string? DecidedByName { get; private set; }
    public DateTimeOffset? DecidedAt { get; private set; }
    public string? DecisionComment { get; private set; }
    public DateTimeOffset? AnswerBy { get; private set; }
    public Guid? AcceptedOptionId { get; private set; }
    public string? DeclineReason { get; private set; }
    /// <summary>When the customer answered, or when the unanswered offer expired.</summary>
    public DateTimeOffset? AnsweredAt { get; private set; }
    public string? AnsweredByName { get; private set; }
    public string? FulfilmentReference { get; private set; }
    public string? FulfilledByName { get; private set; }
    public DateTimeOffset? FulfilledAt { get; private set; }
    /// <summary>xmin: the row's concurrency token (concurrent answers: one wins, the rest 409).</summary>
    public uint RowVersion { get; private set; }

    /// <summary>The most this offer can cost: the dearest option (the customer picks one).</summary>
    public decimal MaxCost => _options.Count == 0 ? 0 : _options.Max(o => o.Amount);

    public OfferOption? AcceptedOption => _options.FirstOrDefault(o => o.Id == AcceptedOptionId);

    /// <summary>
    /// A new offer. <paramref name="remainingAuthority"/> is what the proposer may still grant on this case (their
    /// limit less what accepted or pending offers already count); above it the offer waits for approval.
    /// </summary>
    public static CompensationOffer Propose(Guid complaintId, IReadOnlyList<OfferOptionInput> options, decimal remainingAuthority,
        Actor proposer, DateTimeOffset at)
    {
        EnsureCaseHandler(proposer);
        var offer = new CompensationOffer
        {
            Id = Guid.CreateVersion7(at),
            ComplaintId = complaintId,
            Version = 1,
            ProposedById = proposer.UserId ?? "",
            ProposedByName = proposer.Name,
            ProposedAt = at,
        };
        offer.SetOptions(options);
        offer.State = offer.MaxCost <= remainingAuthority ? OfferState.Offered : OfferState.AwaitingApproval;
        return offer;
    }

    /// <summary>A changed offer is a new version: the old decision does not carry over, the authority check runs again.</summary>
    public void Revise(IReadOnlyList<OfferOptionInput> options, decimal remainingAuthority, Actor proposer, DateTimeOffset at)
    {
        EnsureCaseHandler(proposer);
        if (State is not (OfferState.AwaitingApproval or OfferState.Offered or OfferState.Rejected))
        {
            throw Refused("An offer that was {0} cannot be changed; make a new one.", State);
        }
        SetOptions(options);
        Version++;
        ProposedById = proposer.UserId ?? "";
        ProposedByName = proposer.Name;
        ProposedAt = at;
        DecidedById = null;
        DecidedByName = null;
        DecidedAt = null;
        DecisionComment = null;
        AnswerBy = null;
        State = MaxCost <= remainingAuthority ? OfferState.Offered : OfferState.AwaitingApproval;
    }

    /// <summary>
    /// Four eyes: a supervisor who is not the proposer approves (within their own authority) or rejects, with a comment.
    /// </summary>
    public void Decide(bool approved, string comment, decimal approverRemainingAuthority, Actor supervisor, DateTimeOffset at)
    {
        if (!supervisor.Is(Party.Supervisor))
        {
            throw new ActionForbiddenException("Only supervisors approve compensation offers.");
        }
        if (supervisor.UserId is not null && supervisor.UserId == ProposedById)
        {
            throw new ActionForbiddenException("An offer needs a second person: its proposer cannot approve or reject it.");
        }
        if (State != OfferState.AwaitingApproval)
        {
            throw Refused("Only an offer awaiting approval can be decided; this one is {0}.", State);
        }
        if (approved && MaxCost > approverRemainingAuthority)
        {
            throw new ComplaintRuleException(Rules.BeyondAuthority,
                "This offer is beyond your own authority on this case ({0:0.00} left).", approverRemainingAuthority);
        }
        State = approved ? OfferState.Offered : OfferState.Rejected;
        DecidedById = supervisor.UserId;
        DecidedByName = supervisor.Name;
        DecidedAt = at;
        DecisionComment = comment.Trim();
    }

    /// <summary>The answer window starts when the customer can see the offer.</summary>
    public void SetAnswerBy(DateTimeOffset answerBy) => AnswerBy = answerBy;

    /// <summary>The customer's choice (recorded by staff, or through the status link): one option, once, on this version.</summary>
    public void Accept(Guid optionId, int offerVersion, Actor actor, DateTimeOffset at)
    {
        EnsureAnswerable(offerVersion, actor);
        if (_options.All(o => o.Id != optionId))
        {
            throw Refused("The chosen option is not part of this offer.");
        }
        State = OfferState.Accepted;
        AcceptedOptionId = optionId;
        Answered(actor, at);
    }

    public void Decline(string reason, int offerVersion, Actor actor, DateTimeOffset at)
    {
        EnsureAnswerable(offerVersion, actor);
        State = OfferState.Declined;
        DeclineReason = reason.Trim();
        Answered(actor, at);
    }

    /// <summary>
    /// The answer window ended unanswered (the sweeper). Only an offer in front of the customer has a window: one sent
    /// back for approval had it cancelled, so it cannot expire. <see cref="AnsweredAt"/> is then when the offer closed
    /// (the case page shows it as "Expired"), not an answer.
    /// </summary>
    public bool Expire(DateTimeOffset at)
    {
        if (State != OfferState.Offered)
        {
            return false;
        }
        State = OfferState.Expired;
        AnsweredAt = at;
        return true;
    }

    public void Fulfil(string reference, Actor actor, DateTimeOffset at)
    {
        EnsureCaseHandler(actor);
        if (State != OfferState.Accepted)
        {
            throw Refused("Only an accepted offer can be fulfilled; this one is {0}.", State);
        }
        State = OfferState.Fulfilled;
        FulfilmentReference = reference.Trim();
        FulfilledByName = actor.Name;
        FulfilledAt = at;
    }

    private void EnsureAnswerable(int offerVersion, Actor actor)
    {
        if (!actor.Is(Party.Agent | Party.Supervisor | Party.Customer))
        {
            throw new ActionForbiddenException("Only the customer, or staff recording their answer, can answer an offer.");
        }
        if (offerVersion != Version)
        {
            throw new ComplaintRuleException(Rules.OfferVersionStale,
                "This answer is for version {0} of the offer; the current version is {1}.", offerVersion, Version);
        }
        if (State != OfferState.Offered)
        {
            throw Refused("Only an offer made to the customer can be answered; this one is {0}.", State);
        }
    }

    private void Answered(Actor actor, DateTimeOffset at)
    {
        AnsweredAt = at;
        AnsweredByName = actor.Name;
    }

    private void SetOptions(IReadOnlyList<OfferOptionInput> options)
    {
        if (options.Count is 0 or > MaxOptions)
        {
            throw new ArgumentException($"An offer has one to {MaxOptions} options.", nameof(options));
        }
        if (options.Any(o => !Money.IsValidAmount(o.Amount)) || options.Select(o => o.Currency).Distinct().Count() != 1)
        {
            throw new ArgumentException("Amounts must be positive, to the cent, bounded, and in one currency.", nameof(options));
        }
        _options.Clear();
        for (var i = 0; i < options.Count; i++)
        {
            var o = options[i];
            _options.Add(new OfferOption(i + 1, o.Kind, o.Amount, o.Currency, o.CustomerText, o.InternalNote));
        }
    }

    private static void EnsureCaseHandler(Actor actor)
    {
        if (!actor.Is(Party.Agent | Party.Supervisor))
        {
            throw new ActionForbiddenException("Only staff who handle complaints can make or fulfil offers.");
        }
    }

    private static ComplaintRuleException Refused(string template, params object[] args) =>
        new(Rules.OfferStateNotAllowed, template, args);
}
