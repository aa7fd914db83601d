using ComplaintDesk.Application.Common;
using ComplaintDesk.Application.Features.Administration;
using ComplaintDesk.Application.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace ComplaintDesk.Application.Features.Outbox;

/// <summary>
/// An administrator sends a dead letter again (after fixing what made it fail): it is pending from now with a fresh
/// set of attempts. Only a dead message can be retried (409 otherwise); the next dispatch picks it up.
/// </summary>
public sealed record RetryOutboxMessageCommand(Guid Id) : ICommand<OutboxItem>;

public sealed class RetryOutboxMessageHandler(ComplaintDeskDbContext db, ICurrentActor currentActor, TimeProvider clock)
    : ICommandHandler<RetryOutboxMessageCommand, OutboxItem>
{
    public async ValueTask<OutboxItem> Handle(RetryOutboxMessageCommand command, CancellationToken cancellationToken)
    {
        Administrators.EnsureAdmin(currentActor.Actor, Administrators.Outbox);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Locked: a second retry of the same row waits and then finds it pending (a refusal, not a double reset).
        var message = await db.Outbox.FromSql($"""SELECT * FROM "Outbox" WHERE "Id" = {command.Id} FOR UPDATE""")
            .SingleOrDefaultAsync(cancellationToken) ?? throw new NotFoundException("Outbox message", command.Id);
        message.Retry(clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return await OutboxItem.From(db.Outbox.AsNoTracking().Where(m => m.Id == message.Id), db).SingleAsync(cancellationToken);
    }
}
