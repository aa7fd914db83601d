using ComplaintDesk.Application.Common;
using ComplaintDesk.Application.Features.Complaints;
using ComplaintDesk.Domain;
using FluentValidation;
using Mediator;

namespace ComplaintDesk.Application.Features.StatusLinks;

/// <summary>
/// The customer's answer to "Are you satisfied with how we handled this?", sent by the status page: satisfied closes the
/// follow-up with the score; not satisfied reopens the case with the comment as the reason and keeps the score (the
/// domain escalates a second reopening from the follow-up). Staff recording an answer given on the phone use
/// ConfirmSatisfied or ReopenComplaint instead.
/// </summary>
public sealed record AnswerFollowUpCommand : ComplaintCommand, ICommand<ComplaintView>
{
    public bool? Satisfied { get; init; }
    public int? Score { get; init; }
    public string? Comment { get; init; }
}

public sealed class AnswerFollowUpValidator : AbstractValidator<AnswerFollowUpCommand>
{
    public AnswerFollowUpValidator()
    {
        RuleFor(c => c.ComplaintId).NotEmpty();
        RuleFor(c => c.Satisfied).NotNull().WithMessage(_ => Texts.Get("Say whether you are satisfied."));
        RuleFor(c => c.Score).NotNull().WithMessage(_ => Texts.Get("Choose a score from 1 to 5."))
            .InclusiveBetween(1, 5).WithMessage(_ => Texts.Get("Choose a score from 1 to 5."));
        RuleFor(c => c.Comment).NotEmpty().When(c => c.Satisfied == false)
            .WithMessage(_ => Texts.Get("Tell us what is still wrong, so we can put it right."));
        RuleFor(c => c.Comment).MaximumLength(FieldLengths.Reason);
    }
}

public sealed class AnswerFollowUpHandler(ComplaintEditor editor) : ICommandHandler<AnswerFollowUpCommand, ComplaintView>
{
    public async ValueTask<ComplaintView> Handle(AnswerFollowUpCommand command, CancellationToken cancellationToken)
    {
        var complaint = await editor.LoadAsync(command, cancellationToken);
        if (command.Satisfied == true)
        {
            complaint.ConfirmSatisfied(command.Comment, command.Score, editor.Actor, editor.Now);
        }
        else
        {
            complaint.Reopen(command.Comment!, editor.Actor, editor.Now, editor.Settings, command.Score);
        }
        return await editor.SaveAsync(complaint, cancellationToken);
    }
}
