using ComplaintDesk.Application.Common;
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
        OutboxAdministrators.EnsureAdmin(currentActor.Actor);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Locked: a second retry of the same row waits and then finds it pending (a refusal, not a double reset).
        var message = await db.Outbox.FromSql($"""SELECT * FROM "Outbox" WHERE "Id" = {command.Id} FOR UPDATE""")
            .SingleOrDefaultAsync(cancellationToken) ?? throw new NotFoundException("Outbox message", command.Id);
        message.Retry(clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        var reference = message.ComplaintId is { } id
            ? await db.Complaints.Where(c => c.Id == id).Select(c => c.Reference).SingleOrDefaultAsync(cancellationToken)
            : null;
        return new OutboxItem(message.Id, message.Kind, message.Channel, message.State, message.ComplaintId, reference,
            message.RecipientName, message.RecipientAddress, message.Language, message.Subject, message.Attempts,
            message.CreatedAt, message.NextAttemptAt, message.SentAt, message.LastError);
    }
}
