using System.Text.Json;
using ComplaintDesk.Domain.Sla;

namespace ComplaintDesk.Domain.Tests.Sla;

/// <summary>Business-time arithmetic with exact instants, worked out by hand from the zone rules.</summary>
public sealed class BusinessCalendarTests
{
    private static BusinessCalendar Office(string zone = "Asia/Taipei") => BusinessCalendar.Create("Office", zone, BusinessCalendar.OfficeHours);

    private static BusinessCalendar AroundTheClock(string zone) => BusinessCalendar.Create("24/7", zone, BusinessCalendar.AroundTheClock);

    private static DateTimeOffset Utc(int year, int month, int day, int hour, int minute = 0) =>
        new(year, month, day, hour, minute, 0, TimeSpan.Zero);

    /// <summary>A Taipei wall-clock time (UTC+8 all year).</summary>
    private static DateTimeOffset Taipei(int year, int month, int day, int hour, int minute = 0) =>
        new(year, month, day, hour, minute, 0, TimeSpan.FromHours(8));

    // --- Asia/Taipei office hours (Mon 2026-11-02 is a Monday) ---

    [Fact]
    public void Counting_runs_on_across_the_night()
    {
        var due = Office().Add(Taipei(2026, 11, 2, 17), TimeSpan.FromHours(2));

        Assert.Equal(Taipei(2026, 11, 3, 10), due);
        Assert.Equal(TimeSpan.Zero, due.Offset);
    }

    [Fact]
    public void The_lunch_break_does_not_count()
    {
        Assert.Equal(Taipei(2026, 11, 2, 13, 30), Office().Add(Taipei(2026, 11, 2, 11, 30), TimeSpan.FromHours(1)));
    }

    [Fact]
    public void The_weekend_does_not_count()
    {
        Assert.Equal(Taipei(2026, 11, 9, 10), Office().Add(Taipei(2026, 11, 6, 17), TimeSpan.FromHours(2)));
    }

    [Fact]
    public void A_holiday_is_closed_all_day()
    {
        var calendar = Office();
        calendar.AddHolidays([new Holiday(new DateOnly(2026, 11, 3), "Closed")]);

        Assert.Equal(Taipei(2026, 11, 4, 10), calendar.Add(Taipei(2026, 11, 2, 17), TimeSpan.FromHours(2)));
    }

    [Fact]
    public void A_holiday_on_a_friday_joins_the_weekend()
    {
        var calendar = Office();
        calendar.AddHolidays([new Holiday(new DateOnly(2026, 10, 9), "National Day (observed)")]);

        Assert.Equal(Taipei(2026, 10, 12, 10), calendar.Add(Taipei(2026, 10, 8, 17), TimeSpan.FromHours(2)));
    }

    [Fact]
    public void Starting_in_closed_time_counts_from_the_next_opening()
    {
        var calendar = Office();

        Assert.Equal(Taipei(2026, 11, 9, 10), calendar.Add(Taipei(2026, 11, 7, 10), TimeSpan.FromHours(1)));
        Assert.Equal(Taipei(2026, 11, 2, 14), calendar.Add(Taipei(2026, 11, 2, 12, 30), TimeSpan.FromHours(1)));
        Assert.Equal(Taipei(2026, 11, 3, 10), calendar.Add(Taipei(2026, 11, 2, 18), TimeSpan.FromHours(1)));
    }

    [Fact]
    public void A_zero_amount_gives_the_start_back_even_when_closed()
    {
        var saturday = Taipei(2026, 11, 7, 10);

        var due = Office().Add(saturday, TimeSpan.Zero);

        Assert.Equal(saturday, due);
        Assert.Equal(TimeSpan.Zero, due.Offset);
    }

    [Fact]
    public void Using_up_a_day_exactly_ends_at_closing_time_not_the_next_morning()
    {
        Assert.Equal(Taipei(2026, 11, 2, 18), Office().Add(Taipei(2026, 11, 2, 9), TimeSpan.FromHours(8)));
    }

    [Fact]
    public void Eighty_business_hours_are_ten_working_days()
    {
        Assert.Equal(Taipei(2026, 11, 13, 18), Office().Add(Taipei(2026, 11, 2, 9), TimeSpan.FromHours(80)));
    }

    [Fact]
    public void A_negative_amount_counts_backwards()
    {
        var calendar = Office();

        Assert.Equal(Taipei(2026, 11, 6, 17), calendar.Add(Taipei(2026, 11, 9, 10), TimeSpan.FromHours(-2)));
        Assert.Equal(Taipei(2026, 11, 2, 9), calendar.Add(Taipei(2026, 11, 2, 18), TimeSpan.FromHours(-8)));
    }

    [Fact]
    public void Eighty_business_hours_from_a_run_of_starts_land_on_open_time_that_measure_agrees_with()
    {
        // The speed of this (some µs an add: one step per open period, not per minute) is the benchmarks' to watch;
        // here the same 200 adds must each be exact.
        var calendar = Office();
        calendar.AddHolidays([new Holiday(new DateOnly(2026, 11, 11), "A"), new Holiday(new DateOnly(2026, 12, 25), "B")]);
        var start = Taipei(2026, 11, 2, 9);

        // Ten eight-hour days from Monday, less the Wednesday holiday: the end of Monday two weeks on.
        Assert.Equal(Taipei(2026, 11, 16, 18), calendar.Add(start, TimeSpan.FromHours(80)));
        for (var i = 0; i < 200; i++)
        {
            var from = start.AddMinutes(i);
            var due = calendar.Add(from, TimeSpan.FromHours(80));
            Assert.Equal(TimeSpan.FromHours(80), calendar.Measure(from, due));
            Assert.True(calendar.IsOpenAt(due.AddTicks(-1)), $"{due:O} ends in closed time");
        }
    }

    // --- Europe/London: 2026-03-29 01:00Z clocks go forward to 02:00 BST; 2026-10-25 01:00Z back to 01:00 GMT ---

    [Fact]
    public void London_office_hours_over_the_spring_forward_weekend()
    {
        var calendar = Office("Europe/London");
        var fridayAfternoon = Utc(2026, 3, 27, 17); // 17:00 GMT

        var due = calendar.Add(fridayAfternoon, TimeSpan.FromHours(2));

        Assert.Equal(Utc(2026, 3, 30, 9), due); // Monday 10:00 BST
        Assert.Equal(TimeSpan.FromHours(2), calendar.Measure(fridayAfternoon, due));
    }

    [Fact]
    public void London_office_hours_over_the_fall_back_weekend()
    {
        var due = Office("Europe/London").Add(Utc(2026, 10, 23, 16), TimeSpan.FromHours(2)); // Friday 17:00 BST

        Assert.Equal(Utc(2026, 10, 26, 10), due); // Monday 10:00 GMT
    }

    [Fact]
    public void London_around_the_clock_a_day_over_the_spring_night_is_25_wall_clock_hours()
    {
        var start = Utc(2026, 3, 28, 12); // Saturday 12:00 GMT

        var due = AroundTheClock("Europe/London").Add(start, TimeSpan.FromHours(24));

        Assert.Equal(Utc(2026, 3, 29, 12), due); // Sunday 13:00 BST
        Assert.Equal(13, TimeZoneInfo.ConvertTime(due, TimeZoneInfo.FindSystemTimeZoneById("Europe/London")).Hour);
    }

    [Fact]
    public void London_around_the_clock_a_day_over_the_autumn_night_is_23_wall_clock_hours()
    {
        var start = Utc(2026, 10, 24, 11); // Saturday 12:00 BST

        var due = AroundTheClock("Europe/London").Add(start, TimeSpan.FromHours(24));

        Assert.Equal(Utc(2026, 10, 25, 11), due); // Sunday 11:00 GMT
        Assert.Equal(11, TimeZoneInfo.ConvertTime(due, TimeZoneInfo.FindSystemTimeZoneById("Europe/London")).Hour);
    }

    [Fact]
    public void A_whole_local_day_lasts_23_hours_in_spring_and_25_in_autumn()
    {
        var sundays = BusinessCalendar.Create("Sundays", "Europe/London", [new WorkingPeriod(DayOfWeek.Sunday, 0, 1440)]);

        Assert.Equal(TimeSpan.FromHours(23), sundays.Measure(Utc(2026, 3, 26, 0), Utc(2026, 4, 1, 0)));
        Assert.Equal(TimeSpan.FromHours(25), sundays.Measure(Utc(2026, 10, 22, 0), Utc(2026, 10, 28, 0)));
        // The short Sunday ends at Monday 00:00 BST = Sunday 23:00Z; one minute more is next Sunday 00:01 BST.
        Assert.Equal(Utc(2026, 3, 29, 23), sundays.Add(Utc(2026, 3, 28, 12), TimeSpan.FromHours(23)));
        Assert.Equal(Utc(2026, 4, 4, 23, 1), sundays.Add(Utc(2026, 3, 28, 12), TimeSpan.FromHours(23) + TimeSpan.FromMinutes(1)));
        // The long Sunday runs from 00:00 BST (Saturday 23:00Z) to Monday 00:00 GMT.
        Assert.Equal(Utc(2026, 10, 26, 0), sundays.Add(Utc(2026, 10, 24, 12), TimeSpan.FromHours(25)));
    }

    // --- America/New_York: 2026-03-08 02:00 EST jumps to 03:00 EDT; 2026-11-01 02:00 EDT falls back to 01:00 EST ---

    [Fact]
    public void New_York_office_hours_over_the_spring_forward_weekend()
    {
        var due = Office("America/New_York").Add(Utc(2026, 3, 6, 22), TimeSpan.FromHours(2)); // Friday 17:00 EST

        Assert.Equal(Utc(2026, 3, 9, 14), due); // Monday 10:00 EDT
    }

    [Fact]
    public void New_York_office_hours_over_the_fall_back_weekend()
    {
        var due = Office("America/New_York").Add(Utc(2026, 10, 30, 21), TimeSpan.FromHours(2)); // Friday 17:00 EDT

        Assert.Equal(Utc(2026, 11, 2, 15), due); // Monday 10:00 EST
    }

    [Fact]
    public void New_York_around_the_clock_a_day_over_the_dst_nights()
    {
        var calendar = AroundTheClock("America/New_York");

        Assert.Equal(Utc(2026, 3, 8, 17), calendar.Add(Utc(2026, 3, 7, 17), TimeSpan.FromHours(24))); // Sat 12:00 EST → Sun 13:00 EDT
        Assert.Equal(Utc(2026, 11, 1, 16), calendar.Add(Utc(2026, 10, 31, 16), TimeSpan.FromHours(24))); // Sat 12:00 EDT → Sun 11:00 EST
    }

    [Fact]
    public void A_start_in_the_spring_gap_moves_to_the_end_of_the_gap()
    {
        // 02:30 does not exist on 2026-03-08, so the period opens at 03:00 EDT (07:00Z) and lasts one hour.
        var calendar = BusinessCalendar.Create("Night", "America/New_York", [new WorkingPeriod(DayOfWeek.Sunday, 150, 240)]);

        Assert.Equal(Utc(2026, 3, 8, 7, 30), calendar.Add(Utc(2026, 3, 7, 12), TimeSpan.FromMinutes(30)));
        Assert.Equal(TimeSpan.FromHours(1), calendar.Measure(Utc(2026, 3, 7, 0), Utc(2026, 3, 9, 0)));
        Assert.False(calendar.IsOpenAt(Utc(2026, 3, 8, 6, 59)));
        Assert.True(calendar.IsOpenAt(Utc(2026, 3, 8, 7)));
    }

    [Fact]
    public void In_the_autumn_overlap_a_start_takes_the_first_occurrence_and_an_end_the_second()
    {
        // 01:00–01:30 on 2026-11-01 runs from 01:00 EDT (05:00Z) to the second 01:30, in EST (06:30Z).
        var calendar = BusinessCalendar.Create("Night", "America/New_York", [new WorkingPeriod(DayOfWeek.Sunday, 60, 90)]);

        Assert.Equal(TimeSpan.FromMinutes(90), calendar.Measure(Utc(2026, 10, 31, 0), Utc(2026, 11, 2, 0)));
        Assert.Equal(Utc(2026, 11, 1, 5, 1), calendar.Add(Utc(2026, 10, 31, 12), TimeSpan.FromMinutes(1)));
        Assert.Equal(Utc(2026, 11, 1, 6, 30), calendar.Add(Utc(2026, 10, 31, 12), TimeSpan.FromMinutes(90)));
        Assert.True(calendar.IsOpenAt(Utc(2026, 11, 1, 6, 15)));
    }

    // --- Measure and IsOpenAt ---

    [Fact]
    public void Measure_counts_only_open_time()
    {
        var calendar = Office();

        Assert.Equal(TimeSpan.FromHours(8), calendar.Measure(Taipei(2026, 11, 2, 9), Taipei(2026, 11, 3, 9)));
        Assert.Equal(TimeSpan.FromHours(2), calendar.Measure(Taipei(2026, 11, 6, 17), Taipei(2026, 11, 9, 10)));
        Assert.Equal(TimeSpan.FromHours(2.5), calendar.Measure(Taipei(2026, 11, 2, 11), Taipei(2026, 11, 2, 14, 30)));
        Assert.Equal(TimeSpan.Zero, calendar.Measure(Taipei(2026, 11, 7, 9), Taipei(2026, 11, 8, 20)));
        Assert.Equal(TimeSpan.FromHours(40), calendar.Measure(Taipei(2026, 11, 2, 0), Taipei(2026, 11, 9, 0)));
    }

    [Fact]
    public void Measure_backwards_is_negative()
    {
        var calendar = Office();

        Assert.Equal(TimeSpan.FromHours(-8), calendar.Measure(Taipei(2026, 11, 3, 9), Taipei(2026, 11, 2, 9)));
    }

    [Fact]
    public void Measure_skips_holidays()
    {
        var calendar = Office();
        calendar.AddHolidays([new Holiday(new DateOnly(2026, 11, 4), "Closed")]);

        Assert.Equal(TimeSpan.FromHours(32), calendar.Measure(Taipei(2026, 11, 2, 0), Taipei(2026, 11, 9, 0)));
    }

    [Fact]
    public void IsOpenAt_counts_a_start_but_not_an_end()
    {
        var calendar = Office();
        calendar.AddHolidays([new Holiday(new DateOnly(2026, 11, 4), "Closed")]);

        Assert.True(calendar.IsOpenAt(Taipei(2026, 11, 2, 9)));
        Assert.True(calendar.IsOpenAt(Taipei(2026, 11, 2, 12).AddTicks(-1)));
        Assert.False(calendar.IsOpenAt(Taipei(2026, 11, 2, 12)));
        Assert.False(calendar.IsOpenAt(Taipei(2026, 11, 2, 18)));
        Assert.False(calendar.IsOpenAt(Taipei(2026, 11, 2, 8, 59)));
        Assert.False(calendar.IsOpenAt(Taipei(2026, 11, 7, 10)));
        Assert.False(calendar.IsOpenAt(Taipei(2026, 11, 4, 10)));
    }

    [Fact]
    public void SlaTime_uses_the_calendar_only_for_business_time()
    {
        var calendar = Office();
        var friday = Taipei(2026, 11, 6, 17);

        Assert.Equal(Taipei(2026, 11, 9, 10), SlaTime.Add(calendar, true, friday, TimeSpan.FromHours(2)));
        Assert.Equal(Taipei(2026, 11, 6, 19), SlaTime.Add(calendar, false, friday, TimeSpan.FromHours(2)));
        Assert.Equal(Taipei(2026, 11, 6, 19), SlaTime.Add(null, true, friday, TimeSpan.FromHours(2)));
        Assert.Equal(TimeSpan.FromHours(2), SlaTime.Measure(calendar, true, friday, Taipei(2026, 11, 9, 10)));
        Assert.Equal(TimeSpan.FromHours(65), SlaTime.Measure(null, true, friday, Taipei(2026, 11, 9, 10)));
    }

    // --- Validation ---

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void A_blank_name_is_refused(string name)
    {
        Assert.Throws<ArgumentException>(() => BusinessCalendar.Create(name, "Asia/Taipei", BusinessCalendar.OfficeHours));
    }

    [Fact]
    public void A_name_over_100_characters_is_refused()
    {
        Assert.Throws<ArgumentException>(() => BusinessCalendar.Create(new string('x', 101), "Asia/Taipei", BusinessCalendar.OfficeHours));
        Assert.Equal(100, BusinessCalendar.Create(new string('x', 100), "Asia/Taipei", BusinessCalendar.OfficeHours).Name.Length);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Mars/Olympus_Mons")]
    [InlineData("not a zone")]
    public void An_unknown_time_zone_is_refused(string zone)
    {
        var error = Assert.Throws<ArgumentException>(() => BusinessCalendar.Create("Office", zone, BusinessCalendar.OfficeHours));
        Assert.Equal("timeZoneId", error.ParamName);
    }

    [Fact]
    public void A_calendar_without_hours_is_refused()
    {
        Assert.Throws<ArgumentException>(() => BusinessCalendar.Create("Office", "Asia/Taipei", []));
    }

    [Fact]
    public void Overlapping_periods_on_one_day_are_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => BusinessCalendar.Create("Office", "Asia/Taipei",
            [new WorkingPeriod(DayOfWeek.Monday, 540, 720), new WorkingPeriod(DayOfWeek.Monday, 660, 780)]));
        Assert.Contains("overlap", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(600, 600)]
    [InlineData(700, 600)]
    [InlineData(-1, 600)]
    [InlineData(1440, 1440)]
    [InlineData(0, 1441)]
    public void A_period_outside_one_day_is_refused(int from, int to)
    {
        Assert.Throws<ArgumentException>(() => BusinessCalendar.Create("Office", "Asia/Taipei", [new WorkingPeriod(DayOfWeek.Monday, from, to)]));
    }

    [Fact]
    public void Touching_periods_and_the_same_hours_on_different_days_are_fine()
    {
        var calendar = BusinessCalendar.Create("Office", "Asia/Taipei",
        [
            new WorkingPeriod(DayOfWeek.Tuesday, 720, 780),
            new WorkingPeriod(DayOfWeek.Monday, 720, 780),
            new WorkingPeriod(DayOfWeek.Monday, 540, 720),
        ]);

        Assert.Equal(
            [new WorkingPeriod(DayOfWeek.Monday, 540, 720), new WorkingPeriod(DayOfWeek.Monday, 720, 780), new WorkingPeriod(DayOfWeek.Tuesday, 720, 780)],
            calendar.Hours);
        Assert.Equal(Taipei(2026, 11, 2, 13), calendar.Add(Taipei(2026, 11, 2, 9), TimeSpan.FromHours(4)));
    }

    [Fact]
    public void Change_validates_and_replaces_everything()
    {
        var calendar = Office();

        calendar.Change("  Support  ", "Europe/London", BusinessCalendar.AroundTheClock);

        Assert.Equal(("Support", "Europe/London", 7), (calendar.Name, calendar.TimeZoneId, calendar.Hours.Count));
        Assert.Throws<ArgumentException>(() => calendar.Change("Support", "Nowhere/Land", BusinessCalendar.OfficeHours));
        Assert.Equal("Europe/London", calendar.TimeZoneId);
    }

    [Fact]
    public void A_calendar_that_never_opens_stops_with_an_error()
    {
        var calendar = BusinessCalendar.Create("Sundays", "Asia/Taipei", [new WorkingPeriod(DayOfWeek.Sunday, 540, 600)]);
        var sundays = Enumerable.Range(0, 600).Select(week => new Holiday(new DateOnly(2026, 11, 1).AddDays(7 * week), "Closed"));
        calendar.AddHolidays(sundays);

        Assert.Throws<InvalidOperationException>(() => calendar.Add(Taipei(2026, 10, 31, 9), TimeSpan.FromHours(1)));
    }

    // --- Holidays ---

    [Fact]
    public void AddHolidays_skips_dates_already_there_and_keeps_them_sorted()
    {
        var calendar = Office();

        var added = calendar.AddHolidays(
        [
            new Holiday(new DateOnly(2027, 10, 10), "National Day"),
            new Holiday(new DateOnly(2027, 1, 1), " New Year "),
            new Holiday(new DateOnly(2027, 10, 10), "Double Ten"),
        ]);
        var again = calendar.AddHolidays([new Holiday(new DateOnly(2027, 1, 1), "New Year"), new Holiday(new DateOnly(2027, 4, 5), "Tomb Sweeping")]);

        Assert.Equal((2, 1), (added, again));
        Assert.Equal(
            [new Holiday(new DateOnly(2027, 1, 1), "New Year"), new Holiday(new DateOnly(2027, 4, 5), "Tomb Sweeping"), new Holiday(new DateOnly(2027, 10, 10), "National Day")],
            calendar.Holidays);
    }

    [Fact]
    public void RemoveHoliday_says_whether_there_was_one()
    {
        var calendar = Office();
        calendar.AddHolidays([new Holiday(new DateOnly(2027, 1, 1), "New Year")]);

        Assert.False(calendar.RemoveHoliday(new DateOnly(2027, 1, 2)));
        Assert.True(calendar.RemoveHoliday(new DateOnly(2027, 1, 1)));
        Assert.Empty(calendar.Holidays);
    }

    [Fact]
    public void A_holiday_needs_a_name()
    {
        Assert.Throws<ArgumentException>(() => Office().AddHolidays([new Holiday(new DateOnly(2027, 1, 1), " ")]));
    }

    // --- WorkingPeriod text ---

    [Fact]
    public void A_day_of_hours_parses_with_hyphens_or_en_dashes()
    {
        Assert.True(WorkingPeriod.TryParseDay("13:00–18:00, 09:00-12:00", DayOfWeek.Monday, out var periods, out var error));

        Assert.Null(error);
        Assert.Equal([new WorkingPeriod(DayOfWeek.Monday, 540, 720), new WorkingPeriod(DayOfWeek.Monday, 780, 1080)], periods);
    }

    [Theory]
    [InlineData("", 0)]
    [InlineData("   ", 0)]
    [InlineData("00:00-24:00", 1)]
    [InlineData("9:00 - 9:30", 1)]
    [InlineData("09:00-12:00,12:00-13:00", 2)]
    public void These_days_parse(string text, int count)
    {
        Assert.True(WorkingPeriod.TryParseDay(text, DayOfWeek.Friday, out var periods, out var error), error);
        Assert.Equal(count, periods.Count);
    }

    [Theory]
    [InlineData("09:00")]
    [InlineData("9-12")]
    [InlineData("25:00-26:00")]
    [InlineData("09:60-10:00")]
    [InlineData("24:00-24:00")]
    [InlineData("12:00-09:00")]
    [InlineData("09:00-09:00")]
    [InlineData("09:00-24:30")]
    [InlineData("09:00-12:00, 11:00-13:00")]
    [InlineData("-09:00-12:00")]
    public void These_days_do_not_parse(string text)
    {
        Assert.False(WorkingPeriod.TryParseDay(text, DayOfWeek.Friday, out var periods, out var error));
        Assert.Empty(periods);
        Assert.False(string.IsNullOrWhiteSpace(error));
    }

    [Fact]
    public void Periods_format_as_clock_times_and_parse_back()
    {
        var monday = BusinessCalendar.OfficeHours.Where(p => p.Day == DayOfWeek.Monday).ToList();

        Assert.Equal("09:00–12:00", monday[0].Format());
        Assert.Equal("00:00–24:00", new WorkingPeriod(DayOfWeek.Sunday, 0, 1440).Format());
        Assert.Equal("09:00–12:00, 13:00–18:00", WorkingPeriod.FormatDay(monday));
        Assert.True(WorkingPeriod.TryParseDay(WorkingPeriod.FormatDay(monday), DayOfWeek.Monday, out var parsed, out _));
        Assert.Equal(monday, parsed);
    }

    [Fact]
    public void Periods_and_holidays_keep_the_json_shape_they_are_stored_in()
    {
        var web = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        const string Stored = """[{"day":1,"fromMinute":540,"toMinute":720}]""";

        Assert.Equal(Stored, JsonSerializer.Serialize(new[] { new WorkingPeriod(DayOfWeek.Monday, 540, 720) }, web));
        Assert.Equal([new WorkingPeriod(DayOfWeek.Monday, 540, 720)], JsonSerializer.Deserialize<List<WorkingPeriod>>(Stored, web));
        Assert.Equal("""{"date":"2027-01-01","name":"New Year"}""", JsonSerializer.Serialize(new Holiday(new DateOnly(2027, 1, 1), "New Year"), web));
    }

    [Fact]
    public void The_standard_hours_are_what_they_say()
    {
        Assert.Equal(40 * 60, BusinessCalendar.OfficeHours.Sum(p => p.ToMinute - p.FromMinute));
        Assert.Equal(168 * 60, BusinessCalendar.AroundTheClock.Sum(p => p.ToMinute - p.FromMinute));
    }
}
