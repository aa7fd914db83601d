using ComplaintDesk.Application.Common;
using ComplaintDesk.Domain;
using FluentValidation;
using Mediator;

namespace ComplaintDesk.Application.Features.Complaints;

/// <summary>
/// A supervisor approves (optionally handing the case to someone else, raising this case's compensation authority and
/// agreeing a new resolve-by) or declines with guidance.
/// </summary>
public sealed record DecideEscalationCommand : ComplaintCommand, ICommand<ComplaintView>
{
    /// <summary>The most a raised authority can be, in the case currency.</summary>
    public const decimal MaxRaisedAuthority = 10_000_000m;

    public bool? Approved { get; init; }
    public string? Comment { get; init; }
    public string? NewOwnerId { get; init; }

    /// <summary>With an approval: the new deadline for resolving, in the future; the resolve clock is replaced by one due then.</summary>
    public DateTimeOffset? ResolveBy { get; init; }

    /// <summary>With an approval: the compensation authority for this case, above 0 and at most 10,000,000, two decimals.</summary>
    public decimal? RaisedAuthority { get; init; }
}

public sealed class DecideEscalationValidator : AbstractValidator<DecideEscalationCommand>
{
    private const string OnlyWithApproval = "A declined escalation changes neither the deadline nor the authority; those go with an approval.";

    public DecideEscalationValidator(TimeProvider clock)
    {
        RuleFor(c => c.ComplaintId).NotEmpty();
        RuleFor(c => c.Approved).NotNull().WithMessage(_ => Texts.Get("Choose approve or decline."));
        RuleFor(c => c.Comment).NotEmpty().MaximumLength(FieldLengths.Reason);
        RuleFor(c => c.NewOwnerId).MaximumLength(FieldLengths.UserId);
        RuleFor(c => c.NewOwnerId).Empty().When(c => c.Approved == false)
            .WithMessage(_ => Texts.Get("A declined escalation stays with its owner; a new owner goes with an approval."));
        RuleFor(c => c.ResolveBy)
            .Must(resolveBy => resolveBy > clock.GetUtcNow()).When(c => c.ResolveBy is not null)
            .WithMessage(_ => Texts.Get("The new resolve-by must be in the future."));
        RuleFor(c => c.ResolveBy).Null().When(c => c.Approved == false).WithMessage(_ => Texts.Get(OnlyWithApproval));
        RuleFor(c => c.RaisedAuthority)
            .Must(amount => amount > 0 && amount <= DecideEscalationCommand.MaxRaisedAuthority && decimal.Round(amount!.Value, 2) == amount)
            .When(c => c.RaisedAuthority is not null)
            .WithMessage(_ => Texts.Get("Give an amount above 0 and at most 10,000,000, with at most two decimals."));
        RuleFor(c => c.RaisedAuthority).Null().When(c => c.Approved == false).WithMessage(_ => Texts.Get(OnlyWithApproval));
    }
}

public sealed class DecideEscalationHandler(ComplaintEditor editor) : ICommandHandler<DecideEscalationCommand, ComplaintView>
{
    public async ValueTask<ComplaintView> Handle(DecideEscalationCommand command, CancellationToken cancellationToken)
    {
        var complaint = await editor.LoadAsync(command, cancellationToken);
        (string, string)? newOwner = string.IsNullOrEmpty(command.NewOwnerId)
            ? null
            : await editor.FindCaseHandlerAsync(command.NewOwnerId, nameof(command.NewOwnerId), cancellationToken);
        // Stored as UTC: a caller may send any offset ("…+08:00"), and a timestamptz column takes UTC only.
        complaint.DecideEscalation(command.Approved!.Value, command.Comment!, newOwner, editor.Actor, editor.Now,
            command.ResolveBy?.ToUniversalTime(), command.RaisedAuthority);
        return await editor.SaveAsync(complaint, cancellationToken);
    }
}
