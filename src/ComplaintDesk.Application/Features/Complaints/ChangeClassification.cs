using ComplaintDesk.Application.Common;
using ComplaintDesk.Application.Persistence;
using ComplaintDesk.Domain;
using FluentValidation;
using FluentValidation.Results;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Severity = ComplaintDesk.Domain.Complaints.Severity;

namespace ComplaintDesk.Application.Features.Complaints;

/// <summary>
/// Severity and category corrected by hand (both are sent: a PUT of the classification). The clock keeper replaces the
/// running acknowledge, resolve and regulatory deadlines with ones from the new policy cell, counted from the same start.
/// Sending the classification the case already has changes nothing. Open cases only.
/// </summary>
public sealed record ChangeClassificationCommand : ComplaintCommand, ICommand<ComplaintView>
{
    public Severity? Severity { get; init; }
    public string? Category { get; init; }
}

public sealed class ChangeClassificationValidator : AbstractValidator<ChangeClassificationCommand>
{
    public ChangeClassificationValidator()
    {
        RuleFor(c => c.ComplaintId).NotEmpty();
        RuleFor(c => c.Severity).NotNull().IsInEnum();
        RuleFor(c => c.Category).NotEmpty().MaximumLength(FieldLengths.CategoryCode);
    }
}

public sealed class ChangeClassificationHandler(ComplaintEditor editor, ComplaintDeskDbContext db)
    : ICommandHandler<ChangeClassificationCommand, ComplaintView>
{
    public async ValueTask<ComplaintView> Handle(ChangeClassificationCommand command, CancellationToken cancellationToken)
    {
        var complaint = await editor.LoadAsync(command, cancellationToken);
        // A new category must be an active one; the case's own category stays choosable even once retired, so its
        // severity can still be corrected.
        if (command.Category != complaint.CategoryCode
            && await db.Categories.AsNoTracking().SingleOrDefaultAsync(c => c.Code == command.Category, cancellationToken) is not { Retired: false })
        {
            throw new ValidationException([new ValidationFailure(nameof(command.Category), Texts.Get("Choose one of the active categories."))]);
        }
        if (!complaint.ChangeClassification(command.Severity!.Value, command.Category!, editor.Actor, editor.Now))
        {
            // Nothing to change: no event, no new version, no moved deadline.
            return await ComplaintView.ReadAsync(db, complaint, editor.Actor, editor.Now, editor.Settings, cancellationToken);
        }
        return await editor.SaveAsync(complaint, cancellationToken);
    }
}
