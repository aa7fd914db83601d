using ComplaintDesk.Application.Common;
using ComplaintDesk.Application.Features.Administration;
using ComplaintDesk.Application.Persistence;
using ComplaintDesk.Domain;
using ComplaintDesk.Domain.Actors;
using ComplaintDesk.Domain.Notifications;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace ComplaintDesk.Application.Features.Outbox;

/// <summary>
/// One outbox row as administrators see it: who it is for, what about, and how delivery went. No bodies: they hold
/// the customer's words, and the link is kept only encrypted until sent.
/// </summary>
public sealed record OutboxItem(
    Guid Id, OutboxKind Kind, OutboxChannel Channel, OutboxState State, Guid? ComplaintId, string? ComplaintReference,
    string RecipientName, string RecipientAddress, string Language, string Subject, int Attempts,
    DateTimeOffset CreatedAt, DateTimeOffset NextAttemptAt, DateTimeOffset? SentAt, string? LastError)
{
    /// <summary>
    /// The one projection, for the list and the retry: order and cut <paramref name="messages"/> first; each row's
    /// case reference is then read by its primary key.
    /// </summary>
    internal static IQueryable<OutboxItem> From(IQueryable<OutboxMessage> messages, ComplaintDeskDbContext db) =>
        messages.Select(m => new OutboxItem(m.Id, m.Kind, m.Channel, m.State, m.ComplaintId,
            db.Complaints.Where(c => c.Id == m.ComplaintId).Select(c => c.Reference).FirstOrDefault(),
            m.RecipientName, m.RecipientAddress, m.Language, m.Subject, m.Attempts,
            m.CreatedAt, m.NextAttemptAt, m.SentAt, m.LastError));
}

/// <summary>A page, newest first; <see cref="NextAfter"/> is the <c>after</c> of the next page (null on the last).</summary>
public sealed record OutboxPage(IReadOnlyList<OutboxItem> Items, Guid? NextAfter);

/// <summary>The outbox (administrators): optionally one state, newest first, keyset-paged on the id (ids grow with time).</summary>
public sealed record ListOutboxQuery : IQuery<OutboxPage>
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    public OutboxState? State { get; init; }
    /// <summary>The last id of the page before.</summary>
    public Guid? After { get; init; }
    public int? Limit { get; init; }
}

public sealed class ListOutboxValidator : AbstractValidator<ListOutboxQuery>
{
    public ListOutboxValidator()
    {
        RuleFor(q => q.State).IsInEnum();
        RuleFor(q => q.Limit).InclusiveBetween(1, ListOutboxQuery.MaxLimit);
    }
}

public sealed class ListOutboxHandler(ComplaintDeskDbContext db, ICurrentActor currentActor) : IQueryHandler<ListOutboxQuery, OutboxPage>
{
    public async ValueTask<OutboxPage> Handle(ListOutboxQuery query, CancellationToken cancellationToken)
    {
        Administrators.EnsureAdmin(currentActor.Actor, Administrators.Outbox);
        var rows = db.Outbox.AsNoTracking();
        if (query.State is { } state)
        {
            rows = rows.Where(m => m.State == state);
        }
        if (query.After is { } after)
        {
            rows = rows.Where(m => m.Id.CompareTo(after) < 0);
        }
        var limit = query.Limit ?? ListOutboxQuery.DefaultLimit;
        var items = await OutboxItem.From(rows.OrderByDescending(m => m.Id).Take(limit + 1), db).ToListAsync(cancellationToken);
        var page = items.Take(limit).ToList();
        return new OutboxPage(page, items.Count > limit ? page[^1].Id : null);
    }
}
