using ComplaintDesk.Application.Common;
using ComplaintDesk.Application.Features.Sla;
using ComplaintDesk.Domain;
using ComplaintDesk.Domain.Sla;
using ComplaintDesk.IntegrationTests.Features.Complaints;
using ComplaintDesk.IntegrationTests.Infrastructure;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Severity = ComplaintDesk.Domain.Complaints.Severity;

namespace ComplaintDesk.IntegrationTests.Features.Sla;

/// <summary>
/// Business calendars through the command layer: list, read, create, change (with the version), holidays by hand and
/// from iCalendar text, removal, every refusal, administrators only; and a holiday moving the deadlines of new clocks.
/// The tests of this class share a database, so each makes calendars of its own (names are unique). The fake clock
/// stays at Monday 2 November 2026, 09:00 UTC.
/// </summary>
public sealed class CalendarAdminTests(ComplaintDeskApp app) : IClassFixture<ComplaintDeskApp>
{
    private readonly SlaAdminSteps _steps = new(app);
    private readonly ComplaintSteps _complaints = new(app);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static WeeklyHours Weekdays(string hours) => new()
    {
        Monday = hours, Tuesday = hours, Wednesday = hours, Thursday = hours, Friday = hours,
    };

    private static SaveCalendarCommand NewCalendar(string? name = null) => new()
    {
        Name = name ?? $"Desk {Guid.NewGuid():N}"[..20], TimeZoneId = "Europe/London", Hours = Weekdays("09:00-17:30"),
    };

    private Task<CalendarView> SendAsync(TestUser by, IMessage message) => app.SendAsync<CalendarView>(by.Actor, message);

    [Fact]
    public async Task The_list_shows_the_seeded_calendars_with_weekly_hours_holidays_and_the_rows_using_them()
    {
        var admin = await _steps.CreateAdminAsync();

        var calendars = await app.SendAsync<IReadOnlyList<CalendarSummary>>(admin.Actor, new ListCalendarsQuery());

        var office = calendars.Single(c => c.Id == SlaAdminSteps.OfficeHours);
        var always = calendars.Single(c => c.Id == SlaAdminSteps.AroundTheClock);
        Assert.Equal(("Office hours", "Asia/Taipei", 40.0, 3), (office.Name, office.TimeZoneId, office.HoursPerWeek, office.Policies));
        Assert.Equal(("Around the clock", 168.0, 1), (always.Name, always.HoursPerWeek, always.Policies));
    }

    [Fact]
    public async Task A_calendar_reads_as_text_per_weekday_with_its_version()
    {
        var admin = await _steps.CreateAdminAsync();

        var office = await SendAsync(admin, new GetCalendarQuery(SlaAdminSteps.OfficeHours));

        Assert.Equal("09:00–12:00, 13:00–18:00", office.Hours.Monday);
        Assert.Equal("09:00–12:00, 13:00–18:00", office.Hours.Friday);
        Assert.Equal(("", ""), (office.Hours.Saturday, office.Hours.Sunday));
        Assert.Equal((await _steps.StoredCalendarAsync(SlaAdminSteps.OfficeHours)).Version, office.Version);
        Assert.NotEqual(0u, office.Version);
        await Assert.ThrowsAsync<NotFoundException>(() => SendAsync(admin, new GetCalendarQuery(Guid.NewGuid())));
    }

    [Fact]
    public async Task A_calendar_is_created_and_changed_with_several_periods_a_day_and_a_24_00_end()
    {
        var admin = await _steps.CreateAdminAsync();

        var created = await SendAsync(admin, NewCalendar("London desk") with
        {
            Hours = Weekdays("09:00-12:30,13:30-17:30") with { Saturday = "10:00 - 14:00", Sunday = "  " },
        });

        var stored = await _steps.StoredCalendarAsync(created.Id);
        Assert.Equal(("London desk", "Europe/London"), (stored.Name, stored.TimeZoneId));
        Assert.Equal(11, stored.Hours.Count);
        Assert.Contains(new WorkingPeriod(DayOfWeek.Saturday, 600, 840), stored.Hours);
        Assert.Equal("09:00–12:30, 13:30–17:30", created.Hours.Wednesday);
        Assert.Equal(("10:00–14:00", ""), (created.Hours.Saturday, created.Hours.Sunday));
        Assert.Equal(stored.Version, created.Version);

        var changed = await SendAsync(admin, new SaveCalendarCommand
        {
            Id = created.Id, ExpectedVersion = created.Version, Name = "  London night desk ", TimeZoneId = "America/New_York",
            Hours = new WeeklyHours { Friday = "18:00-24:00", Saturday = "00:00-06:00" },
        });

        stored = await _steps.StoredCalendarAsync(created.Id);
        Assert.Equal(("London night desk", "America/New_York"), (stored.Name, stored.TimeZoneId));
        Assert.Equal([new WorkingPeriod(DayOfWeek.Friday, 1080, 1440), new WorkingPeriod(DayOfWeek.Saturday, 0, 360)], stored.Hours);
        Assert.Equal("18:00–24:00", changed.Hours.Friday);
        Assert.NotEqual(created.Version, changed.Version);
        Assert.Equal(stored.Version, changed.Version);
    }

    [Fact]
    public async Task A_change_from_a_stale_version_is_a_conflict_and_a_missing_calendar_is_not_found()
    {
        var admin = await _steps.CreateAdminAsync();
        var created = await SendAsync(admin, NewCalendar());
        var first = await SendAsync(admin, NewCalendar(created.Name) with { Id = created.Id, ExpectedVersion = created.Version, TimeZoneId = "Asia/Tokyo" });

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
            SendAsync(admin, NewCalendar(created.Name) with { Id = created.Id, ExpectedVersion = created.Version, TimeZoneId = "Asia/Seoul" }));
        await Assert.ThrowsAsync<NotFoundException>(() => SendAsync(admin, NewCalendar() with { Id = Guid.NewGuid() }));

        Assert.Equal("Asia/Tokyo", (await _steps.StoredCalendarAsync(created.Id)).TimeZoneId);
        // Without a version the change is made (the API's PUT without If-Match).
        await SendAsync(admin, NewCalendar(created.Name) with { Id = created.Id, TimeZoneId = "Asia/Seoul" });
        Assert.Equal("Asia/Seoul", (await _steps.StoredCalendarAsync(created.Id)).TimeZoneId);
        Assert.NotEqual(first.Version, (await _steps.StoredCalendarAsync(created.Id)).Version);
    }

    public static TheoryData<string, string> Refusals => new()
    {
        { "no-name", "Name" },
        { "long-name", "Name" },
        { "taken-name", "Name" },
        { "taken-name-other-case", "Name" },
        { "no-zone", "TimeZoneId" },
        { "unknown-zone", "TimeZoneId" },
        { "windows-zone", "TimeZoneId" },
        { "no-hours", "Hours" },
        { "closed-all-week", "Hours" },
        { "not-a-period", "Hours.Monday" },
        { "not-a-time", "Hours.Tuesday" },
        { "ends-before-it-starts", "Hours.Wednesday" },
        { "past-midnight", "Hours.Thursday" },
        { "overlap", "Hours.Friday" },
        { "25-hours", "Hours.Saturday" },
    };

    private static SaveCalendarCommand Broken(string name) => name switch
    {
        "no-name" => NewCalendar() with { Name = "  " },
        "long-name" => NewCalendar(new string('x', BusinessCalendar.MaxNameLength + 1)),
        "taken-name" => NewCalendar("Office hours"),
        "taken-name-other-case" => NewCalendar("AROUND THE CLOCK"),
        "no-zone" => NewCalendar() with { TimeZoneId = null },
        "unknown-zone" => NewCalendar() with { TimeZoneId = "Mars/Olympus_Mons" },
        "windows-zone" => NewCalendar() with { TimeZoneId = "Taipei Standard Time" },
        "no-hours" => NewCalendar() with { Hours = null },
        "closed-all-week" => NewCalendar() with { Hours = new WeeklyHours() },
        "not-a-period" => NewCalendar() with { Hours = Weekdays("09:00-17:00") with { Monday = "9 to 5" } },
        "not-a-time" => NewCalendar() with { Hours = Weekdays("09:00-17:00") with { Tuesday = "09:00-17:61" } },
        "ends-before-it-starts" => NewCalendar() with { Hours = Weekdays("09:00-17:00") with { Wednesday = "17:00-09:00" } },
        "past-midnight" => NewCalendar() with { Hours = Weekdays("09:00-17:00") with { Thursday = "22:00-02:00" } },
        "overlap" => NewCalendar() with { Hours = Weekdays("09:00-17:00") with { Friday = "09:00-12:00, 11:30-13:00" } },
        _ => NewCalendar() with { Hours = Weekdays("09:00-17:00") with { Saturday = "24:00-24:30" } },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task A_calendar_that_breaks_a_rule_is_refused_with_a_field_error(string broken, string field)
    {
        var admin = await _steps.CreateAdminAsync();
        var count = await app.QueryDbAsync(db => db.BusinessCalendars.CountAsync(Ct));
        var office = await _steps.StoredCalendarAsync(SlaAdminSteps.OfficeHours);

        var creating = await Assert.ThrowsAsync<ValidationException>(() => SendAsync(admin, Broken(broken)));
        // The same rules when changing a calendar (its own name is no clash).
        var changing = broken == "taken-name"
            ? null
            : await Assert.ThrowsAsync<ValidationException>(() => SendAsync(admin, Broken(broken) with { Id = SlaAdminSteps.OfficeHours }));

        Assert.Contains(creating.Errors, e => e.PropertyName == field && !string.IsNullOrWhiteSpace(e.ErrorMessage));
        if (changing is not null)
        {
            Assert.Contains(changing.Errors, e => e.PropertyName == field);
        }
        Assert.Equal(count, await app.QueryDbAsync(db => db.BusinessCalendars.CountAsync(Ct)));
        var after = await _steps.StoredCalendarAsync(SlaAdminSteps.OfficeHours);
        Assert.Equal((office.Version, office.Name, office.TimeZoneId), (after.Version, after.Name, after.TimeZoneId));
    }

    [Fact]
    public async Task A_calendar_keeps_its_own_name_when_changed_and_a_day_error_quotes_the_reason()
    {
        var admin = await _steps.CreateAdminAsync();
        var created = await SendAsync(admin, NewCalendar("Kept name"));

        var changed = await SendAsync(admin, NewCalendar("kept NAME") with { Id = created.Id });
        var refused = await Assert.ThrowsAsync<ValidationException>(() => SendAsync(admin, NewCalendar() with
        {
            Hours = Weekdays("09:00-12:00, 11:30-13:00"),
        }));

        Assert.Equal("kept NAME", changed.Name);
        Assert.Equal(5, refused.Errors.Count());
        Assert.Equal("09:00–12:00 and 11:30–13:00 overlap.", refused.Errors.First(e => e.PropertyName == "Hours.Monday").ErrorMessage);
    }

    [Fact]
    public async Task Holidays_entered_by_hand_are_added_once_per_date_and_removed_by_date()
    {
        var admin = await _steps.CreateAdminAsync();
        var calendar = await SendAsync(admin, NewCalendar());

        var first = await app.SendAsync<HolidaysAdded>(admin.Actor, new AddHolidaysCommand
        {
            CalendarId = calendar.Id,
            Holidays =
            [
                new HolidayInput { Date = new DateOnly(2026, 12, 25), Name = "  Christmas Day " },
                new HolidayInput { Date = new DateOnly(2026, 12, 26), Name = "Boxing Day" },
                new HolidayInput { Date = new DateOnly(2026, 12, 25), Name = "Christmas again" },
            ],
        });
        var second = await app.SendAsync<HolidaysAdded>(admin.Actor, new AddHolidaysCommand
        {
            CalendarId = calendar.Id,
            Holidays = [new HolidayInput { Date = new DateOnly(2026, 12, 26), Name = "Renamed" }, new HolidayInput { Date = new DateOnly(2027, 1, 1), Name = "New Year's Day" }],
        });

        Assert.Equal((3, 2), (first.Found, first.Added));
        Assert.Equal((2, 1), (second.Found, second.Added));
        Assert.Equal(
            [new Holiday(new DateOnly(2026, 12, 25), "Christmas Day"), new Holiday(new DateOnly(2026, 12, 26), "Boxing Day"), new Holiday(new DateOnly(2027, 1, 1), "New Year's Day")],
            (await _steps.StoredCalendarAsync(calendar.Id)).Holidays);
        Assert.Equal(3, second.Calendar.Holidays.Count);

        var removed = await SendAsync(admin, new RemoveHolidayCommand(calendar.Id, new DateOnly(2026, 12, 26)));

        Assert.Equal([new DateOnly(2026, 12, 25), new DateOnly(2027, 1, 1)], removed.Holidays.Select(h => h.Date));
        Assert.Equal(removed.Holidays, (await _steps.StoredCalendarAsync(calendar.Id)).Holidays);
        await Assert.ThrowsAsync<NotFoundException>(() => SendAsync(admin, new RemoveHolidayCommand(calendar.Id, new DateOnly(2026, 12, 26))));
        await Assert.ThrowsAsync<NotFoundException>(() => SendAsync(admin, new RemoveHolidayCommand(Guid.NewGuid(), new DateOnly(2026, 12, 25))));
        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync<HolidaysAdded>(admin.Actor, new AddHolidaysCommand
        {
            CalendarId = Guid.NewGuid(), Holidays = [new HolidayInput { Date = new DateOnly(2026, 12, 25), Name = "Christmas Day" }],
        }));
    }

    [Fact]
    public async Task An_icalendar_text_adds_its_days_from_a_year_back_to_five_years_ahead()
    {
        var admin = await _steps.CreateAdminAsync();
        var calendar = await SendAsync(admin, NewCalendar());
        await app.SendAsync<HolidaysAdded>(admin.Actor, new AddHolidaysCommand
        {
            CalendarId = calendar.Id, Holidays = [new HolidayInput { Date = new DateOnly(2027, 1, 1), Name = "Typed by hand" }],
        });
        // Today is 2026-11-02: the window runs from 2025-11-02 to 2031-11-02.
        var ics = SlaAdminSteps.Ics(
            ("2025-11-01", "Too long ago"), ("2025-11-02", "A year back"), ("2027-01-01", "New Year's Day"), ("2027-02-06", "春節"),
            ("2031-11-02", "Five years ahead"), ("2031-11-03", "Too far ahead"));

        var added = await app.SendAsync<HolidaysAdded>(admin.Actor, new AddHolidaysCommand { CalendarId = calendar.Id, ICalendar = ics });

        Assert.Equal((4, 3), (added.Found, added.Added));
        Assert.Equal(
            [("2025-11-02", "A year back"), ("2027-01-01", "Typed by hand"), ("2027-02-06", "春節"), ("2031-11-02", "Five years ahead")],
            (await _steps.StoredCalendarAsync(calendar.Id)).Holidays.Select(h => (h.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), h.Name)));
    }

    public static TheoryData<string, string> HolidayRefusals => new()
    {
        { "nothing", "Holidays" },
        { "empty-list", "Holidays" },
        { "both", "Holidays" },
        { "no-date", "Holidays[0].Date" },
        { "no-name", "Holidays[1].Name" },
        { "long-name", "Holidays[0].Name" },
        { "null-holiday", "Holidays[1]" },
        { "too-many", "Holidays" },
        { "not-icalendar", "ICalendar" },
        { "empty-icalendar", "ICalendar" },
        { "nothing-in-range", "ICalendar" },
        { "too-large", "ICalendar" },
    };

    private static AddHolidaysCommand BrokenHolidays(Guid calendarId, string name)
    {
        var christmas = new HolidayInput { Date = new DateOnly(2026, 12, 25), Name = "Christmas Day" };
        var command = new AddHolidaysCommand { CalendarId = calendarId };
        return name switch
        {
            "nothing" => command,
            "empty-list" => command with { Holidays = [] },
            "both" => command with { Holidays = [christmas], ICalendar = SlaAdminSteps.Ics(("2027-01-01", "New Year's Day")) },
            "no-date" => command with { Holidays = [christmas with { Date = null }] },
            "no-name" => command with { Holidays = [christmas, christmas with { Date = new DateOnly(2026, 12, 26), Name = " " }] },
            "long-name" => command with { Holidays = [christmas with { Name = new string('x', BusinessCalendar.MaxHolidayNameLength + 1) }] },
            "null-holiday" => command with { Holidays = [christmas, null!] },
            "too-many" => command with
            {
                Holidays = [.. Enumerable.Range(0, AddHolidaysValidator.MaxPerRequest + 1).Select(i => christmas with { Date = new DateOnly(2027, 1, 1).AddDays(i) })],
            },
            "not-icalendar" => command with { ICalendar = "Date,Name\n2027-01-01,New Year's Day\n" },
            "empty-icalendar" => command with { ICalendar = "" },
            "nothing-in-range" => command with { ICalendar = SlaAdminSteps.Ics(("2010-01-01", "Long ago")) },
            _ => command with { ICalendar = SlaAdminSteps.Ics(("2027-01-01", new string('x', HolidayImport.MaxBytes))) },
        };
    }

    [Theory]
    [MemberData(nameof(HolidayRefusals))]
    public async Task Holidays_that_break_a_rule_are_refused_with_a_field_error_and_nothing_is_added(string broken, string field)
    {
        var admin = await _steps.CreateAdminAsync();
        var calendar = await SendAsync(admin, NewCalendar());

        var refused = await Assert.ThrowsAsync<ValidationException>(() =>
            app.SendAsync<HolidaysAdded>(admin.Actor, BrokenHolidays(calendar.Id, broken)));

        Assert.Contains(refused.Errors, e => e.PropertyName == field && !string.IsNullOrWhiteSpace(e.ErrorMessage));
        var stored = await _steps.StoredCalendarAsync(calendar.Id);
        Assert.Empty(stored.Holidays);
        Assert.Equal(calendar.Version, stored.Version);
    }

    [Fact]
    public async Task Agents_and_supervisors_may_not_read_or_change_calendars()
    {
        var admin = await _steps.CreateAdminAsync();
        var calendar = await SendAsync(admin, NewCalendar());
        var holiday = new HolidayInput { Date = new DateOnly(2026, 12, 25), Name = "Christmas Day" };
        await app.SendAsync<HolidaysAdded>(admin.Actor, new AddHolidaysCommand { CalendarId = calendar.Id, Holidays = [holiday] });
        var count = await app.QueryDbAsync(db => db.BusinessCalendars.CountAsync(Ct));
        var version = (await _steps.StoredCalendarAsync(calendar.Id)).Version;

        foreach (var user in new[] { await app.CreateAgentAsync(), await app.CreateSupervisorAsync() })
        {
            await Assert.ThrowsAsync<ActionForbiddenException>(() => app.SendAsync<IReadOnlyList<CalendarSummary>>(user.Actor, new ListCalendarsQuery()));
            await Assert.ThrowsAsync<ActionForbiddenException>(() => SendAsync(user, new GetCalendarQuery(calendar.Id)));
            await Assert.ThrowsAsync<ActionForbiddenException>(() => SendAsync(user, NewCalendar()));
            await Assert.ThrowsAsync<ActionForbiddenException>(() => SendAsync(user, NewCalendar(calendar.Name) with { Id = calendar.Id, TimeZoneId = "UTC" }));
            await Assert.ThrowsAsync<ActionForbiddenException>(() => app.SendAsync<HolidaysAdded>(user.Actor, new AddHolidaysCommand
            {
                CalendarId = calendar.Id, Holidays = [holiday with { Date = new DateOnly(2027, 1, 1) }],
            }));
            await Assert.ThrowsAsync<ActionForbiddenException>(() => app.SendAsync<HolidaysAdded>(user.Actor, new AddHolidaysCommand
            {
                CalendarId = calendar.Id, ICalendar = SlaAdminSteps.Ics(("2027-01-01", "New Year's Day")),
            }));
            await Assert.ThrowsAsync<ActionForbiddenException>(() => SendAsync(user, new RemoveHolidayCommand(calendar.Id, new DateOnly(2026, 12, 25))));
        }

        Assert.Equal(count, await app.QueryDbAsync(db => db.BusinessCalendars.CountAsync(Ct)));
        var stored = await _steps.StoredCalendarAsync(calendar.Id);
        Assert.Equal((version, "Europe/London", 1), (stored.Version, stored.TimeZoneId, stored.Holidays.Count));
    }

    [Fact]
    public async Task A_new_calendar_and_its_holiday_move_the_deadline_of_a_case_logged_afterwards()
    {
        var admin = await _steps.CreateAdminAsync();
        var agent = await app.CreateAgentAsync();
        // Taipei office hours with Tuesday 3 November closed: 8 business hours from Monday 17:00 are Monday 17–18 and
        // Wednesday 09–12, 13–17.
        var calendar = await SendAsync(admin, new SaveCalendarCommand
        {
            Name = "Taipei with a holiday", TimeZoneId = "Asia/Taipei", Hours = Weekdays("09:00-12:00, 13:00-18:00"),
        });
        await app.SendAsync<HolidaysAdded>(admin.Actor, new AddHolidaysCommand
        {
            CalendarId = calendar.Id, Holidays = [new HolidayInput { Date = new DateOnly(2026, 11, 3), Name = "Closed for the move" }],
        });
        var matrix = await app.SendAsync<SlaPoliciesView>(admin.Actor, new GetSlaPoliciesQuery());
        await app.SendAsync<SlaPoliciesView>(admin.Actor, new SaveSlaPoliciesCommand
        {
            Rows = [.. matrix.Rows.Select(SlaAdminSteps.RowOf).Select(r => r.Severity == Severity.Medium ? r with { CalendarId = calendar.Id } : r)],
        });
        ComplaintDesk.Application.Features.Complaints.ComplaintView complaint;
        try
        {
            complaint = await _complaints.LogAsync(agent, ComplaintSteps.NewComplaint() with { Severity = Severity.Medium });
        }
        finally
        {
            await _steps.ResetMatrixAsync(); // the other tests of this class count the rows using the seeded calendars
        }

        Assert.Equal(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero), app.Clock.GetUtcNow());
        var acknowledge = await app.QueryDbAsync(db => db.SlaClocks.AsNoTracking()
            .SingleAsync(c => c.ComplaintId == complaint.Id && c.Kind == Domain.Sla.SlaClockKind.Acknowledge, Ct));
        Assert.Equal((calendar.Id, true), (acknowledge.CalendarId, acknowledge.Business));
        Assert.Equal(new DateTimeOffset(2026, 11, 4, 9, 0, 0, TimeSpan.Zero), acknowledge.DueAt); // Wednesday 17:00 Taipei
    }
}
