using ComplaintDesk.Application.Common;
using ComplaintDesk.Application.Features.Administration;
using ComplaintDesk.Application.Persistence;
using ComplaintDesk.Domain.Sla;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace ComplaintDesk.Application.Features.Sla;

/// <summary>
/// The opening hours of each weekday as people write them: "09:00-12:00, 13:00-18:00" (several periods, "24:00" ends
/// the day), empty when the desk is closed that day. Read with <see cref="WorkingPeriod.TryParseDay"/>.
/// </summary>
public sealed record WeeklyHours
{
    public string? Monday { get; init; }
    public string? Tuesday { get; init; }
    public string? Wednesday { get; init; }
    public string? Thursday { get; init; }
    public string? Friday { get; init; }
    public string? Saturday { get; init; }
    public string? Sunday { get; init; }

    /// <summary>The week as the pages and the API list it: Monday first.</summary>
    public static IReadOnlyList<DayOfWeek> Week { get; } =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];

    public string? For(DayOfWeek day) => day switch
    {
        DayOfWeek.Monday => Monday,
        DayOfWeek.Tuesday => Tuesday,
        DayOfWeek.Wednesday => Wednesday,
        DayOfWeek.Thursday => Thursday,
        DayOfWeek.Friday => Friday,
        DayOfWeek.Saturday => Saturday,
        _ => Sunday,
    };

    public static WeeklyHours Of(IEnumerable<WorkingPeriod> periods)
    {
        var byDay = periods.ToLookup(p => p.Day);
        string Day(DayOfWeek day) => WorkingPeriod.FormatDay(byDay[day]);
        return new WeeklyHours
        {
            Monday = Day(DayOfWeek.Monday), Tuesday = Day(DayOfWeek.Tuesday), Wednesday = Day(DayOfWeek.Wednesday),
            Thursday = Day(DayOfWeek.Thursday), Friday = Day(DayOfWeek.Friday), Saturday = Day(DayOfWeek.Saturday), Sunday = Day(DayOfWeek.Sunday),
        };
    }
}

/// <summary>
/// A business calendar: its time zone, weekly hours and holidays (by date). <see cref="Version"/> is its ETag; send it
/// back (If-Match, or the page's hidden field) so a change made meanwhile by someone else is not overwritten.
/// </summary>
public sealed record CalendarView(Guid Id, string Name, string TimeZoneId, WeeklyHours Hours, IReadOnlyList<Holiday> Holidays, uint Version)
{
    public static CalendarView Of(BusinessCalendar calendar) =>
        new(calendar.Id, calendar.Name, calendar.TimeZoneId, WeeklyHours.Of(calendar.Hours), [.. calendar.Holidays.OrderBy(h => h.Date)], calendar.Version);
}

public sealed record GetCalendarQuery(Guid Id) : IQuery<CalendarView>;

public sealed class GetCalendarHandler(ComplaintDeskDbContext db, ICurrentActor currentActor) : IQueryHandler<GetCalendarQuery, CalendarView>
{
    public async ValueTask<CalendarView> Handle(GetCalendarQuery query, CancellationToken cancellationToken)
    {
        Administrators.EnsureAdmin(currentActor.Actor, Administrators.SlaPolicies);
        var calendar = await db.BusinessCalendars.AsNoTracking().SingleOrDefaultAsync(c => c.Id == query.Id, cancellationToken)
            ?? throw new NotFoundException("Calendar", query.Id);
        return CalendarView.Of(calendar);
    }
}
