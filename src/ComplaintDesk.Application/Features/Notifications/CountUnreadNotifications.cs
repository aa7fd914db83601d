using ComplaintDesk.Application.Common;
using ComplaintDesk.Application.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace ComplaintDesk.Application.Features.Notifications;

/// <summary>The bell's number: at most <see cref="Cap"/>, and whether there are more ("99+").</summary>
public sealed record UnreadCount(int Count, bool MoreThanCap)
{
    public const int Cap = 99;

    public string Label => MoreThanCap ? $"{Cap}+" : Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>The caller's unread notifications, counted on every page: cheap whatever the history.</summary>
public sealed record CountUnreadNotificationsQuery : IQuery<UnreadCount>;

public sealed class CountUnreadNotificationsHandler(ComplaintDeskDbContext db, ICurrentActor currentActor)
    : IQueryHandler<CountUnreadNotificationsQuery, UnreadCount>
{
    public async ValueTask<UnreadCount> Handle(CountUnreadNotificationsQuery query, CancellationToken cancellationToken) =>
        await CountAsync(db, currentActor.UserId(), cancellationToken);

    /// <summary>
    /// Served by the partial index on unread rows (UserId WHERE ReadAt IS NULL), and stops after Cap + 1 rows,
    /// so a user with years of unread notifications costs the same as one with three.
    /// </summary>
    internal static async Task<UnreadCount> CountAsync(ComplaintDeskDbContext db, string userId, CancellationToken cancellationToken)
    {
        var count = await db.Notifications
            .Where(n => n.UserId == userId && n.ReadAt == null)
            .Take(UnreadCount.Cap + 1)
            .CountAsync(cancellationToken);
        return new UnreadCount(Math.Min(count, UnreadCount.Cap), count > UnreadCount.Cap);
    }
}
