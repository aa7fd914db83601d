using ComplaintDesk.Application.Common;
using ComplaintDesk.Application.Features.Complaints;
using ComplaintDesk.Domain;
using FluentValidation;
using FluentValidation.Results;
using Mediator;

namespace ComplaintDesk.Application.Features.Replies;

/// <summary>A public reply to the customer as the timeline holds it.</summary>
public sealed record ReplyView(long Id, DateTimeOffset At, string Author, string Body);

/// <summary>
/// A public reply to the customer, typed or from a template. With no body, the template rendered for this case is
/// the reply. Allowed in every state: customers write after closing too, and deserve an answer.
/// </summary>
public sealed record ReplyToComplaintCommand : ComplaintCommand, ICommand<ReplyView>
{
    public Guid? TemplateId { get; init; }
    public string? Body { get; init; }
}

public sealed class ReplyToComplaintValidator : AbstractValidator<ReplyToComplaintCommand>
{
    public ReplyToComplaintValidator()
    {
        RuleFor(c => c.ComplaintId).NotEmpty();
        RuleFor(c => c.Body).NotEmpty().When(c => c.TemplateId is null).WithMessage(_ => Texts.Get("Write a reply, or choose a template."));
        RuleFor(c => c.Body).MaximumLength(FieldLengths.NoteBody);
    }
}

public sealed class ReplyToComplaintHandler(ComplaintEditor editor, Persistence.ComplaintDeskDbContext db)
    : ICommandHandler<ReplyToComplaintCommand, ReplyView>
{
    public async ValueTask<ReplyView> Handle(ReplyToComplaintCommand command, CancellationToken cancellationToken)
    {
        var complaint = await editor.LoadAsync(command, cancellationToken);
        var body = command.Body;
        if (string.IsNullOrWhiteSpace(body))
        {
            var template = await ReplyTemplates.FindAsync(db, command.TemplateId!.Value, nameof(command.TemplateId), cancellationToken);
            body = (await ReplyTemplates.RenderAsync(db, template, complaint, editor.Actor, cancellationToken)).Body;
            if (body.Length > FieldLengths.NoteBody)
            {
                throw new ValidationException([new ValidationFailure(nameof(command.Body),
                    Texts.Format("The filled-in template is longer than {0} characters; shorten it in the composer.", FieldLengths.NoteBody))]);
            }
        }
        complaint.Reply(body, editor.Actor, editor.Now);
        await editor.SaveAsync(complaint, cancellationToken);
        var reply = complaint.Timeline[^1];
        return new ReplyView(reply.Id, reply.At, reply.ActorName, reply.Text!);
    }
}
