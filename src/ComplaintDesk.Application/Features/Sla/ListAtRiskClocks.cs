using System.Buffers.Text;
using System.Globalization;
using System.Text;
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

    public int? Limit { get; init; }
    public string? Cursor { get; init; }
}

public sealed class ListAtRiskClocksValidator : AbstractValidator<ListAtRiskClocksQuery>
{
    public ListAtRiskClocksValidator()
    {
        RuleFor(q => q.Limit).InclusiveBetween(1, ListAtRiskClocksQuery.MaxLimit);
        RuleFor(q => q.Cursor)
            .Must(cursor => cursor is null || AtRiskCursor.TryParse(cursor, out _))
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
        if (query.Cursor is not null && AtRiskCursor.TryParse(query.Cursor, out var after))
        {
            // The first condition bounds the index range; the second skips the rows of that instant already shown.
            clocks = clocks.Where(c => c.DueAt >= after.DueAt && (c.DueAt > after.DueAt || c.Id > after.Id));
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
        var next = rows.Count > limit ? new AtRiskCursor(rows[limit - 1].Item.DueAt, rows[limit - 1].Id).ToString() : null;
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

/// <summary>The position after the last row of a page, opaque to callers: the deadline and the clock's id.</summary>
public readonly record struct AtRiskCursor(DateTimeOffset DueAt, long Id)
{
    public override string ToString() =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(
            $"r_{DueAt.UtcTicks.ToString(CultureInfo.InvariantCulture)}_{Id.ToString(CultureInfo.InvariantCulture)}"));

    public static bool TryParse(string text, out AtRiskCursor cursor)
    {
        cursor = default;
        try
        {
            var parts = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(text)).Split('_');
            if (parts is ["r", var ticksText, var idText]
                && long.TryParse(ticksText, NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                && ticks >= DateTimeOffset.MinValue.UtcTicks && ticks <= DateTimeOffset.MaxValue.UtcTicks
                && long.TryParse(idText, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                cursor = new AtRiskCursor(new DateTimeOffset(ticks, TimeSpan.Zero), id);
                return true;
            }
        }
        catch (FormatException)
        {
        }
        return false;
    }
}
