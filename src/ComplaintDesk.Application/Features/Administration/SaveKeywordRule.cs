using ComplaintDesk.Application.Common;
using ComplaintDesk.Application.Persistence;
using ComplaintDesk.Domain;
using ComplaintDesk.Domain.Alerts;
using ComplaintDesk.Domain.Complaints;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Severity = ComplaintDesk.Domain.Complaints.Severity;

namespace ComplaintDesk.Application.Features.Administration;

/// <summary>
/// What a keyword rule is made of, to create one (POST) or replace one (PUT). The phrase matches case- and
/// width-insensitively (<see cref="KeywordRule.Fold"/>), so "LAWYER" and "ｌａｗｙｅｒ" are the same rule — one per phrase.
/// </summary>
public abstract record KeywordRuleFields
{
    public string? Phrase { get; init; }
    public Severity? MinimumSeverity { get; init; }
    public bool RiskFlag { get; init; }
}

public sealed record CreateKeywordRuleCommand : KeywordRuleFields, ICommand<KeywordRuleView>;

public sealed record UpdateKeywordRuleCommand : KeywordRuleFields, ICommand<KeywordRuleView>
{
    public Guid Id { get; init; }
}

public sealed class KeywordRuleFieldsValidator : AbstractValidator<KeywordRuleFields>
{
    /// <summary>One letter would match nearly every complaint; two already carry meaning in Chinese (律師).</summary>
    public const int MinimumPhraseLength = 2;

    public KeywordRuleFieldsValidator()
    {
        RuleFor(c => c.Phrase).NotEmpty().MaximumLength(FieldLengths.KeywordPhrase);
        RuleFor(c => c.Phrase).Must(p => KeywordRule.Fold(p!.Trim()).Length >= MinimumPhraseLength)
            .When(c => !string.IsNullOrWhiteSpace(c.Phrase))
            .WithMessage(_ => Texts.Format("Use at least {0} characters, or the rule would match nearly every complaint.", MinimumPhraseLength));
        RuleFor(c => c.MinimumSeverity).NotNull().IsInEnum();
    }
}

public sealed class CreateKeywordRuleValidator : AbstractValidator<CreateKeywordRuleCommand>
{
    public CreateKeywordRuleValidator() => Include(new KeywordRuleFieldsValidator());
}

public sealed class UpdateKeywordRuleValidator : AbstractValidator<UpdateKeywordRuleCommand>
{
    public UpdateKeywordRuleValidator()
    {
        RuleFor(c => c.Id).NotEmpty();
        Include(new KeywordRuleFieldsValidator());
    }
}

public sealed class CreateKeywordRuleHandler(ComplaintDeskDbContext db, ICurrentActor currentActor, TimeProvider clock)
    : ICommandHandler<CreateKeywordRuleCommand, KeywordRuleView>
{
    public async ValueTask<KeywordRuleView> Handle(CreateKeywordRuleCommand command, CancellationToken cancellationToken)
    {
        Administrators.EnsureAdmin(currentActor.Actor);
        var rule = new KeywordRule(command.Phrase!, command.MinimumSeverity!.Value, command.RiskFlag, clock.GetUtcNow());
        await KeywordRulePhrase.EnsureUniqueAsync(db, rule, cancellationToken);
        db.KeywordRules.Add(rule);
        await KeywordRulePhrase.SaveAsync(db, cancellationToken);
        return KeywordRuleView.Of(rule);
    }
}

public sealed class UpdateKeywordRuleHandler(ComplaintDeskDbContext db, ICurrentActor currentActor)
    : ICommandHandler<UpdateKeywordRuleCommand, KeywordRuleView>
{
    public async ValueTask<KeywordRuleView> Handle(UpdateKeywordRuleCommand command, CancellationToken cancellationToken)
    {
        Administrators.EnsureAdmin(currentActor.Actor);
        var rule = await db.KeywordRules.SingleOrDefaultAsync(r => r.Id == command.Id, cancellationToken)
            ?? throw new NotFoundException("Keyword rule", command.Id);
        rule.Change(command.Phrase!, command.MinimumSeverity!.Value, command.RiskFlag);
        await KeywordRulePhrase.EnsureUniqueAsync(db, rule, cancellationToken);
        await KeywordRulePhrase.SaveAsync(db, cancellationToken);
        return KeywordRuleView.Of(rule);
    }
}

internal static class KeywordRulePhrase
{
    public const string Taken = "There is a rule for this phrase already (matching ignores case and full-width letters).";

    public static async Task EnsureUniqueAsync(ComplaintDeskDbContext db, KeywordRule rule, CancellationToken cancellationToken)
    {
        if (await db.KeywordRules.AnyAsync(r => r.FoldedPhrase == rule.FoldedPhrase && r.Id != rule.Id, cancellationToken))
        {
            throw Administrators.FieldError(nameof(KeywordRuleFields.Phrase), Texts.Get(Taken));
        }
    }

    /// <summary>The unique index decides a race between two administrators typing the same phrase.</summary>
    public static async Task SaveAsync(ComplaintDeskDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException race) when (Administrators.IsUniqueViolation(race))
        {
            throw Administrators.FieldError(nameof(KeywordRuleFields.Phrase), Texts.Get(Taken));
        }
    }
}
