using FluentValidation;
using Mediator;

namespace ComplaintDesk.Application.Features.Complaints;

/// <summary>The owner takes the case into investigation.</summary>
public sealed record StartResolvingCommand : ComplaintCommand, ICommand<ComplaintView>;

public sealed class StartResolvingValidator : AbstractValidator<StartResolvingCommand>
{
    public StartResolvingValidator() => RuleFor(c => c.ComplaintId).NotEmpty();
}

public sealed class StartResolvingHandler(ComplaintEditor editor) : ICommandHandler<StartResolvingCommand, ComplaintView>
{
    public async ValueTask<ComplaintView> Handle(StartResolvingCommand command, CancellationToken cancellationToken)
    {
        var complaint = await editor.LoadAsync(command, cancellationToken);
        complaint.StartResolving(editor.Actor, editor.Now);
        return await editor.SaveAsync(complaint, cancellationToken);
    }
}
