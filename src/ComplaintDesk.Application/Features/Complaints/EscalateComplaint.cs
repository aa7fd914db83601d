using ComplaintDesk.Domain;
using FluentValidation;
using Mediator;

namespace ComplaintDesk.Application.Features.Complaints;

public sealed record EscalateComplaintCommand : ComplaintCommand, ICommand<ComplaintView>
{
    public string? Reason { get; init; }
}

public sealed class EscalateComplaintValidator : AbstractValidator<EscalateComplaintCommand>
{
    public EscalateComplaintValidator()
    {
        RuleFor(c => c.ComplaintId).NotEmpty();
        RuleFor(c => c.Reason).NotEmpty().MaximumLength(FieldLengths.Reason);
    }
}

public sealed class EscalateComplaintHandler(ComplaintEditor editor) : ICommandHandler<EscalateComplaintCommand, ComplaintView>
{
    public async ValueTask<ComplaintView> Handle(EscalateComplaintCommand command, CancellationToken cancellationToken)
    {
        var complaint = await editor.LoadAsync(command, cancellationToken);
        complaint.Escalate(command.Reason!, editor.Actor, editor.Now);
        return await editor.SaveAsync(complaint, cancellationToken);
    }
}
