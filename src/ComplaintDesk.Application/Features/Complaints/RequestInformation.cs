using ComplaintDesk.Domain;
using FluentValidation;
using Mediator;

namespace ComplaintDesk.Application.Features.Complaints;

/// <summary>
/// Staff ask the customer for something (a photo, a receipt, an address). The message is public — it is what the
/// customer is asked — and the case now waits on the customer: the resolve clock pauses until they answer
/// (<see cref="RecordCustomerMessageCommand"/>). Open cases only.
/// </summary>
public sealed record RequestInformationCommand : ComplaintCommand, ICommand<ComplaintView>
{
    public string? Message { get; init; }
}

public sealed class RequestInformationValidator : AbstractValidator<RequestInformationCommand>
{
    public RequestInformationValidator()
    {
        RuleFor(c => c.ComplaintId).NotEmpty();
        RuleFor(c => c.Message).NotEmpty().MaximumLength(FieldLengths.NoteBody);
    }
}

public sealed class RequestInformationHandler(ComplaintEditor editor) : ICommandHandler<RequestInformationCommand, ComplaintView>
{
    public async ValueTask<ComplaintView> Handle(RequestInformationCommand command, CancellationToken cancellationToken)
    {
        var complaint = await editor.LoadAsync(command, cancellationToken);
        complaint.RequestInformation(command.Message!, editor.Actor, editor.Now);
        return await editor.SaveAsync(complaint, cancellationToken);
    }
}
