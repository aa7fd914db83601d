using ComplaintDesk.Domain;
using ComplaintDesk.Domain.Complaints;
using FluentValidation;
using Mediator;

namespace ComplaintDesk.Application.Features.Complaints;

public sealed record ResolveComplaintCommand : ComplaintCommand, ICommand<ComplaintView>
{
    public string? Summary { get; init; }
    public ResolutionOutcome? Outcome { get; init; }
}

public sealed class ResolveComplaintValidator : AbstractValidator<ResolveComplaintCommand>
{
    public ResolveComplaintValidator()
    {
        RuleFor(c => c.ComplaintId).NotEmpty();
        RuleFor(c => c.Summary).NotEmpty().MaximumLength(FieldLengths.Summary);
        RuleFor(c => c.Outcome).NotNull().IsInEnum();
    }
}

public sealed class ResolveComplaintHandler(ComplaintEditor editor) : ICommandHandler<ResolveComplaintCommand, ComplaintView>
{
    public async ValueTask<ComplaintView> Handle(ResolveComplaintCommand command, CancellationToken cancellationToken)
    {
        var complaint = await editor.LoadAsync(command, cancellationToken);
        complaint.Resolve(command.Summary!, command.Outcome!.Value, editor.Actor, editor.Now);
        return await editor.SaveAsync(complaint, cancellationToken);
    }
}
