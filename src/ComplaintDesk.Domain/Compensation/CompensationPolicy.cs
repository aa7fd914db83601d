namespace ComplaintDesk.Domain.Compensation;

/// <summary>A per-user authority that replaces their role's limit.</summary>
public sealed record UserAuthority(string UserId, decimal Limit);

/// <summary>
/// The one compensation policy: which kinds may be offered, the currency, each role's authority per case (and per-user
/// overrides), and the 12-month total beyond which an offer shows a warning ("the squeaky wheel").
/// </summary>
public sealed class CompensationPolicy
{
    /// <summary>There is one policy row.</summary>
    public const int SingletonId = 1;

    private CompensationPolicy() { }

    public CompensationPolicy(string currency, decimal agentLimit, decimal supervisorLimit, decimal warningThreshold)
    {
        Id = SingletonId;
        Change(Enum.GetValues<CompensationKind>(), currency, agentLimit, supervisorLimit, warningThreshold, []);
    }

    public int Id { get; private set; }
    public string Currency { get; private set; } = "";
    public List<CompensationKind> EnabledKinds { get; private set; } = [];
    public decimal AgentLimit { get; private set; }
    public decimal SupervisorLimit { get; private set; }
    public decimal WarningThreshold { get; private set; }
    public List<UserAuthority> UserLimits { get; private set; } = [];
    public uint Version { get; private set; }

    public void Change(IEnumerable<CompensationKind> enabledKinds, string currency, decimal agentLimit, decimal supervisorLimit,
        decimal warningThreshold, IEnumerable<UserAuthority> userLimits)
    {
        EnabledKinds = enabledKinds.Distinct().Order().ToList();
        Currency = currency.Trim().ToUpperInvariant();
        AgentLimit = agentLimit;
        SupervisorLimit = supervisorLimit;
        WarningThreshold = warningThreshold;
        UserLimits = userLimits.GroupBy(u => u.UserId).Select(g => g.Last()).OrderBy(u => u.UserId, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// What this person may grant on one case: their own override, else their role's limit (a supervisor's if they are
    /// one); an escalation decision may have raised the case's authority above it.
    /// </summary>
    public decimal LimitFor(Actors.Actor actor, decimal? raisedForCase)
    {
        var own = UserLimits.FirstOrDefault(u => u.UserId == actor.UserId)?.Limit
            ?? (actor.Is(Actors.Party.Supervisor) ? SupervisorLimit : actor.Is(Actors.Party.Agent) ? AgentLimit : 0m);
        return raisedForCase is { } raised && raised > own ? raised : own;
    }
}

/// <summary>One accepted option: a cost line of the ledger, written once per offer (unique), with its case's facts.</summary>
public sealed class LedgerLine
{
    private LedgerLine() { }

    public LedgerLine(CompensationOffer offer, Guid customerId, string categoryCode, DateTimeOffset acceptedAt)
    {
        var option = offer.AcceptedOption ?? throw new InvalidOperationException("Only an accepted offer makes a ledger line.");
        OfferId = offer.Id;
        OptionId = option.Id;
        ComplaintId = offer.ComplaintId;
        CustomerId = customerId;
        CategoryCode = categoryCode;
        Kind = option.Kind;
        Amount = option.Amount;
        Currency = option.Currency;
        AcceptedAt = acceptedAt;
    }

    public long Id { get; private set; }
    public Guid OfferId { get; private set; }
    public Guid OptionId { get; private set; }
    public Guid ComplaintId { get; private set; }
    public Guid CustomerId { get; private set; }
    public string CategoryCode { get; private set; } = "";
    public CompensationKind Kind { get; private set; }
    public decimal Amount { get; private set; }
    public string Currency { get; private set; } = "";
    public DateTimeOffset AcceptedAt { get; private set; }
    public DateTimeOffset? FulfilledAt { get; private set; }

    public void MarkFulfilled(DateTimeOffset at) => FulfilledAt = at;
}
