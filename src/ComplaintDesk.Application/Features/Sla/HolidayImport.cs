using System.Globalization;
using System.Text;
using ComplaintDesk.Domain.Sla;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Evaluation;
using IcsCalendar = Ical.Net.Calendar;

namespace ComplaintDesk.Application.Features.Sla;

/// <summary>Closed days from an iCalendar (.ics) file, such as a government or Google holiday calendar.</summary>
public static class HolidayImport
{
    public const int MaxBytes = 1_000_000;
    public const string DefaultName = "Holiday";

    // Ical.Net walks every instance from DTSTART, also those before the range, and cannot be cancelled: an estimate
    // over this many steps is refused (about a second of work), so no uploaded file can keep a request busy for long.
    private const long MaxEvaluationSteps = 2_000_000;
    // Setting up the walk costs about this much per repeating event (measured: ~0.4 ms against ~0.16 µs a step).
    private const long StepsPerRepeatingEvent = 2_500;
    // A holiday file has some hundreds; 1 MB of one-line events would be about 12,000 and take seconds to expand.
    public const int MaxEvents = 5_000;
    // Stops a rule that can never match (FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30) and still allows 29 February.
    private const int MaxUnmatchedIncrements = 10_000;

    /// <summary>
    /// Reads the VEVENTs of an .ics text as closed days between <paramref name="from"/> and <paramref name="to"/>
    /// inclusive: all-day events give every day they cover, repeating events (RRULE, RDATE, EXDATE, moved instances)
    /// are expanded inside the range, and timed events give the date they start on in their own time zone (UTC times in
    /// the calendar's X-WR-TIMEZONE when it names one). The name
    /// is the SUMMARY, trimmed and cut to 100 characters, "Holiday" when empty; the first event in the file on a date
    /// names it.
    /// Cancelled events, and events repeating more often than daily (they cannot be closed days), are left out.
    /// </summary>
    /// <returns>
    /// False, with a one-line <paramref name="error"/>, for text that is not an iCalendar (no VCALENDAR), cannot be
    /// read, or yields no days in the range. Never throws on bad input.
    /// </returns>
    public static bool TryParse(string text, DateOnly from, DateOnly to, out IReadOnlyList<Holiday> holidays, out string? error)
    {
        holidays = [];
        if (string.IsNullOrWhiteSpace(text) || !text.Contains("BEGIN:VCALENDAR", StringComparison.OrdinalIgnoreCase))
        {
            error = "This is not an iCalendar file (there is no BEGIN:VCALENDAR).";
            return false;
        }
        if (text.Length > MaxBytes || Encoding.UTF8.GetByteCount(text) > MaxBytes)
        {
            error = $"The file is larger than {MaxBytes / 1_000_000} MB.";
            return false;
        }
        if (to < from)
        {
            error = "The date range ends before it starts.";
            return false;
        }

        IcsCalendar? calendar;
        try
        {
            calendar = IcsCalendar.Load(text);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            error = $"The file is not valid iCalendar: {OneLine(e.Message)}";
            return false;
        }
        if (calendar is null)
        {
            error = "This is not an iCalendar file (there is no VCALENDAR).";
            return false;
        }

        if (calendar.Events.Count > MaxEvents)
        {
            error = string.Create(CultureInfo.InvariantCulture, $"The file has more than {MaxEvents:N0} events; export a shorter period.");
            return false;
        }

        var days = new SortedDictionary<DateOnly, string>();
        try
        {
            var events = new List<CalendarEvent>();
            // Instances a RECURRENCE-ID event moves or cancels, by UID: the repeating event must not give them too.
            var replaced = new Dictionary<string, HashSet<(DateOnly, TimeOnly?)>>(StringComparer.Ordinal);
            long steps = 0;
            foreach (var calendarEvent in calendar.Events)
            {
                if (calendarEvent.DtStart is null || RepeatsWithinADay(calendarEvent))
                {
                    continue;
                }
                if (calendarEvent.RecurrenceIdentifier?.StartTime is { } original && calendarEvent.Uid is { } uid)
                {
                    if (!replaced.TryGetValue(uid, out var instances))
                    {
                        replaced[uid] = instances = [];
                    }
                    instances.Add((original.Date, original.Time));
                }
                if (string.Equals(calendarEvent.Status, "CANCELLED", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }
                if (UnknownZone(calendarEvent) is { } zone)
                {
                    error = $"The event “{NameOf(calendarEvent)}” uses a time zone this server does not know: {OneLine(zone)}.";
                    return false;
                }
                steps += EvaluationSteps(calendarEvent, to);
                events.Add(calendarEvent);
            }
            if (steps > MaxEvaluationSteps)
            {
                error = "The file's repeating events reach too far back to expand; export a shorter period.";
                return false;
            }

            var calendarZone = CalendarZone(calendar);
            var options = new EvaluationOptions { MaxUnmatchedIncrementsLimit = MaxUnmatchedIncrements };
            // A day of slack each side: a UTC time can fall on the next or previous date in X-WR-TIMEZONE.
            var (searchFrom, searchTo) = (from == DateOnly.MinValue ? from : from.AddDays(-1), to == DateOnly.MaxValue ? to : to.AddDays(1));
            // One event at a time: Ical.Net's merge of all events costs a comparison per event for every instance.
            foreach (var calendarEvent in events)
            {
                var name = NameOf(calendarEvent);
                var skip = calendarEvent.RecurrenceIdentifier is null && calendarEvent.Uid is { } uid ? replaced.GetValueOrDefault(uid) : null;
                var occurrences = calendarEvent.GetOccurrences(new CalDateTime(searchFrom), options)
                    .TakeWhile(o => o.Period.StartTime.Date <= searchTo);
                foreach (var occurrence in occurrences)
                {
                    var start = occurrence.Period.StartTime;
                    if (skip is not null && skip.Contains((start.Date, start.Time)))
                    {
                        continue;
                    }
                    // Google writes timed events in UTC and names the calendar's zone in X-WR-TIMEZONE: use that zone's date.
                    var first = start.HasTime && start.IsUtc && calendarZone is not null
                        ? DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(start.AsUtc, calendarZone))
                        : start.Date;
                    // A timed event gives its first date only; an all-day event without a sane end is one day.
                    var end = start.HasTime ? first.AddDays(1) : occurrence.Period.EffectiveEndTime?.Date ?? first.AddDays(1);
                    end = end > first ? end : first.AddDays(1);
                    for (var day = first < from ? from : first; day < end && day <= to; day = day.AddDays(1))
                    {
                        days.TryAdd(day, name);
                    }
                }
            }
        }
        catch (EvaluationLimitExceededException)
        {
            error = "A repeating event in the file never falls on a real date.";
            return false;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            error = $"The events could not be read: {OneLine(e.Message)}";
            return false;
        }

        if (days.Count == 0)
        {
            error = string.Create(CultureInfo.InvariantCulture, $"The file has no days between {from:yyyy-MM-dd} and {to:yyyy-MM-dd}.");
            return false;
        }
        holidays = [.. days.Select(d => new Holiday(d.Key, d.Value))];
        error = null;
        return true;
    }

    /// <summary>The zone named by X-WR-TIMEZONE when this machine knows it, else null.</summary>
    private static TimeZoneInfo? CalendarZone(IcsCalendar calendar)
    {
        if (calendar.Properties["X-WR-TIMEZONE"]?.Value is not string id || string.IsNullOrWhiteSpace(id))
        {
            return null;
        }
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id.Trim());
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return null;
        }
    }

    /// <summary>
    /// A TZID Ical.Net cannot resolve. It only fails once an instant is needed (to sort or repeat), so a lone event
    /// would pass and a second one fail the file: ask up front and refuse consistently.
    /// </summary>
    private static string? UnknownZone(CalendarEvent calendarEvent)
    {
        foreach (var time in new[] { calendarEvent.DtStart, calendarEvent.DtEnd })
        {
            if (time is { TzId: { } zone, IsUtc: false })
            {
                try
                {
                    _ = time.AsUtc;
                }
                catch (ArgumentException)
                {
                    return zone;
                }
            }
        }
        return null;
    }

    private static IEnumerable<RecurrenceRule> Rules(CalendarEvent calendarEvent) =>
        calendarEvent.Properties.Where(p => p.Name is "RRULE" or "EXRULE").Select(p => p.Value).OfType<RecurrenceRule>();

    private static bool RepeatsWithinADay(CalendarEvent calendarEvent) =>
        Rules(calendarEvent).Any(rule => rule.Frequency < FrequencyType.Daily || rule.ByHour.Count > 0 || rule.ByMinute.Count > 0 || rule.BySecond.Count > 0);

    /// <summary>Roughly how many instances Ical.Net walks for this event from its DTSTART to the end of the range.</summary>
    private static long EvaluationSteps(CalendarEvent calendarEvent, DateOnly to)
    {
        var days = Math.Max(0L, to.DayNumber - calendarEvent.DtStart!.Date.DayNumber) + 1;
        long steps = 0;
        foreach (var rule in Rules(calendarEvent))
        {
            steps += StepsPerRepeatingEvent;
            var interval = Math.Max(1, rule.Interval);
            var expandsToDays = rule.ByDay.Count > 0 || rule.ByMonthDay.Count > 0 || rule.ByYearDay.Count > 0 || rule.ByWeekNo.Count > 0;
            var daysPerStep = expandsToDays ? 1 : rule.Frequency switch
            {
                FrequencyType.Weekly => 7,
                FrequencyType.Monthly => 28,
                FrequencyType.Yearly => 365,
                _ => 1,
            };
            steps += days / daysPerStep / interval + 1;
        }
        return steps;
    }

    private static string NameOf(CalendarEvent? calendarEvent)
    {
        var summary = string.Join(' ', (calendarEvent?.Summary ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (summary.Length > BusinessCalendar.MaxHolidayNameLength)
        {
            var cut = BusinessCalendar.MaxHolidayNameLength;
            // Never leave half of a surrogate pair (emoji, rare CJK) at the end.
            if (char.IsHighSurrogate(summary[cut - 1]))
            {
                cut--;
            }
            summary = summary[..cut].TrimEnd();
        }
        return summary.Length == 0 ? DefaultName : summary;
    }

    private static string OneLine(string message) =>
        string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
