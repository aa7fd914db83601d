using System.Diagnostics;
using System.Globalization;

namespace ComplaintDesk.Domain.Sla;

/// <summary>
/// One stretch of opening hours on a weekday, in minutes from local midnight: <see cref="FromMinute"/> in [0, 1439],
/// <see cref="ToMinute"/> in [1, 1440] (1440 = end of day), FromMinute &lt; ToMinute.
/// </summary>
/// <remarks>Stored as JSON with its calendar: keep the three positional values its only public properties.</remarks>
public sealed record WorkingPeriod(DayOfWeek Day, int FromMinute, int ToMinute)
{
    public const int MinutesPerDay = 24 * 60;

    /// <summary>"09:00–12:00"; the end of the day is written "24:00".</summary>
    public string Format() => $"{Clock(FromMinute)}–{Clock(ToMinute)}";

    /// <summary>"09:00–12:00, 13:00–18:00" for the periods of one day, "" when the day is closed.</summary>
    public static string FormatDay(IEnumerable<WorkingPeriod> periods) =>
        string.Join(", ", periods.OrderBy(p => p.FromMinute).Select(p => p.Format()));

    /// <summary>
    /// Reads the hours of one day as <see cref="FormatDay"/> writes them: "09:00-12:00, 13:00-18:00" (hyphen or en dash,
    /// "24:00" as an end, blank = closed). The periods come back sorted by start.
    /// </summary>
    public static bool TryParseDay(string text, DayOfWeek day, out IReadOnlyList<WorkingPeriod> periods, out string? error)
    {
        periods = [];
        var parsed = new List<WorkingPeriod>();
        foreach (var part in (text ?? "").Split([',', '，', ';'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var ends = part.Split(['-', '–', '—'], StringSplitOptions.TrimEntries);
            if (ends.Length != 2)
            {
                error = $"“{part}” is not a period; write it like 09:00-12:00.";
                return false;
            }
            if (!TryParseClock(ends[0], out var from) || from == MinutesPerDay)
            {
                error = $"“{ends[0]}” is not a start time; write it like 09:00.";
                return false;
            }
            if (!TryParseClock(ends[1], out var to))
            {
                error = $"“{ends[1]}” is not an end time; write it like 18:00 (24:00 for midnight).";
                return false;
            }
            if (from >= to)
            {
                error = $"“{part}” ends before it starts; a period cannot run past midnight, end it at 24:00.";
                return false;
            }
            parsed.Add(new WorkingPeriod(day, from, to));
        }
        parsed.Sort((a, b) => a.FromMinute.CompareTo(b.FromMinute));
        for (var i = 1; i < parsed.Count; i++)
        {
            if (parsed[i].FromMinute < parsed[i - 1].ToMinute)
            {
                error = $"{parsed[i - 1].Format()} and {parsed[i].Format()} overlap.";
                return false;
            }
        }
        periods = parsed;
        error = null;
        return true;
    }

    private static string Clock(int minute) =>
        string.Create(CultureInfo.InvariantCulture, $"{minute / 60:00}:{minute % 60:00}");

    // H:MM or HH:MM, 00:00–24:00.
    private static bool TryParseClock(string text, out int minute)
    {
        minute = 0;
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon is < 1 or > 2 || text.Length != colon + 3
            || !int.TryParse(text.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var hours)
            || !int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var minutes)
            || minutes > 59 || hours > 24 || (hours == 24 && minutes != 0))
        {
            return false;
        }
        minute = hours * 60 + minutes;
        return true;
    }
}

/// <summary>A whole local day on which the desk is closed.</summary>
public sealed record Holiday(DateOnly Date, string Name);

/// <summary>
/// When the desk is open — weekly hours in one time zone, minus holidays — and the arithmetic SLA clocks need on it:
/// "8 business hours after this instant" and "how much open time lies between these two instants".
/// </summary>
/// <remarks>
/// Period boundaries are local times, turned into instants day by day so daylight-saving changes come out right: a
/// boundary in a spring-forward gap moves to the first instant after the gap; in an autumn overlap a start takes the
/// first occurrence and an end the second, so a 00:00–24:00 day lasts 25 h on the long day and 23 h on the short one.
/// </remarks>
public sealed class BusinessCalendar
{
    public const int MaxNameLength = 100;
    public const int MaxHolidayNameLength = 100;

    // A calendar that stays closed this long is broken (every day a holiday); stop rather than loop to year 9999.
    private const int MaxClosedDays = 3660;

    private BusinessCalendar() { }

    public Guid Id { get; private set; }
    public string Name { get; private set; } = "";
    /// <summary>An IANA id such as "Asia/Taipei" (what <see cref="TimeZoneInfo.FindSystemTimeZoneById"/> accepts).</summary>
    public string TimeZoneId { get; private set; } = "";
    /// <summary>Sorted by day, then start.</summary>
    public List<WorkingPeriod> Hours { get; private set; } = [];
    /// <summary>Sorted by date, one per date.</summary>
    public List<Holiday> Holidays { get; private set; } = [];
    /// <summary>Concurrency token (PostgreSQL xmin), set by EF.</summary>
    public uint Version { get; private set; }

    /// <summary>Monday to Friday 09:00–12:00 and 13:00–18:00: eight hours a day.</summary>
    public static IReadOnlyList<WorkingPeriod> OfficeHours { get; } =
    [
        .. new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday }
            .SelectMany(day => new[] { new WorkingPeriod(day, 9 * 60, 12 * 60), new WorkingPeriod(day, 13 * 60, 18 * 60) }),
    ];

    /// <summary>Every day 00:00–24:00: business time is elapsed time (apart from holidays).</summary>
    public static IReadOnlyList<WorkingPeriod> AroundTheClock { get; } =
        [.. Enum.GetValues<DayOfWeek>().Select(day => new WorkingPeriod(day, 0, WorkingPeriod.MinutesPerDay))];

    public static BusinessCalendar Create(string name, string timeZoneId, IEnumerable<WorkingPeriod> hours)
    {
        var calendar = new BusinessCalendar { Id = Guid.CreateVersion7() };
        calendar.Change(name, timeZoneId, hours);
        return calendar;
    }

    public void Change(string name, string timeZoneId, IEnumerable<WorkingPeriod> hours)
    {
        ArgumentNullException.ThrowIfNull(hours);
        var trimmedName = (name ?? "").Trim();
        if (trimmedName.Length is 0 or > MaxNameLength)
        {
            throw new ArgumentException($"A calendar name has 1 to {MaxNameLength} characters.", nameof(name));
        }
        FindZone(timeZoneId);
        var given = hours.ToList();
        if (given.Contains(null!))
        {
            throw new ArgumentException("A working period is missing.", nameof(hours));
        }
        var sorted = given.OrderBy(p => p.Day).ThenBy(p => p.FromMinute).ToList();
        CheckHours(sorted);

        Name = trimmedName;
        TimeZoneId = timeZoneId.Trim();
        Hours = sorted;
    }

    /// <summary>Adds the holidays whose dates are not there yet (the first of several on one date wins).</summary>
    /// <returns>How many were added.</returns>
    public int AddHolidays(IEnumerable<Holiday> holidays)
    {
        ArgumentNullException.ThrowIfNull(holidays);
        var dates = Holidays.Select(h => h.Date).ToHashSet();
        var added = new List<Holiday>();
        foreach (var holiday in holidays)
        {
            var holidayName = (holiday.Name ?? "").Trim();
            if (holidayName.Length is 0 or > MaxHolidayNameLength)
            {
                throw new ArgumentException($"A holiday name has 1 to {MaxHolidayNameLength} characters ({holiday.Date:yyyy-MM-dd}).", nameof(holidays));
            }
            if (dates.Add(holiday.Date))
            {
                added.Add(holiday with { Name = holidayName });
            }
        }
        if (added.Count > 0)
        {
            // A new list, so EF sees the JSON column change.
            Holidays = [.. Holidays.Concat(added).OrderBy(h => h.Date)];
        }
        return added.Count;
    }

    public bool RemoveHoliday(DateOnly date)
    {
        if (!Holidays.Exists(h => h.Date == date))
        {
            return false;
        }
        Holidays = [.. Holidays.Where(h => h.Date != date)];
        return true;
    }

    /// <summary>
    /// The instant when <paramref name="businessTime"/> of open time has elapsed after <paramref name="start"/>, in UTC.
    /// Counting starts at the next opening when <paramref name="start"/> is closed; a positive result is never in closed
    /// time but may be the exact end of a period. Zero gives <paramref name="start"/> back; a negative amount counts
    /// backwards (the result is then open time or the exact start of a period).
    /// </summary>
    public DateTimeOffset Add(DateTimeOffset start, TimeSpan businessTime)
    {
        var from = start.UtcTicks;
        var remaining = businessTime.Ticks;
        if (remaining == 0)
        {
            return start.ToUniversalTime();
        }
        var schedule = Schedule.Of(this);
        if (remaining > 0)
        {
            foreach (var (open, close) in schedule.Forward(schedule.LocalDate(from).AddDays(-1)))
            {
                if (close <= from)
                {
                    continue;
                }
                var begin = Math.Max(open, from);
                if (remaining <= close - begin)
                {
                    return Utc(begin + remaining);
                }
                remaining -= close - begin;
            }
        }
        else
        {
            remaining = -remaining;
            foreach (var (open, close) in schedule.Backward(schedule.LocalDate(from).AddDays(1)))
            {
                if (open >= from)
                {
                    continue;
                }
                var end = Math.Min(close, from);
                if (remaining <= end - open)
                {
                    return Utc(end - remaining);
                }
                remaining -= end - open;
            }
        }
        throw new UnreachableException();
    }

    /// <summary>The open time between two instants; negative when <paramref name="to"/> is before <paramref name="from"/>.</summary>
    public TimeSpan Measure(DateTimeOffset from, DateTimeOffset to)
    {
        if (to < from)
        {
            return -Measure(to, from);
        }
        var (start, end) = (from.UtcTicks, to.UtcTicks);
        if (start == end)
        {
            return TimeSpan.Zero;
        }
        var schedule = Schedule.Of(this);
        long total = 0;
        foreach (var (open, close) in schedule.Forward(schedule.LocalDate(start).AddDays(-1), schedule.LocalDate(end).AddDays(1)))
        {
            if (open >= end)
            {
                break;
            }
            total += Math.Max(0, Math.Min(close, end) - Math.Max(open, start));
        }
        return new TimeSpan(total);
    }

    /// <summary>Open at this instant: inside a period, counting its start but not its end.</summary>
    public bool IsOpenAt(DateTimeOffset instant)
    {
        var schedule = Schedule.Of(this);
        var at = instant.UtcTicks;
        var day = schedule.LocalDate(at);
        foreach (var (open, close) in schedule.Forward(day.AddDays(-1), day.AddDays(1)))
        {
            if (open > at)
            {
                break;
            }
            if (at < close)
            {
                return true;
            }
        }
        return false;
    }

    private static DateTimeOffset Utc(long ticks) => new(ticks, TimeSpan.Zero);

    private static TimeZoneInfo FindZone(string timeZoneId)
    {
        if (string.IsNullOrWhiteSpace(timeZoneId) || timeZoneId.Trim().Length > FieldLengths.TimeZone)
        {
            throw new ArgumentException("A calendar needs a time zone id such as Asia/Taipei.", nameof(timeZoneId));
        }
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(timeZoneId.Trim());
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw new ArgumentException($"“{timeZoneId}” is not a known time zone id (use one like Asia/Taipei).", nameof(timeZoneId), e);
        }
    }

    private static void CheckHours(List<WorkingPeriod> hours)
    {
        if (hours.Count == 0)
        {
            throw new ArgumentException("A calendar needs at least one working period.", nameof(hours));
        }
        for (var i = 0; i < hours.Count; i++)
        {
            var period = hours[i];
            if (!Enum.IsDefined(period.Day)
                || period.FromMinute is < 0 or >= WorkingPeriod.MinutesPerDay
                || period.ToMinute is < 1 or > WorkingPeriod.MinutesPerDay
                || period.FromMinute >= period.ToMinute)
            {
                throw new ArgumentException(
                    $"{period.Day} {period.FromMinute}–{period.ToMinute} is not a period within one day (minutes 0–1440, start before end).", nameof(hours));
            }
            if (i > 0 && hours[i - 1].Day == period.Day && period.FromMinute < hours[i - 1].ToMinute)
            {
                throw new ArgumentException($"{period.Day}: {hours[i - 1].Format()} and {period.Format()} overlap.", nameof(hours));
            }
        }
    }

    /// <summary>The calendar read once per call, so a change to the lists can never leave a stale cache behind.</summary>
    private sealed class Schedule
    {
        private readonly TimeZoneInfo zone;
        private readonly WorkingPeriod[][] byDay;
        private readonly HashSet<DateOnly> closedDates;
        private readonly string calendarName;

        private Schedule(BusinessCalendar calendar)
        {
            zone = FindZone(calendar.TimeZoneId);
            byDay = new WorkingPeriod[7][];
            for (var day = 0; day < 7; day++)
            {
                byDay[day] = [.. calendar.Hours.Where(p => (int)p.Day == day).OrderBy(p => p.FromMinute)];
            }
            closedDates = calendar.Holidays.Select(h => h.Date).ToHashSet();
            calendarName = calendar.Name;
        }

        public static Schedule Of(BusinessCalendar calendar) => new(calendar);

        public DateOnly LocalDate(long utcTicks) =>
            DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(new DateTime(utcTicks, DateTimeKind.Utc), zone));

        /// <summary>
        /// Open intervals [open, close) in UTC ticks from the local day <paramref name="first"/> on, in order and never
        /// overlapping (an ambiguous midnight would otherwise count an hour twice). Without <paramref name="last"/> it
        /// runs until the caller stops, or throws when the calendar stays closed for ten years.
        /// </summary>
        public IEnumerable<(long Open, long Close)> Forward(DateOnly first, DateOnly? last = null)
        {
            var reached = long.MinValue;
            var closedDays = 0;
            for (var date = first; last is null || date <= last; date = date.AddDays(1))
            {
                var opened = false;
                if (!closedDates.Contains(date))
                {
                    foreach (var period in byDay[(int)date.DayOfWeek])
                    {
                        var open = Math.Max(StartTicks(date, period.FromMinute), reached);
                        var close = EndTicks(date, period.ToMinute);
                        if (close > open)
                        {
                            opened = true;
                            reached = close;
                            yield return (open, close);
                        }
                    }
                }
                closedDays = opened ? 0 : closedDays + 1;
                if (last is null && closedDays > MaxClosedDays)
                {
                    throw new InvalidOperationException($"The calendar “{calendarName}” has no open time for ten years after {first:yyyy-MM-dd}.");
                }
            }
        }

        /// <summary>As <see cref="Forward"/>, backwards in time from the local day <paramref name="last"/>.</summary>
        public IEnumerable<(long Open, long Close)> Backward(DateOnly last)
        {
            var reached = long.MaxValue;
            var closedDays = 0;
            for (var date = last; ; date = date.AddDays(-1))
            {
                var opened = false;
                if (!closedDates.Contains(date))
                {
                    var periods = byDay[(int)date.DayOfWeek];
                    for (var i = periods.Length - 1; i >= 0; i--)
                    {
                        var open = StartTicks(date, periods[i].FromMinute);
                        var close = Math.Min(EndTicks(date, periods[i].ToMinute), reached);
                        if (close > open)
                        {
                            opened = true;
                            reached = open;
                            yield return (open, close);
                        }
                    }
                }
                closedDays = opened ? 0 : closedDays + 1;
                if (closedDays > MaxClosedDays)
                {
                    throw new InvalidOperationException($"The calendar “{calendarName}” has no open time for ten years before {last:yyyy-MM-dd}.");
                }
            }
        }

        // A period starts at the first instant whose local time is at or after its local start.
        private long StartTicks(DateOnly date, int minute)
        {
            var local = date.ToDateTime(TimeOnly.MinValue).AddMinutes(minute);
            if (zone.IsInvalidTime(local))
            {
                return EndOfGap(local);
            }
            if (zone.IsAmbiguousTime(local))
            {
                return local.Ticks - zone.GetAmbiguousTimeOffsets(local).Max().Ticks;
            }
            return local.Ticks - zone.GetUtcOffset(local).Ticks;
        }

        // A period ends at the last instant whose local time is at or before its local end.
        private long EndTicks(DateOnly date, int minute)
        {
            var local = date.ToDateTime(TimeOnly.MinValue).AddMinutes(minute);
            if (zone.IsInvalidTime(local))
            {
                return EndOfGap(local);
            }
            if (zone.IsAmbiguousTime(local))
            {
                return local.Ticks - zone.GetAmbiguousTimeOffsets(local).Min().Ticks;
            }
            return local.Ticks - zone.GetUtcOffset(local).Ticks;
        }

        /// <summary>The instant the clocks jump over a local time that does not exist (found by bisection; rare).</summary>
        private long EndOfGap(DateTime local)
        {
            // Offsets lie within ±14 h, so the jump is in this window; local time only rises across a gap.
            var low = local.Ticks - TimeSpan.TicksPerHour * 14;
            var high = local.Ticks + TimeSpan.TicksPerHour * 14;
            while (low < high)
            {
                var middle = low + (high - low) / 2;
                var localTicks = middle + zone.GetUtcOffset(new DateTime(middle, DateTimeKind.Utc)).Ticks;
                if (localTicks >= local.Ticks)
                {
                    high = middle;
                }
                else
                {
                    low = middle + 1;
                }
            }
            return low;
        }
    }
}

/// <summary>SLA clocks run either on a business calendar or on plain elapsed time.</summary>
public static class SlaTime
{
    /// <summary>The due instant, in UTC: business time when <paramref name="business"/> and a calendar is given, else elapsed time.</summary>
    public static DateTimeOffset Add(BusinessCalendar? calendar, bool business, DateTimeOffset start, TimeSpan amount) =>
        business && calendar is not null ? calendar.Add(start, amount) : (start + amount).ToUniversalTime();

    /// <summary>Time spent between two instants, on the same terms as <see cref="Add"/>.</summary>
    public static TimeSpan Measure(BusinessCalendar? calendar, bool business, DateTimeOffset from, DateTimeOffset to) =>
        business && calendar is not null ? calendar.Measure(from, to) : to - from;
}
