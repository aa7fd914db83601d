using ComplaintDesk.Application.Common;
using ComplaintDesk.Application.Persistence;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace ComplaintDesk.Application.Features.Administration;

/// <summary>Alerts the rule raised stay in the timelines; complaints logged afterwards are no longer screened for it.</summary>
public sealed record DeleteKeywordRuleCommand(Guid Id) : ICommand;

public sealed class DeleteKeywordRuleValidator : AbstractValidator<DeleteKeywordRuleCommand>
{
    public DeleteKeywordRuleValidator() => RuleFor(c => c.Id).NotEmpty();
}

public sealed class DeleteKeywordRuleHandler(ComplaintDeskDbContext db, ICurrentActor currentActor) : ICommandHandler<DeleteKeywordRuleCommand>
{
    public async ValueTask<Unit> Handle(DeleteKeywordRuleCommand command, CancellationToken cancellationToken)
    {
        Administrators.EnsureAdmin(currentActor.Actor);
        var deleted = await db.KeywordRules.Where(r => r.Id == command.Id).ExecuteDeleteAsync(cancellationToken);
        return deleted == 1 ? Unit.Value : throw new NotFoundException("Keyword rule", command.Id);
    }
}
