using ComplaintDesk.Application.Common;
using ComplaintDesk.Application.Persistence;
using ComplaintDesk.Domain.Sla;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace ComplaintDesk.Application.Features.Complaints;

/// <summary>
/// One clock as the case page's Deadlines panel shows it. <see cref="Left"/> is the time left on the clock's own terms —
/// open hours of its calendar for a business-time clock, elapsed time otherwise: from now for a counting clock
/// (negative once the deadline passed), from the pause for a paused one (what will be left when it resumes); null for
/// a clock that stopped.
/// </summary>
public sealed record DeadlineView(SlaClockView Clock, TimeSpan? Left);

/// <summary>A case's clocks with the time left on each, oldest first.</summary>
public sealed record GetDeadlinesQuery(Guid ComplaintId) : IQuery<IReadOnlyList<DeadlineView>>;

public sealed class GetDeadlinesValidator : AbstractValidator<GetDeadlinesQuery>
{
    public GetDeadlinesValidator() => RuleFor(q => q.ComplaintId).NotEmpty();
}

public sealed class GetDeadlinesHandler(ComplaintDeskDbContext db, TimeProvider clock) : IQueryHandler<GetDeadlinesQuery, IReadOnlyList<DeadlineView>>
{
    public async ValueTask<IReadOnlyList<DeadlineView>> Handle(GetDeadlinesQuery query, CancellationToken cancellationToken)
    {
        if (!await db.Complaints.AnyAsync(c => c.Id == query.ComplaintId, cancellationToken))
        {
            throw new NotFoundException("Complaint", query.ComplaintId);
        }
        // As ComplaintView reads them: the newest within the bound, shown oldest first.
        var clocks = (await db.SlaClocks.AsNoTracking()
                .Where(k => k.ComplaintId == query.ComplaintId)
                .OrderByDescending(k => k.Id)
                .Take(ComplaintView.MaxSlaClocks)
                .ToListAsync(cancellationToken))
            .OrderBy(k => k.StartedAt).ThenBy(k => k.Id)
            .ToList();
        // Only the calendars of business-time clocks still counting: usually one.
        var calendarIds = clocks.Where(k => k.IsOpen && k.Business && k.CalendarId is not null).Select(k => k.CalendarId!.Value).Distinct().ToList();
        var calendars = calendarIds.Count == 0
            ? new Dictionary<Guid, BusinessCalendar>()
            : await db.BusinessCalendars.AsNoTracking().Where(c => calendarIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, cancellationToken);
        var now = clock.GetUtcNow();
        return clocks.Select(k => new DeadlineView(
                new SlaClockView(k.Kind, k.DueAt, k.State, k.BreachedAt, k.PausedSince, k.WarnAt, k.StartedAt, k.StoppedAt, k.Business),
                Left(k, now, k.CalendarId is { } id ? calendars.GetValueOrDefault(id) : null)))
            .ToList();
    }

    private static TimeSpan? Left(SlaClock k, DateTimeOffset now, BusinessCalendar? calendar)
    {
        if (!k.IsOpen)
        {
            return null;
        }
        var from = k.State == SlaClockState.Paused && k.PausedSince is { } paused ? paused : now;
        return SlaTime.Measure(calendar, k.Business, from, k.DueAt);
    }
}
