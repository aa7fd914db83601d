using ComplaintDesk.Application.Common;
using ComplaintDesk.Application.Persistence;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace ComplaintDesk.Application.Features.Notifications;

/// <summary>Marks one of the caller's own notifications read; anyone else's is "not found", never "forbidden".</summary>
public sealed record MarkNotificationReadCommand : ICommand
{
    public long NotificationId { get; init; }
}

public sealed class MarkNotificationReadValidator : AbstractValidator<MarkNotificationReadCommand>
{
    public MarkNotificationReadValidator() => RuleFor(c => c.NotificationId).GreaterThan(0);
}

public sealed class MarkNotificationReadHandler(ComplaintDeskDbContext db, ICurrentActor currentActor, TimeProvider clock)
    : ICommandHandler<MarkNotificationReadCommand>
{
    public async ValueTask<Unit> Handle(MarkNotificationReadCommand command, CancellationToken cancellationToken)
    {
        var userId = currentActor.UserId();
        var notification = await db.Notifications
            .SingleOrDefaultAsync(n => n.Id == command.NotificationId && n.UserId == userId, cancellationToken)
            ?? throw new NotFoundException("Notification", command.NotificationId);
        notification.MarkRead(clock.GetUtcNow()); // already read: stays as it was, so a second click is harmless
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
