using ComplaintDesk.Domain;
using FluentValidation;
using Mediator;

namespace ComplaintDesk.Application.Features.Complaints;

/// <summary>First response to the customer; stops the acknowledge clock.</summary>
public sealed record AcknowledgeComplaintCommand : ComplaintCommand, ICommand<ComplaintView>
{
    public string? Message { get; init; }
}

public sealed class AcknowledgeComplaintValidator : AbstractValidator<AcknowledgeComplaintCommand>
{
    public AcknowledgeComplaintValidator()
    {
        RuleFor(c => c.ComplaintId).NotEmpty();
        RuleFor(c => c.Message).MaximumLength(FieldLengths.NoteBody);
    }
}

/// <summary>The acknowledgement issues the customer's status link: the answer carries it (the only time it can be read) and so does the acknowledgement e-mail.</summary>
public sealed class AcknowledgeComplaintHandler(ComplaintEditor editor, StatusLinks.StatusLinkIssuer links)
    : ICommandHandler<AcknowledgeComplaintCommand, ComplaintView>
{
    public async ValueTask<ComplaintView> Handle(AcknowledgeComplaintCommand command, CancellationToken cancellationToken)
    {
        var complaint = await editor.LoadAsync(command, cancellationToken);
        complaint.Acknowledge(command.Message, editor.Actor, editor.Now);
        var link = links.Issue(editor.Db, complaint.Id);
        var view = await editor.SaveAsync(complaint, cancellationToken);
        return view with { StatusLink = link };
    }
}
