using FluentValidation;
using Mediator;

namespace ComplaintDesk.Application.Features.Complaints;

/// <summary>Ask the customer whether they are satisfied (the follow-up timer sends this too, in a later issue).</summary>
public sealed record StartFollowUpCommand : ComplaintCommand, ICommand<ComplaintView>;

public sealed class StartFollowUpValidator : AbstractValidator<StartFollowUpCommand>
{
    public StartFollowUpValidator() => RuleFor(c => c.ComplaintId).NotEmpty();
}

public sealed class StartFollowUpHandler(ComplaintEditor editor) : ICommandHandler<StartFollowUpCommand, ComplaintView>
{
    public async ValueTask<ComplaintView> Handle(StartFollowUpCommand command, CancellationToken cancellationToken)
    {
        var complaint = await editor.LoadAsync(command, cancellationToken);
        complaint.StartFollowUp(editor.Actor, editor.Now);
        return await editor.SaveAsync(complaint, cancellationToken);
    }
}
