using ComplaintDesk.Application.Common;
using ComplaintDesk.Application.Features.Administration;
using ComplaintDesk.Application.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace ComplaintDesk.Application.Features.Sla;

/// <summary>A calendar in the list: how many open hours a week it has, how many holidays, how many matrix cells use it.</summary>
public sealed record CalendarSummary(Guid Id, string Name, string TimeZoneId, double HoursPerWeek, int Holidays, int Policies, uint Version);

/// <summary>Every business calendar by name (a bounded handful, as the clock keeper reads them).</summary>
public sealed record ListCalendarsQuery : IQuery<IReadOnlyList<CalendarSummary>>;

public sealed class ListCalendarsHandler(ComplaintDeskDbContext db, ICurrentActor currentActor) : IQueryHandler<ListCalendarsQuery, IReadOnlyList<CalendarSummary>>
{
    public async ValueTask<IReadOnlyList<CalendarSummary>> Handle(ListCalendarsQuery query, CancellationToken cancellationToken)
    {
        Administrators.EnsureAdmin(currentActor.Actor, Administrators.SlaPolicies);
        var calendars = await db.BusinessCalendars.AsNoTracking().OrderBy(c => c.Name).Take(SlaClockKeeper.MaxCalendars).ToListAsync(cancellationToken);
        var uses = await db.SlaPolicies.AsNoTracking().GroupBy(p => p.CalendarId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        return calendars
            .Select(c => new CalendarSummary(c.Id, c.Name, c.TimeZoneId,
                c.Hours.Sum(p => p.ToMinute - p.FromMinute) / 60.0, c.Holidays.Count, uses.GetValueOrDefault(c.Id), c.Version))
            .ToList();
    }
}
