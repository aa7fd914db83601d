using System.Buffers.Text;
using System.Globalization;
using System.Text;
using ComplaintDesk.Application.Common;
using ComplaintDesk.Application.Persistence;
using ComplaintDesk.Domain.Notifications;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace ComplaintDesk.Application.Features.Notifications;

public sealed record NotificationItem(
    long Id, NotificationKind Kind, Guid? ComplaintId, string? ComplaintReference, string Text, DateTimeOffset CreatedAt, DateTimeOffset? ReadAt);

public sealed record NotificationPage(IReadOnlyList<NotificationItem> Items, string? NextCursor, int UnreadCount, bool UnreadCountCapped);

/// <summary>The caller's notifications, newest first, paged by keyset on the id (never OFFSET).</summary>
public sealed record ListNotificationsQuery : IQuery<NotificationPage>
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 50;

    /// <summary>Only the unread ones.</summary>
    public bool? Unread { get; init; }
    public int? Limit { get; init; }
    public string? Cursor { get; init; }
}

public sealed class ListNotificationsValidator : AbstractValidator<ListNotificationsQuery>
{
    public ListNotificationsValidator()
    {
        RuleFor(q => q.Limit).InclusiveBetween(1, ListNotificationsQuery.MaxLimit);
        RuleFor(q => q.Cursor).Must(c => c is null || NotificationCursor.TryParse(c, out _)).WithMessage(_ => Texts.Get("This cursor is not one we gave out."));
    }
}

public sealed class ListNotificationsHandler(ComplaintDeskDbContext db, ICurrentActor currentActor)
    : IQueryHandler<ListNotificationsQuery, NotificationPage>
{
    public async ValueTask<NotificationPage> Handle(ListNotificationsQuery query, CancellationToken cancellationToken)
    {
        var userId = currentActor.UserId();
        // (UserId, Id desc) index: the user's rows, newest first, starting after the cursor.
        var notifications = db.Notifications.AsNoTracking().Where(n => n.UserId == userId);
        if (query.Unread == true) notifications = notifications.Where(n => n.ReadAt == null);
        if (query.Cursor is not null && NotificationCursor.TryParse(query.Cursor, out var after))
        {
            notifications = notifications.Where(n => n.Id < after);
        }

        var limit = query.Limit ?? ListNotificationsQuery.DefaultLimit;
        var rows = await notifications
            .OrderByDescending(n => n.Id)
            .Take(limit + 1)
            .Select(n => new NotificationItem(n.Id, n.Kind, n.ComplaintId, n.ComplaintReference, n.Text, n.CreatedAt, n.ReadAt))
            .ToListAsync(cancellationToken);
        var unread = await CountUnreadNotificationsHandler.CountAsync(db, userId, cancellationToken);

        var next = rows.Count > limit ? NotificationCursor.Format(rows[limit - 1].Id) : null;
        return new NotificationPage(rows.Take(limit).ToList(), next, unread.Count, unread.MoreThanCap);
    }
}

/// <summary>The id of the last notification of a page, opaque to callers.</summary>
public static class NotificationCursor
{
    public static string Format(long id) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes("n" + id.ToString(CultureInfo.InvariantCulture)));

    public static bool TryParse(string text, out long id)
    {
        id = 0;
        try
        {
            var decoded = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(text));
            return decoded.StartsWith('n')
                && long.TryParse(decoded.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out id);
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
