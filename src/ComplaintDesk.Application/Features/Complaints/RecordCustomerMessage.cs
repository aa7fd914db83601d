using ComplaintDesk.Application.Features.Alerts;
using ComplaintDesk.Domain;
using FluentValidation;
using Mediator;

namespace ComplaintDesk.Application.Features.Complaints;

/// <summary>
/// What the customer said or sent outside the desk — on the phone, by e-mail — recorded by staff in the customer's
/// words. The case no longer waits on the customer, so a paused resolve clock resumes with the paused time added back.
/// The keyword rules read it as they read the intake: "lawyer" raises the severity (and the deadlines follow). Any state:
/// customers write after closing too.
/// </summary>
public sealed record RecordCustomerMessageCommand : ComplaintCommand, ICommand<ComplaintView>
{
    public string? Message { get; init; }
}

public sealed class RecordCustomerMessageValidator : AbstractValidator<RecordCustomerMessageCommand>
{
    public RecordCustomerMessageValidator()
    {
        RuleFor(c => c.ComplaintId).NotEmpty();
        RuleFor(c => c.Message).NotEmpty().MaximumLength(FieldLengths.NoteBody);
    }
}

public sealed class RecordCustomerMessageHandler(ComplaintEditor editor, KeywordScreening keywords)
    : ICommandHandler<RecordCustomerMessageCommand, ComplaintView>
{
    public async ValueTask<ComplaintView> Handle(RecordCustomerMessageCommand command, CancellationToken cancellationToken)
    {
        var complaint = await editor.LoadAsync(command, cancellationToken);
        complaint.RecordCustomerMessage(command.Message!, editor.Actor, editor.Now);
        // After the message, so the timeline reads: what the customer said, then what the rules made of it.
        await keywords.ScreenAsync(complaint, command.Message!, cancellationToken);
        return await editor.SaveAsync(complaint, cancellationToken);
    }
}
