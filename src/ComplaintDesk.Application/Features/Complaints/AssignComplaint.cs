using ComplaintDesk.Domain;
using FluentValidation;
using Mediator;

namespace ComplaintDesk.Application.Features.Complaints;

public sealed record AssignComplaintCommand : ComplaintCommand, ICommand<ComplaintView>
{
    public string? OwnerId { get; init; }
}

public sealed class AssignComplaintValidator : AbstractValidator<AssignComplaintCommand>
{
    public AssignComplaintValidator()
    {
        RuleFor(c => c.ComplaintId).NotEmpty();
        RuleFor(c => c.OwnerId).NotEmpty().MaximumLength(FieldLengths.UserId);
    }
}

public sealed class AssignComplaintHandler(ComplaintEditor editor) : ICommandHandler<AssignComplaintCommand, ComplaintView>
{
    public async ValueTask<ComplaintView> Handle(AssignComplaintCommand command, CancellationToken cancellationToken)
    {
        var complaint = await editor.LoadAsync(command, cancellationToken);
        var owner = await editor.FindCaseHandlerAsync(command.OwnerId!, nameof(command.OwnerId), cancellationToken);
        complaint.Assign(owner.Id, owner.Name, editor.Actor, editor.Now);
        return await editor.SaveAsync(complaint, cancellationToken);
    }
}
