using System.Text;
using ComplaintDesk.Application.Features.Sla;
using ComplaintDesk.Domain.Sla;

namespace ComplaintDesk.IntegrationTests.Features.Sla;

/// <summary>Closed days from .ics files: plain unit tests, no database or app needed.</summary>
public sealed class HolidayImportTests
{
    private static readonly DateOnly From = new(2027, 1, 1);
    private static readonly DateOnly To = new(2028, 12, 31);

    private static string Ics(params string[] events) =>
        string.Join("\r\n", ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//ComplaintDesk//Tests//EN", .. events, "END:VCALENDAR", ""]);

    private static string Event(string uid, params string[] lines) =>
        string.Join("\r\n", ["BEGIN:VEVENT", $"UID:{uid}", "DTSTAMP:20261101T000000Z", .. lines, "END:VEVENT"]);

    private static readonly string Taiwan = Ics(
        Event("lny-2027", "DTSTART;VALUE=DATE:20270205", "DTEND;VALUE=DATE:20270208", "SUMMARY:  春節 Lunar New Year  "),
        Event("national-day", "DTSTART;VALUE=DATE:20201010", "RRULE:FREQ=YEARLY", "SUMMARY:國慶日 National Day"),
        Event("childrens-day", "DTSTART;TZID=Asia/Taipei:20270404T230000", "DTEND;TZID=Asia/Taipei:20270405T020000", "SUMMARY:Children's Day fireworks"),
        Event("new-year-2026", "DTSTART;VALUE=DATE:20260101", "SUMMARY:Before the range"),
        Event("cancelled", "DTSTART;VALUE=DATE:20270301", "STATUS:CANCELLED", "SUMMARY:Called off"),
        Event("unnamed", "DTSTART;VALUE=DATE:20270501"));

    private static IReadOnlyList<Holiday> Parse(string text, DateOnly? from = null, DateOnly? to = null)
    {
        Assert.True(HolidayImport.TryParse(text, from ?? From, to ?? To, out var holidays, out var error), error);
        Assert.Null(error);
        return holidays;
    }

    private static string Refuse(string text, DateOnly? from = null, DateOnly? to = null)
    {
        Assert.False(HolidayImport.TryParse(text, from ?? From, to ?? To, out var holidays, out var error));
        Assert.Empty(holidays);
        Assert.False(string.IsNullOrWhiteSpace(error));
        Assert.DoesNotContain('\n', error);
        return error;
    }

    [Fact]
    public void A_taiwan_holiday_file_gives_every_closed_day_in_the_range()
    {
        var holidays = Parse(Taiwan);

        Assert.Equal(
        [
            new Holiday(new DateOnly(2027, 2, 5), "春節 Lunar New Year"),
            new Holiday(new DateOnly(2027, 2, 6), "春節 Lunar New Year"),
            new Holiday(new DateOnly(2027, 2, 7), "春節 Lunar New Year"),
            new Holiday(new DateOnly(2027, 4, 4), "Children's Day fireworks"),
            new Holiday(new DateOnly(2027, 5, 1), HolidayImport.DefaultName),
            new Holiday(new DateOnly(2027, 10, 10), "國慶日 National Day"),
            new Holiday(new DateOnly(2028, 10, 10), "國慶日 National Day"),
        ], holidays);
    }

    [Fact]
    public void A_multi_day_event_is_cut_to_the_range()
    {
        Assert.Equal([new Holiday(new DateOnly(2027, 2, 6), "春節 Lunar New Year")], Parse(Taiwan, new DateOnly(2027, 2, 6), new DateOnly(2027, 2, 6)));
    }

    [Fact]
    public void Repeats_honour_exceptions_and_moved_or_cancelled_instances()
    {
        var text = Ics(
            Event("new-year", "DTSTART;VALUE=DATE:20250101", "RRULE:FREQ=YEARLY;COUNT=10", "EXDATE;VALUE=DATE:20280101", "SUMMARY:New Year"),
            Event("dragon-boat", "DTSTART;VALUE=DATE:20270609", "RRULE:FREQ=YEARLY", "SUMMARY:Dragon Boat"),
            Event("dragon-boat", "RECURRENCE-ID;VALUE=DATE:20280609", "DTSTART;VALUE=DATE:20280528", "SUMMARY:Dragon Boat"),
            Event("national-day", "DTSTART;VALUE=DATE:20201010", "RRULE:FREQ=YEARLY", "SUMMARY:National Day"),
            Event("national-day", "RECURRENCE-ID;VALUE=DATE:20281010", "DTSTART;VALUE=DATE:20281010", "STATUS:CANCELLED", "SUMMARY:National Day"));

        Assert.Equal(
            [new DateOnly(2027, 1, 1), new DateOnly(2027, 6, 9), new DateOnly(2027, 10, 10), new DateOnly(2028, 5, 28)],
            Parse(text).Select(h => h.Date));
    }

    [Fact]
    public void Utc_times_take_their_date_in_the_calendars_own_zone()
    {
        // Google exports timed events in UTC: 17:00Z on 5 April is 01:00 on 6 April in Taipei.
        var text = Ics("X-WR-TIMEZONE:Asia/Taipei", Event("utc", "DTSTART:20270405T170000Z", "DURATION:PT2H", "SUMMARY:Late"));

        Assert.Equal([new Holiday(new DateOnly(2027, 4, 6), "Late")], Parse(text));
    }

    [Fact]
    public void A_long_summary_is_cut_to_the_holiday_name_limit()
    {
        var text = Ics(Event("long", "DTSTART;VALUE=DATE:20270101", $"SUMMARY:{new string('節', 99)}😀 and more"));

        var name = Assert.Single(Parse(text)).Name;

        Assert.Equal(new string('節', 99), name); // the emoji's surrogate pair would be split at 100, so it goes
    }

    [Fact]
    public void The_days_can_be_added_to_a_calendar()
    {
        var calendar = BusinessCalendar.Create("Taipei office", "Asia/Taipei", BusinessCalendar.OfficeHours);

        Assert.Equal(7, calendar.AddHolidays(Parse(Taiwan)));
        Assert.Equal(0, calendar.AddHolidays(Parse(Taiwan)));
        // Thursday 4 Feb 2027 17:00 + 2 business hours: Friday 5 Feb is closed, so Monday 8 Feb 10:00.
        Assert.Equal(
            new DateTimeOffset(2027, 2, 8, 10, 0, 0, TimeSpan.FromHours(8)),
            calendar.Add(new DateTimeOffset(2027, 2, 4, 17, 0, 0, TimeSpan.FromHours(8)), TimeSpan.FromHours(2)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("garbage text")]
    [InlineData("Subject,Start Date\r\nNew Year,2027-01-01")]
    [InlineData("BEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20270101\r\nEND:VEVENT")]
    public void Text_that_is_not_an_icalendar_is_refused(string text)
    {
        Assert.Contains("not an iCalendar", Refuse(text), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("BEGIN:VCALENDAR\r\nthis is not a content line\r\nEND:VCALENDAR")]
    [InlineData("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20270101\r\nEND:VEVENT")]
    [InlineData("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20270101\r\nRRULE:FREQ=SOMETIMES\r\nEND:VEVENT\r\nEND:VCALENDAR")]
    [InlineData("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20270101\r\nRRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30\r\nEND:VEVENT\r\nEND:VCALENDAR")]
    public void An_unreadable_calendar_is_refused_without_throwing(string text)
    {
        Refuse(text);
    }

    [Fact]
    public void An_unknown_time_zone_is_refused_by_name()
    {
        var text = Ics(Event("mars", "DTSTART;TZID=Mars/Olympus_Mons:20270101T100000", "SUMMARY:Landing Day"));

        Assert.Equal("The event “Landing Day” uses a time zone this server does not know: Mars/Olympus_Mons.", Refuse(text));
    }

    [Fact]
    public void An_empty_calendar_yields_no_days()
    {
        Assert.Contains("no days", Refuse(Ics()), StringComparison.Ordinal);
    }

    [Fact]
    public void A_calendar_with_nothing_in_the_range_yields_no_days()
    {
        Assert.Contains("no days", Refuse(Taiwan, new DateOnly(2030, 2, 5), new DateOnly(2030, 2, 7)), StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_over_the_limit_is_refused()
    {
        var text = Ics(Event("big", "DTSTART;VALUE=DATE:20270101", $"DESCRIPTION:{new string('x', HolidayImport.MaxBytes)}"));

        Assert.Contains("larger", Refuse(text), StringComparison.Ordinal);
    }

    [Fact]
    public void Events_repeating_within_a_day_are_left_out_and_do_not_hang_the_import()
    {
        // Ical.Net would walk every second since DTSTART before reaching the range (minutes of work). The three from
        // year 1 would also overrun the evaluation estimate, were they counted: so if they ever stopped being left out
        // up front, this file would be refused as "too far back" at once and the test fail, not hang.
        var text = Ics(
            Event("spin", "DTSTART:20000101T000000Z", "RRULE:FREQ=SECONDLY", "SUMMARY:Every second"),
            Event("spin-1", "DTSTART:00010101T000000Z", "RRULE:FREQ=SECONDLY", "SUMMARY:Every second"),
            Event("spin-2", "DTSTART:00010101T000000Z", "RRULE:FREQ=MINUTELY", "SUMMARY:Every minute"),
            Event("spin-3", "DTSTART:00010101T000000Z", "RRULE:FREQ=HOURLY", "SUMMARY:Every hour"),
            Event("hourly", "DTSTART;VALUE=DATE:20000101", "RRULE:FREQ=DAILY;BYHOUR=1,2,3", "SUMMARY:Hourly"),
            Event("day", "DTSTART;VALUE=DATE:20270101", "SUMMARY:New Year"));

        Assert.Equal([new Holiday(new DateOnly(2027, 1, 1), "New Year")], Parse(text));
    }

    [Fact]
    public void Daily_rules_from_long_ago_are_refused_before_expanding_them()
    {
        var text = Ics([.. Enumerable.Range(0, 10).Select(i => Event($"old-{i}", "DTSTART;VALUE=DATE:00010101", "RRULE:FREQ=DAILY", $"SUMMARY:Old {i}"))]);

        // The refusal comes from the estimate, which runs before any expansion: no rule of the file was walked.
        Assert.Contains("too far back", Refuse(text), StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_with_too_many_events_is_refused()
    {
        var text = Ics([.. Enumerable.Range(0, HolidayImport.MaxEvents + 1).Select(i => $"BEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20270101\r\nEND:VEVENT")]);

        Assert.Contains("more than 5,000 events", Refuse(text), StringComparison.Ordinal);
    }

    [Fact]
    public void Mangled_copies_of_a_good_file_never_throw()
    {
        var lines = Taiwan.Split("\r\n");
        for (var seed = 0; seed < 300; seed++)
        {
            var random = new Random(seed);
            var mangled = new StringBuilder();
            foreach (var line in lines)
            {
                var roll = random.Next(12);
                var text = roll switch
                {
                    0 => "",                                                                   // drop the line
                    1 => line[..random.Next(line.Length + 1)],                                 // cut it short
                    2 => line.Replace(':', ';'),                                               // break the value separator
                    3 => line + line,                                                          // run two lines together
                    4 => new string([.. line.Select(c => char.IsDigit(c) ? (char)('0' + random.Next(10)) : c)]), // bad dates
                    _ => line,
                };
                mangled.Append(text).Append("\r\n");
            }

            var error = Record.Exception(() => HolidayImport.TryParse(mangled.ToString(), From, To, out _, out _));

            Assert.True(error is null, $"seed {seed}: {error}");
        }
    }
}
