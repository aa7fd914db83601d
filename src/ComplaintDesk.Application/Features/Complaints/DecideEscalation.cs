using ComplaintDesk.Application.Common;
using ComplaintDesk.Domain;
using FluentValidation;
using Mediator;

namespace ComplaintDesk.Application.Features.Complaints;

/// <summary>A supervisor approves (optionally handing the case to someone else) or declines with guidance.</summary>
public sealed record DecideEscalationCommand : ComplaintCommand, ICommand<ComplaintView>
{
    public bool? Approved { get; init; }
    public string? Comment { get; init; }
    public string? NewOwnerId { get; init; }
}

public sealed class DecideEscalationValidator : AbstractValidator<DecideEscalationCommand>
{
    public DecideEscalationValidator()
    {
        RuleFor(c => c.ComplaintId).NotEmpty();
        RuleFor(c => c.Approved).NotNull().WithMessage(_ => Texts.Get("Choose approve or decline."));
        RuleFor(c => c.Comment).NotEmpty().MaximumLength(FieldLengths.Reason);
        RuleFor(c => c.NewOwnerId).MaximumLength(FieldLengths.UserId);
        RuleFor(c => c.NewOwnerId).Empty().When(c => c.Approved == false)
            .WithMessage(_ => Texts.Get("A declined escalation stays with its owner; a new owner goes with an approval."));
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
        complaint.DecideEscalation(command.Approved!.Value, command.Comment!, newOwner, editor.Actor, editor.Now);
        return await editor.SaveAsync(complaint, cancellationToken);
    }
}
