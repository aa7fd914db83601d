using ComplaintDesk.Domain;
using FluentValidation;
using Mediator;

namespace ComplaintDesk.Application.Features.Complaints;

public sealed record ConfirmSatisfiedCommand : ComplaintCommand, ICommand<ComplaintView>
{
    public string? Comment { get; init; }
    public int? Score { get; init; }
}

public sealed class ConfirmSatisfiedValidator : AbstractValidator<ConfirmSatisfiedCommand>
{
    public ConfirmSatisfiedValidator()
    {
        RuleFor(c => c.ComplaintId).NotEmpty();
        RuleFor(c => c.Comment).MaximumLength(FieldLengths.Reason);
        RuleFor(c => c.Score).InclusiveBetween(1, 5);
    }
}

public sealed class ConfirmSatisfiedHandler(ComplaintEditor editor) : ICommandHandler<ConfirmSatisfiedCommand, ComplaintView>
{
    public async ValueTask<ComplaintView> Handle(ConfirmSatisfiedCommand command, CancellationToken cancellationToken)
    {
        var complaint = await editor.LoadAsync(command, cancellationToken);
        complaint.ConfirmSatisfied(command.Comment, command.Score, editor.Actor, editor.Now);
        return await editor.SaveAsync(complaint, cancellationToken);
    }
}
