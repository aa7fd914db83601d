using ComplaintDesk.Domain;
using ComplaintDesk.Domain.Complaints;
using FluentValidation;
using Mediator;

namespace ComplaintDesk.Application.Features.Complaints;

/// <summary>An internal note for colleagues, or a public message the customer will see.</summary>
public sealed record AddNoteCommand : ComplaintCommand, ICommand<TimelineEntry>
{
    public string? Body { get; init; }
    public Visibility? Visibility { get; init; }
}

public sealed class AddNoteValidator : AbstractValidator<AddNoteCommand>
{
    public AddNoteValidator()
    {
        RuleFor(c => c.ComplaintId).NotEmpty();
        RuleFor(c => c.Body).NotEmpty().MaximumLength(FieldLengths.NoteBody);
        RuleFor(c => c.Visibility).NotNull().IsInEnum();
    }
}

public sealed class AddNoteHandler(ComplaintEditor editor) : ICommandHandler<AddNoteCommand, TimelineEntry>
{
    public async ValueTask<TimelineEntry> Handle(AddNoteCommand command, CancellationToken cancellationToken)
    {
        var complaint = await editor.LoadAsync(command, cancellationToken);
        complaint.AddNote(command.Body!, command.Visibility!.Value, editor.Actor, editor.Now);
        await editor.SaveAsync(complaint, cancellationToken);
        return TimelineEntry.Of(complaint.Timeline[^1]);
    }
}
