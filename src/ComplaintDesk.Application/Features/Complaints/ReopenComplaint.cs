using ComplaintDesk.Domain;
using FluentValidation;
using Mediator;

namespace ComplaintDesk.Application.Features.Complaints;

public sealed record ReopenComplaintCommand : ComplaintCommand, ICommand<ComplaintView>
{
    public string? Reason { get; init; }
}

public sealed class ReopenComplaintValidator : AbstractValidator<ReopenComplaintCommand>
{
    public ReopenComplaintValidator()
    {
        RuleFor(c => c.ComplaintId).NotEmpty();
        RuleFor(c => c.Reason).NotEmpty().MaximumLength(FieldLengths.Reason);
    }
}

public sealed class ReopenComplaintHandler(ComplaintEditor editor) : ICommandHandler<ReopenComplaintCommand, ComplaintView>
{
    public async ValueTask<ComplaintView> Handle(ReopenComplaintCommand command, CancellationToken cancellationToken)
    {
        var complaint = await editor.LoadAsync(command, cancellationToken);
        complaint.Reopen(command.Reason!, editor.Actor, editor.Now, editor.Settings);
        return await editor.SaveAsync(complaint, cancellationToken);
    }
}
