using ComplaintDesk.Application.Common;
using ComplaintDesk.Application.Persistence;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace ComplaintDesk.Application.Features.Administration;

/// <summary>Replies already sent keep their text in the timeline; only the script goes.</summary>
public sealed record DeleteReplyTemplateCommand(Guid Id) : ICommand;

public sealed class DeleteReplyTemplateValidator : AbstractValidator<DeleteReplyTemplateCommand>
{
    public DeleteReplyTemplateValidator() => RuleFor(c => c.Id).NotEmpty();
}

public sealed class DeleteReplyTemplateHandler(ComplaintDeskDbContext db, ICurrentActor currentActor) : ICommandHandler<DeleteReplyTemplateCommand>
{
    public async ValueTask<Unit> Handle(DeleteReplyTemplateCommand command, CancellationToken cancellationToken)
    {
        Administrators.EnsureAdmin(currentActor.Actor);
        var deleted = await db.ReplyTemplates.Where(t => t.Id == command.Id).ExecuteDeleteAsync(cancellationToken);
        return deleted == 1 ? Unit.Value : throw new NotFoundException("Reply template", command.Id);
    }
}
