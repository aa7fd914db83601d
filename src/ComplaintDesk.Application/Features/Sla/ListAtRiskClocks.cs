using ComplaintDesk.Application.Common;
using ComplaintDesk.Application.Persistence;
using ComplaintDesk.Domain;
using ComplaintDesk.Domain.Actors;
using ComplaintDesk.Domain.Complaints;
using ComplaintDesk.Domain.Sla;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Severity = ComplaintDesk.Domain.Complaints.Severity;

namespace ComplaintDesk.Application.Features.Sla;

/// <summary>One staff deadline at risk, with the case it belongs to.</summary>
public sealed record AtRiskClock(
    Guid ComplaintId, string Reference, string Subject, Severity Severity, string? OwnerName,
    SlaClockKind Kind, DateTimeOffset DueAt, SlaClockState State, DateTimeOffset? BreachedAt, DateTimeOffset? WarnAt);

public sealed record AtRiskPage(IReadOnlyList<AtRiskClock> Items, string? NextCursor);

/// <summary>
/// The staff deadlines at risk: open acknowledge, resolve, escalation-decision and regulatory clocks that are past
/// their warning point or already breached, soonest deadline first (a breached one is the soonest of all), paged by
/// keyset on (due, id), at most <see cref="MaxLimit"/> a page. For all staff.
/// </summary>
public sealed record ListAtRiskClocksQuery : IQuery<AtRiskPage>
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    /// <summary>The kind letter of this list's cursors (a <see cref="KeysetCursor"/> on (due, clock id)).</summary>
    internal const char CursorKind = 'r';

    public int? Limit { get; init; }
    public string? Cursor { get; init; }
}

public sealed class ListAtRiskClocksValidator : AbstractValidator<ListAtRiskClocksQuery>
{
    public ListAtRiskClocksValidator()
    {
        RuleFor(q => q.Limit).InclusiveBetween(1, ListAtRiskClocksQuery.MaxLimit);
        RuleFor(q => q.Cursor)
            .Must(cursor => cursor is null || KeysetCursor.TryParse(cursor, ListAtRiskClocksQuery.CursorKind, out _))
            .WithMessage(_ => Texts.Get("This cursor is not one we gave out."));
    }
}

public sealed class ListAtRiskClocksHandler(ComplaintDeskDbContext db, ICurrentActor currentActor, TimeProvider clock)
    : IQueryHandler<ListAtRiskClocksQuery, AtRiskPage>
{
    public async ValueTask<AtRiskPage> Handle(ListAtRiskClocksQuery query, CancellationToken cancellationToken)
    {
        AtRisk.EnsureStaff(currentActor.Actor);
        var limit = query.Limit ?? ListAtRiskClocksQuery.DefaultLimit;
        var clocks = AtRisk.Clocks(db, clock.GetUtcNow());
        if (query.Cursor is not null && KeysetCursor.TryParse(query.Cursor, ListAtRiskClocksQuery.CursorKind, out var after))
        {
            // The first condition bounds the index range; the second skips the rows of that instant already shown.
            clocks = clocks.Where(c => c.DueAt >= after.At && (c.DueAt > after.At || c.Id > after.Id));
        }
        var rows = await (
                from c in clocks.OrderBy(c => c.DueAt).ThenBy(c => c.Id).Take(limit + 1)
                join p in db.Complaints on c.ComplaintId equals p.Id
                orderby c.DueAt, c.Id
                select new
                {
                    c.Id,
                    Item = new AtRiskClock(p.Id, p.Reference, p.Subject, p.Severity, p.OwnerName, c.Kind, c.DueAt, c.State, c.BreachedAt, c.WarnAt),
                })
            .ToListAsync(cancellationToken);
        var next = rows.Count > limit ? new KeysetCursor(rows[limit - 1].Item.DueAt, rows[limit - 1].Id).Format(ListAtRiskClocksQuery.CursorKind) : null;
        return new AtRiskPage(rows.Take(limit).Select(r => r.Item).ToList(), next);
    }
}

/// <summary>What "at risk" means, shared by the list and the escalation desk's count.</summary>
internal static class AtRisk
{
    /// <summary>
    /// Open staff deadlines past their warning point (a clock without one: past its deadline) or breached. The first
    /// two conditions are the filter of the partial index IX_SlaClocks_Open on (DueAt, Id), written the same way so
    /// PostgreSQL can use it; paused clocks wait on the customer and are not at risk.
    /// </summary>
    public static IQueryable<SlaClock> Clocks(ComplaintDeskDbContext db, DateTimeOffset now) =>
        db.SlaClocks.AsNoTracking()
            .Where(c => c.StoppedAt == null && c.State != SlaClockState.Cancelled)
            .Where(c => c.Kind == SlaClockKind.Acknowledge || c.Kind == SlaClockKind.Resolve
                        || c.Kind == SlaClockKind.EscalationDecision || c.Kind == SlaClockKind.Regulatory)
            .Where(c => c.State == SlaClockState.Breached || (c.State == SlaClockState.Running && (c.WarnAt ?? c.DueAt) <= now));

    public static void EnsureStaff(Actor actor)
    {
        if (!actor.Is(Party.Agent | Party.Supervisor | Party.Admin))
        {
            throw new ActionForbiddenException("Only staff see the deadlines at risk.");
        }
    }
}
