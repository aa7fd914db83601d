using System.Globalization;
using System.Text.Json.Serialization;
using ComplaintDesk.Application.Common;
using ComplaintDesk.Application.Features.Administration;
using ComplaintDesk.Application.Identity;
using ComplaintDesk.Application.Persistence;
using ComplaintDesk.Domain;
using ComplaintDesk.Domain.Compensation;
using FluentValidation;
using FluentValidation.Results;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace ComplaintDesk.Application.Features.Compensation;

/// <summary>A person's own authority per case as an administrator sends it.</summary>
public sealed record UserLimitInput
{
    public string? UserId { get; init; }
    public decimal? Limit { get; init; }
}

/// <summary>
/// Replaces the compensation policy (PUT /api/v1/compensation/policy, the /Admin/Compensation page) with the version
/// last seen in <see cref="ExpectedVersion"/> (If-Match; null: no check). The currency cannot change while the ledger
/// or an open offer holds amounts in another one. A change applies to offers made from now on.
/// </summary>
public sealed record SaveCompensationPolicyCommand : ICommand<CompensationPolicyView>
{
    public IReadOnlyList<CompensationKind>? EnabledKinds { get; init; }
    /// <summary>An ISO 4217 code such as TWD, USD or EUR.</summary>
    public string? Currency { get; init; }
    public decimal? AgentLimit { get; init; }
    public decimal? SupervisorLimit { get; init; }
    /// <summary>A customer granted more than this over the last 12 months is flagged beside a new offer.</summary>
    public decimal? WarningThreshold { get; init; }
    /// <summary>Per-person authorities; none sent: none.</summary>
    public IReadOnlyList<UserLimitInput>? UserLimits { get; init; }
    [JsonIgnore] public uint? ExpectedVersion { get; init; }
}

public sealed class SaveCompensationPolicyValidator : AbstractValidator<SaveCompensationPolicyCommand>
{
    /// <summary>A bound, not a page: overrides are for a handful of people.</summary>
    public const int MaxUserLimits = 500;

    /// <summary>The ISO 4217 codes of the currencies the world's regions use (as .NET knows them).</summary>
    private static readonly Lazy<HashSet<string>> KnownCurrencies = new(() =>
        CultureInfo.GetCultures(CultureTypes.SpecificCultures)
            .Select(c => { try { return new RegionInfo(c.Name).ISOCurrencySymbol; } catch (ArgumentException) { return null; } })
            .Where(code => code is { Length: 3 } && code.All(char.IsAsciiLetterUpper))
            .ToHashSet(StringComparer.Ordinal)!);

    public SaveCompensationPolicyValidator()
    {
        RuleFor(c => c.EnabledKinds).NotNull().WithMessage(_ => Texts.Get("Enable at least one kind of compensation."));
        RuleFor(c => c.EnabledKinds).Must(kinds => kinds!.Count > 0).When(c => c.EnabledKinds is not null)
            .WithMessage(_ => Texts.Get("Enable at least one kind of compensation."));
        RuleForEach(c => c.EnabledKinds).IsInEnum();
        RuleFor(c => c.Currency).NotEmpty();
        RuleFor(c => c.Currency).Must(IsCurrency).When(c => !string.IsNullOrWhiteSpace(c.Currency))
            .WithMessage(_ => Texts.Format("Use a three-letter currency code, such as {0}.", "TWD, CNY, USD, EUR"));
        Money(c => c.AgentLimit);
        Money(c => c.SupervisorLimit);
        Money(c => c.WarningThreshold);
        RuleFor(c => c.SupervisorLimit)
            .Must((c, limit) => limit >= c.AgentLimit)
            .When(c => IsMoney(c.AgentLimit) && IsMoney(c.SupervisorLimit))
            .WithMessage(_ => Texts.Get("A supervisor's limit cannot be lower than an agent's."));
        RuleFor(c => c.UserLimits!.Count).LessThanOrEqualTo(MaxUserLimits).OverridePropertyName(nameof(SaveCompensationPolicyCommand.UserLimits))
            .WithMessage(_ => Texts.Format("At most {0} personal limits.", MaxUserLimits))
            .When(c => c.UserLimits is not null);
        RuleForEach(c => c.UserLimits).NotNull().WithMessage(_ => Texts.Get("A row is missing.")).ChildRules(row =>
        {
            row.RuleFor(u => u.UserId).NotEmpty().WithMessage(_ => Texts.Get("Choose a person.")).MaximumLength(FieldLengths.UserId);
            row.RuleFor(u => u.Limit).NotNull()
                .Must(IsMoney).WithMessage(_ => MoneyMessage());
        });
        RuleFor(c => c.UserLimits).Custom(CheckDuplicates).When(c => c.UserLimits is not null);
    }

    public static bool IsCurrency(string? code) =>
        code is not null && code.Trim().Length == 3 && KnownCurrencies.Value.Contains(code.Trim().ToUpperInvariant());

    /// <summary>Zero or more, to the cent, at most <see cref="Domain.Compensation.Money.MaxAmount"/>.</summary>
    public static bool IsMoney(decimal? amount) =>
        amount is { } value && value >= 0 && value <= Domain.Compensation.Money.MaxAmount && decimal.Round(value, 2) == value;

    private static string MoneyMessage() =>
        Texts.Format("An amount is zero or more, at most {0:N0}, to the cent.", Domain.Compensation.Money.MaxAmount);

    private void Money(System.Linq.Expressions.Expression<Func<SaveCompensationPolicyCommand, decimal?>> field) =>
        RuleFor(field).NotNull().Must(IsMoney).WithMessage(_ => MoneyMessage());

    private static void CheckDuplicates(IReadOnlyList<UserLimitInput>? rows, ValidationContext<SaveCompensationPolicyCommand> context)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < rows!.Count; i++)
        {
            if (rows[i]?.UserId is { Length: > 0 } id && !seen.Add(id.Trim()))
            {
                context.AddFailure($"{nameof(SaveCompensationPolicyCommand.UserLimits)}[{i}].{nameof(UserLimitInput.UserId)}",
                    Texts.Get("This person has a limit of their own already; give each person one row."));
            }
        }
    }
}

public sealed class SaveCompensationPolicyHandler(ComplaintDeskDbContext db, ICurrentActor currentActor)
    : ICommandHandler<SaveCompensationPolicyCommand, CompensationPolicyView>
{
    public async ValueTask<CompensationPolicyView> Handle(SaveCompensationPolicyCommand command, CancellationToken cancellationToken)
    {
        Administrators.EnsureAdmin(currentActor.Actor, Administrators.CompensationPolicy);
        var policy = await db.CompensationPolicies.SingleAsync(p => p.Id == CompensationPolicy.SingletonId, cancellationToken);
        if (command.ExpectedVersion is { } expected && expected != policy.Version)
        {
            throw new ConcurrencyConflictException();
        }
        var currency = command.Currency!.Trim().ToUpperInvariant();
        var rows = (command.UserLimits ?? []).Select(u => new UserAuthority(u.UserId!.Trim(), u.Limit!.Value)).ToList();
        var failures = new List<ValidationFailure>();
        await CheckPeopleAsync(rows, failures, cancellationToken);
        if (currency != policy.Currency.Trim())
        {
            await CheckCurrencyAsync(currency, failures, cancellationToken);
        }
        if (failures.Count > 0)
        {
            throw new ValidationException(failures);
        }

        policy.Change(command.EnabledKinds!, currency, command.AgentLimit!.Value, command.SupervisorLimit!.Value, command.WarningThreshold!.Value, rows);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConcurrencyConflictException();
        }
        return await CompensationPolicyView.OfAsync(db, policy, cancellationToken);
    }

    /// <summary>Every person named exists and handles cases (an agent or a supervisor): one query for all of them.</summary>
    private async Task CheckPeopleAsync(IReadOnlyList<UserAuthority> rows, List<ValidationFailure> failures, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return;
        }
        var ids = rows.Select(r => r.UserId).Distinct().ToList();
        var existing = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).Select(u => u.Id).ToListAsync(cancellationToken);
        var handlers = await (
                from userRole in db.UserRoles
                join role in db.Roles on userRole.RoleId equals role.Id
                where ids.Contains(userRole.UserId) && (role.Name == Roles.Agent || role.Name == Roles.Supervisor)
                select userRole.UserId)
            .Distinct().ToListAsync(cancellationToken);
        for (var i = 0; i < rows.Count; i++)
        {
            var field = $"{nameof(SaveCompensationPolicyCommand.UserLimits)}[{i}].{nameof(UserLimitInput.UserId)}";
            if (!existing.Contains(rows[i].UserId))
            {
                failures.Add(new ValidationFailure(field, Texts.Get("There is no user with this id.")));
            }
            else if (!handlers.Contains(rows[i].UserId))
            {
                failures.Add(new ValidationFailure(field, Texts.Get("Only agents and supervisors make offers; this person is neither.")));
            }
        }
    }

    /// <summary>
    /// Amounts already granted, or offered and not yet answered, stay in their currency: while any is in another
    /// currency than the new one, the currency cannot change (totals would add up different money).
    /// </summary>
    private async Task CheckCurrencyAsync(string currency, List<ValidationFailure> failures, CancellationToken cancellationToken)
    {
        var ledgered = await db.Ledger.Where(l => l.Currency != currency).Select(l => l.Currency).FirstOrDefaultAsync(cancellationToken);
        var offered = ledgered ?? await db.Offers
            .Where(o => o.State == OfferState.AwaitingApproval || o.State == OfferState.Offered)
            .SelectMany(o => o.Options).Where(option => option.Currency != currency).Select(option => option.Currency)
            .FirstOrDefaultAsync(cancellationToken);
        if (offered is not null)
        {
            failures.Add(new ValidationFailure(nameof(SaveCompensationPolicyCommand.Currency),
                Texts.Format("Amounts in {0} are in the ledger or on offer; the currency cannot change while they are.", offered.Trim())));
        }
    }
}
