using System.Net;
using System.Text;
using ComplaintDesk.Application.Features.Sla;
using ComplaintDesk.Application.Identity;
using ComplaintDesk.Domain.Complaints;
using ComplaintDesk.Domain.Sla;
using ComplaintDesk.IntegrationTests.Features.Evidence;
using ComplaintDesk.IntegrationTests.Features.Sla;
using ComplaintDesk.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Severity = ComplaintDesk.Domain.Complaints.Severity;

namespace ComplaintDesk.IntegrationTests.Pages.Admin;

/// <summary>
/// /Admin/Sla (the matrix as an editable table, hours as numbers) and /Admin/Calendars (list, create, edit, holidays,
/// .ics upload) through their forms, as an administrator uses them. The tests of this class share a database: the
/// matrix is put back as seeded before each test, and calendars are each test's own.
/// </summary>
public sealed class SlaAdminPageTests(ComplaintDeskApp app) : IClassFixture<ComplaintDeskApp>, IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly SlaAdminSteps _steps = new(app);

    public async ValueTask InitializeAsync() => await _steps.ResetMatrixAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async Task<PageSession> AdminAsync() => await PageSession.SignInAsync(app, await app.CreateUserAsync("Page Sla Admin", Roles.Admin));

    private static int Rows(HtmlPage page, string kind) => page.Document.QuerySelectorAll($"[data-testid={kind}]").Length;

    private Task<SlaPolicy> StoredRowAsync(Guid id) => app.QueryDbAsync(db => db.SlaPolicies.AsNoTracking().SingleAsync(p => p.Id == id, Ct));

    [Fact]
    public async Task The_administration_page_links_to_the_matrix_and_the_calendars_and_the_matrix_shows_hours()
    {
        using var admin = await AdminAsync();

        var start = await admin.GetPageAsync("/Admin");
        var page = await admin.GetPageAsync(start.Link("SLA policies").GetAttribute("href")!);

        Assert.Equal("/Admin/Calendars", start.Link("Business calendars").GetAttribute("href"));
        Assert.Equal("SLA policies", page.Heading);
        Assert.Equal((4, 1), (Rows(page, "sla-row"), Rows(page, "sla-new-row")));
        Assert.Equal(("Critical", "1", "24", "2", "Calendar"),
            (page.FieldValue("Rows[0].Severity"), page.FieldValue("Rows[0].AcknowledgeWithin"), page.FieldValue("Rows[0].ResolveWithin"),
                page.FieldValue("Rows[0].DecisionWithin"), page.FieldValue("Rows[0].Basis")));
        Assert.Equal(("Medium", "8", "40", "168", "75", "TaiwanConsumerProtection", SlaAdminSteps.OfficeHours.ToString()),
            (page.FieldValue("Rows[2].Severity"), page.FieldValue("Rows[2].AcknowledgeWithin"), page.FieldValue("Rows[2].ResolveWithin"),
                page.FieldValue("Rows[2].OfferAnswerWithin"), page.FieldValue("Rows[2].WarningPercent"), page.FieldValue("Rows[2].Regulatory"),
                page.FieldValue("Rows[2].CalendarId")));
        Assert.Equal(("", "", ""), (page.FieldValue("Rows[4].Severity"), page.FieldValue("Rows[4].Category"), page.FieldValue("Rows[4].Channel")));
        Assert.Equal("24", page.FieldValue("Rows[4].FollowUpAfter")); // the defaults, ready for a new row
        Assert.Contains("Delete row 4", page.Buttons);
    }

    [Fact]
    public async Task Saving_the_table_changes_rows_in_hours_and_adds_the_filled_in_new_row()
    {
        using var admin = await AdminAsync();
        var page = await admin.GetPageAsync("/Admin/Sla");

        var saved = await admin.FollowAsync(await admin.SubmitAsync(page, "Save matrix", new()
        {
            ["Rows[2].AcknowledgeWithin"] = "2.5", ["Rows[2].Regulatory"] = "Custom", ["Rows[2].RegulatoryDays"] = "60",
            ["Rows[4].Severity"] = "High", ["Rows[4].Category"] = "billing", ["Rows[4].Channel"] = "Email", ["Rows[4].VipOnly"] = "true",
            ["Rows[4].CalendarId"] = SlaAdminSteps.AroundTheClock.ToString(),
            ["Rows[4].AcknowledgeWithin"] = "0.5", ["Rows[4].ResolveWithin"] = "12", ["Rows[4].DecisionWithin"] = "1",
        }));

        Assert.Contains("Saved the SLA matrix (5 rows).", saved.Text);
        var medium = await StoredRowAsync(SlaAdminSteps.MediumRow);
        Assert.Equal((TimeSpan.FromMinutes(150), RegulatoryProfile.Custom, (int?)60), (medium.AcknowledgeWithin, medium.Regulatory, medium.RegulatoryDays));
        var added = await app.QueryDbAsync(db => db.SlaPolicies.AsNoTracking().SingleAsync(p => p.CategoryCode == "billing", Ct));
        Assert.Equal((Severity.High, (Channel?)Channel.Email, true, SlaAdminSteps.AroundTheClock, TimeSpan.FromMinutes(30), TimeSpan.FromHours(168)),
            (added.Severity, added.Channel, added.VipOnly, added.CalendarId, added.AcknowledgeWithin, added.FollowUpAnswerWithin));
        // The page shows the saved row after the catch-all row of its severity, and a fresh blank row.
        Assert.Equal(("High", "billing", "0.5"), (saved.FieldValue("Rows[2].Severity"), saved.FieldValue("Rows[2].Category"), saved.FieldValue("Rows[2].AcknowledgeWithin")));
        Assert.Equal((5, 1), (Rows(saved, "sla-row"), Rows(saved, "sla-new-row")));
    }

    [Fact]
    public async Task Refused_values_are_shown_next_to_their_fields_as_typed_and_nothing_is_saved()
    {
        using var admin = await AdminAsync();
        var page = await admin.GetPageAsync("/Admin/Sla");

        using var response = await admin.SubmitAsync(page, "Save matrix", new()
        {
            ["Rows[1].ResolveWithin"] = "0", ["Rows[3].WarningPercent"] = "100", ["Rows[3].Channel"] = "Phone",
            ["Rows[0].Regulatory"] = "Custom", ["Rows[0].RegulatoryDays"] = "",
        });
        var refused = await HtmlPage.ReadAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Give a time longer than zero and at most 365 days.", refused.FieldError("Rows[1].ResolveWithin"));
        Assert.Equal("0", refused.FieldValue("Rows[1].ResolveWithin"));
        Assert.Equal("true", refused.Document.QuerySelector("[name='Rows[1].ResolveWithin']")!.GetAttribute("aria-invalid"));
        Assert.NotEmpty(refused.FieldError("Rows[3].WarningPercent"));
        Assert.NotEmpty(refused.FieldError("Rows[0].RegulatoryDays"));
        Assert.Contains("Severity Low needs a row for any category, any channel and all customers", refused.TestId("errors")!.TextContent);
        Assert.Equal(1, Rows(refused, "sla-new-row"));
        var stored = await _steps.StoredPoliciesAsync();
        Assert.Equal((TimeSpan.FromHours(24), 75, (Channel?)null), stored.Where(p => p.Id == SlaAdminSteps.HighRow).Select(p => (p.ResolveWithin, p.WarningPercent, p.Channel)).Single());
        Assert.All(stored, p => Assert.Null(p.Channel));

        // A value that is not a number never reaches the command.
        using var notANumber = await admin.SubmitAsync(page, "Save matrix", new() { ["Rows[2].AcknowledgeWithin"] = "eight" });
        var notANumberPage = await HtmlPage.ReadAsync(notANumber);
        Assert.Equal(HttpStatusCode.OK, notANumber.StatusCode);
        Assert.NotEmpty(notANumberPage.FieldError("Rows[2].AcknowledgeWithin"));
        Assert.Equal("eight", notANumberPage.FieldValue("Rows[2].AcknowledgeWithin"));
        Assert.Equal(TimeSpan.FromHours(8), (await StoredRowAsync(SlaAdminSteps.MediumRow)).AcknowledgeWithin);
    }

    [Fact]
    public async Task A_row_is_deleted_by_its_button_and_a_catch_all_row_cannot_be()
    {
        using var admin = await AdminAsync();
        var sla = await _steps.CreateAdminAsync();
        await app.SendAsync<SlaPoliciesView>(sla.Actor, new SaveSlaPoliciesCommand
        {
            Rows =
            [
                .. SlaAdminSteps.SeededRows,
                SlaAdminSteps.SeededRows[3] with { Id = null, Category = "logistics", AcknowledgeWithin = TimeSpan.FromHours(4) },
            ],
        });
        var page = await admin.GetPageAsync("/Admin/Sla");
        Assert.Equal(("Low", "logistics"), (page.FieldValue("Rows[4].Severity"), page.FieldValue("Rows[4].Category")));

        var deleted = await admin.FollowAsync(await admin.SubmitAsync(page, "Delete row 5"));

        Assert.Contains("Deleted the row and saved the SLA matrix (4 rows).", deleted.Text);
        Assert.False(await app.QueryDbAsync(db => db.SlaPolicies.AnyAsync(p => p.CategoryCode == "logistics", Ct)));

        using var refused = await admin.SubmitAsync(deleted, "Delete row 1");
        var refusedPage = await HtmlPage.ReadAsync(refused);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Severity Critical needs a row", refusedPage.TestId("errors")!.TextContent);
        Assert.True(await app.QueryDbAsync(db => db.SlaPolicies.AnyAsync(p => p.Id == SlaAdminSteps.CriticalRow, Ct)));
    }

    [Fact]
    public async Task A_save_or_delete_from_a_table_shown_before_another_administrator_saved_is_refused_with_a_reload_link()
    {
        using var admin = await AdminAsync();
        var other = await _steps.CreateAdminAsync();
        await app.SendAsync<SlaPoliciesView>(other.Actor, new SaveSlaPoliciesCommand
        {
            Rows = [.. SlaAdminSteps.SeededRows, SlaAdminSteps.SeededRows[3] with { Id = null, Category = "logistics", AcknowledgeWithin = TimeSpan.FromHours(4) }],
        });
        var page = await admin.GetPageAsync("/Admin/Sla");
        Assert.NotEmpty(page.FieldValue("ExpectedVersion"));
        Assert.Equal(("Medium", "Low", "logistics"), (page.FieldValue("Rows[2].Severity"), page.FieldValue("Rows[4].Severity"), page.FieldValue("Rows[4].Category")));
        // Meanwhile the other administrator adds a billing row to the matrix as it is.
        var matrix = await app.SendAsync<SlaPoliciesView>(other.Actor, new GetSlaPoliciesQuery());
        await app.SendAsync<SlaPoliciesView>(other.Actor, new SaveSlaPoliciesCommand
        {
            Rows = [.. matrix.Rows.Select(SlaAdminSteps.RowOf), SlaAdminSteps.SeededRows[1] with { Id = null, Category = "billing", AcknowledgeWithin = TimeSpan.FromHours(2) }],
        });
        async Task AssertNothingChangedAsync()
        {
            var stored = await _steps.StoredPoliciesAsync();
            Assert.Equal(6, stored.Count);
            Assert.Equal((TimeSpan.FromHours(2), TimeSpan.FromHours(4)),
                (stored.Single(p => p.CategoryCode == "billing").AcknowledgeWithin, stored.Single(p => p.CategoryCode == "logistics").AcknowledgeWithin));
            Assert.Equal(TimeSpan.FromHours(8), stored.Single(p => p.Id == SlaAdminSteps.MediumRow).AcknowledgeWithin);
        }

        // Saved as shown, the table would delete the other administrator's billing row.
        using var response = await admin.SubmitAsync(page, "Save matrix", new() { ["Rows[2].AcknowledgeWithin"] = "3" });
        var refused = await HtmlPage.ReadAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("This was changed by someone else in the meantime.", refused.TestId("errors")!.TextContent);
        Assert.True(refused.HasLink("Reload"));
        Assert.Equal("3", refused.FieldValue("Rows[2].AcknowledgeWithin"));
        await AssertNothingChangedAsync();

        // A delete button of the stale table is refused too; the row is shown again, with the cells as stored.
        using var deleting = await admin.SubmitAsync(page, "Delete row 5");
        var notDeleted = await HtmlPage.ReadAsync(deleting);
        Assert.Equal(HttpStatusCode.OK, deleting.StatusCode);
        Assert.Contains("This was changed by someone else in the meantime.", notDeleted.TestId("errors")!.TextContent);
        Assert.True(notDeleted.HasLink("Reload"));
        Assert.Equal(6, Rows(notDeleted, "sla-row"));
        await AssertNothingChangedAsync();

        // Reloaded, the same change saves and the other administrator's rows stay.
        var fresh = await admin.GetPageAsync(refused.Link("Reload").GetAttribute("href")!);
        Assert.Equal("Medium", fresh.FieldValue("Rows[3].Severity"));
        var saved = await admin.FollowAsync(await admin.SubmitAsync(fresh, "Save matrix", new() { ["Rows[3].AcknowledgeWithin"] = "3" }));
        Assert.Contains("Saved the SLA matrix (6 rows).", saved.Text);
        Assert.Equal(TimeSpan.FromHours(3), (await StoredRowAsync(SlaAdminSteps.MediumRow)).AcknowledgeWithin);
        Assert.Equal(["billing", "logistics"], (await _steps.StoredPoliciesAsync()).Select(p => p.CategoryCode).OfType<string>().Order());
    }

    [Fact]
    public async Task Add_row_shows_another_blank_row_and_keeps_what_was_typed()
    {
        using var admin = await AdminAsync();
        var page = await admin.GetPageAsync("/Admin/Sla");

        using var response = await admin.SubmitAsync(page, "Add row", new() { ["Rows[2].AcknowledgeWithin"] = "3" });
        var more = await HtmlPage.ReadAsync(response);

        Assert.Equal((4, 2), (Rows(more, "sla-row"), Rows(more, "sla-new-row")));
        Assert.Equal("3", more.FieldValue("Rows[2].AcknowledgeWithin"));
        Assert.Equal(TimeSpan.FromHours(8), (await StoredRowAsync(SlaAdminSteps.MediumRow)).AcknowledgeWithin);
    }

    [Fact]
    public async Task A_calendar_is_created_and_changed_through_its_forms_and_a_bad_day_is_shown_next_to_it()
    {
        using var admin = await AdminAsync();
        var list = await admin.GetPageAsync("/Admin/Calendars");
        Assert.Contains(list.Document.QuerySelectorAll("[data-testid=calendar-row]"), r => r.TextContent.Contains("Office hours", StringComparison.Ordinal));
        Assert.Equal("09:00-12:00, 13:00-18:00", list.FieldValue("Command.Hours.Monday"));

        var edit = await admin.FollowAsync(await admin.SubmitAsync(list, "Create calendar", new()
        {
            ["Name"] = "Page London", ["Time zone"] = "Europe/London", ["Saturday"] = "10:00-14:00",
        }));

        Assert.Contains("Created the calendar Page London.", edit.Text);
        var id = await app.QueryDbAsync(db => db.BusinessCalendars.Where(c => c.Name == "Page London").Select(c => c.Id).SingleAsync(Ct));
        Assert.EndsWith($"/Admin/Calendars/Edit/{id}", new Uri(edit.Url).AbsolutePath);
        Assert.Equal(("Page London", "Europe/London", "09:00–12:00, 13:00–18:00", "10:00–14:00"),
            (edit.FieldValue("Command.Name"), edit.FieldValue("Command.TimeZoneId"), edit.FieldValue("Command.Hours.Monday"), edit.FieldValue("Command.Hours.Saturday")));

        using var bad = await admin.SubmitAsync(edit, "Save calendar", new() { ["Monday"] = "9 to 5", ["Time zone"] = "Europe/Atlantis" });
        var badPage = await HtmlPage.ReadAsync(bad);
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Equal("“9 to 5” is not a period; write it like 09:00-12:00.", badPage.FieldError("Command.Hours.Monday"));
        Assert.Equal("9 to 5", badPage.FieldValue("Command.Hours.Monday"));
        Assert.NotEmpty(badPage.FieldError("Command.TimeZoneId"));

        var saved = await admin.FollowAsync(await admin.SubmitAsync(edit, "Save calendar", new() { ["Name"] = "Page London desk", ["Sunday"] = "12:00-24:00" }));
        Assert.Contains("Saved the calendar Page London desk.", saved.Text);
        var stored = await _steps.StoredCalendarAsync(id);
        Assert.Equal("Page London desk", stored.Name);
        Assert.Contains(new WorkingPeriod(DayOfWeek.Sunday, 720, 1440), stored.Hours);
    }

    [Fact]
    public async Task A_save_from_a_page_shown_before_someone_else_saved_is_refused_with_a_reload_link()
    {
        using var admin = await AdminAsync();
        var other = await _steps.CreateAdminAsync();
        var calendar = await app.SendAsync<CalendarView>(other.Actor, new SaveCalendarCommand
        {
            Name = "Page race desk", TimeZoneId = "Asia/Taipei", Hours = new WeeklyHours { Monday = "09:00-18:00" },
        });
        var edit = await admin.GetPageAsync($"/Admin/Calendars/Edit/{calendar.Id}");
        await app.SendAsync<CalendarView>(other.Actor, new SaveCalendarCommand
        {
            Id = calendar.Id, Name = "Page race desk", TimeZoneId = "Asia/Tokyo", Hours = new WeeklyHours { Monday = "09:00-18:00" },
        });

        using var response = await admin.SubmitAsync(edit, "Save calendar", new() { ["Name"] = "Page race loser" });
        var refused = await HtmlPage.ReadAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("This was changed by someone else in the meantime.", refused.TestId("errors")!.TextContent);
        Assert.True(refused.HasLink("Reload"));
        var stored = await _steps.StoredCalendarAsync(calendar.Id);
        Assert.Equal(("Page race desk", "Asia/Tokyo"), (stored.Name, stored.TimeZoneId));
    }

    [Fact]
    public async Task A_holiday_is_added_by_hand_refused_without_a_name_and_removed()
    {
        using var admin = await AdminAsync();
        var other = await _steps.CreateAdminAsync();
        var calendar = await app.SendAsync<CalendarView>(other.Actor, new SaveCalendarCommand
        {
            Name = "Page holiday desk", TimeZoneId = "Asia/Taipei", Hours = new WeeklyHours { Monday = "09:00-18:00" },
        });
        var edit = await admin.GetPageAsync($"/Admin/Calendars/Edit/{calendar.Id}");
        Assert.NotNull(edit.TestId("no-holidays"));

        using var unnamed = await admin.SubmitAsync(edit, "Add holiday", new() { ["Date"] = "2026-12-25", ["Name"] = " " });
        var unnamedPage = await HtmlPage.ReadAsync(unnamed);
        Assert.Equal(HttpStatusCode.OK, unnamed.StatusCode);
        Assert.NotEmpty(unnamedPage.FieldError("Holidays[0].Name"));
        Assert.Equal("Page holiday desk", unnamedPage.FieldValue("Command.Name"));

        var added = await admin.FollowAsync(await admin.SubmitAsync(edit, "Add holiday", new() { ["Date"] = "2026-12-25", ["Name"] = "Christmas Day" }));
        Assert.Contains("Added the holiday.", added.Text);
        var row = Assert.Single(added.Document.QuerySelectorAll("[data-testid=holiday-row]"));
        Assert.Contains("2026-12-25", row.TextContent);
        Assert.Contains("Christmas Day", row.TextContent);

        var removed = await admin.FollowAsync(await admin.SubmitAsync(added, "Remove 2026-12-25"));
        Assert.Contains("Removed the holiday on 2026-12-25.", removed.Text);
        Assert.Empty((await _steps.StoredCalendarAsync(calendar.Id)).Holidays);
    }

    [Fact]
    public async Task An_ics_upload_adds_its_days_and_a_file_that_is_not_text_or_too_large_is_refused_next_to_the_upload()
    {
        using var admin = await AdminAsync();
        var other = await _steps.CreateAdminAsync();
        var calendar = await app.SendAsync<CalendarView>(other.Actor, new SaveCalendarCommand
        {
            Name = "Page import desk", TimeZoneId = "Asia/Taipei", Hours = new WeeklyHours { Monday = "09:00-18:00" },
        });
        var edit = await admin.GetPageAsync($"/Admin/Calendars/Edit/{calendar.Id}");
        var ics = Encoding.UTF8.GetBytes(SlaAdminSteps.Ics(("2027-01-01", "元旦"), ("2027-02-06", "春節"), ("2010-01-01", "Long ago")));

        var imported = await admin.FollowAsync(await admin.SubmitAsync(edit, "Import holidays", null,
            [new UploadFile("ICalendar", "taiwan.ics", ics, "text/calendar")]));

        Assert.Contains("Read 2 holidays from the file; 2 were new.", imported.Text);
        Assert.Equal([(new DateOnly(2027, 1, 1), "元旦"), (new DateOnly(2027, 2, 6), "春節")],
            (await _steps.StoredCalendarAsync(calendar.Id)).Holidays.Select(h => (h.Date, h.Name)));
        Assert.Equal(2, imported.Document.QuerySelectorAll("[data-testid=holiday-row]").Length);

        using var picture = await admin.SubmitAsync(imported, "Import holidays", null, [new UploadFile("ICalendar", "holidays.ics", EvidenceSamples.Png, "text/calendar")]);
        var picturePage = await HtmlPage.ReadAsync(picture);
        Assert.Equal(HttpStatusCode.OK, picture.StatusCode);
        Assert.Equal("The file is not text: choose an iCalendar (.ics) file.", picturePage.FieldError("ICalendar"));

        var large = Encoding.UTF8.GetBytes(SlaAdminSteps.Ics(("2027-03-01", new string('x', HolidayImport.MaxBytes))));
        using var tooLarge = await admin.SubmitAsync(imported, "Import holidays", null, [new UploadFile("ICalendar", "big.ics", large, "text/calendar")]);
        Assert.Equal("The file is larger than 1 MB.", (await HtmlPage.ReadAsync(tooLarge)).FieldError("ICalendar"));

        using var notCalendar = await admin.SubmitAsync(imported, "Import holidays", null, [new UploadFile("ICalendar", "list.csv", "date,name\n"u8.ToArray(), "text/csv")]);
        Assert.Equal("This is not an iCalendar file (there is no BEGIN:VCALENDAR).", (await HtmlPage.ReadAsync(notCalendar)).FieldError("ICalendar"));

        using var nothing = await admin.SubmitAsync(imported, "Import holidays");
        Assert.NotEmpty((await HtmlPage.ReadAsync(nothing)).FieldError("ICalendar"));
        Assert.Equal(2, (await _steps.StoredCalendarAsync(calendar.Id)).Holidays.Count);
    }

    /// <summary>Needs the translations of /tmp/tr-b.tsv merged into AdminResource and SharedResource.</summary>
    [Theory]
    [InlineData("zh-Hant", "服務時限政策", "營業行事曆", "新增一列")]
    [InlineData("zh-Hans", "服务时限政策", "营业日历", "新增一行")]
    public async Task The_pages_in_chinese_leave_no_english(string language, string policies, string calendars, string addRow)
    {
        var user = await Localization.AdminPages.ChineseStaff.CreateAsync(app, "時限管理員", language, Roles.Admin);
        var calendar = await app.SendAsync<CalendarView>(user.Actor, new SaveCalendarCommand
        {
            Name = $"台北門市 {language}", TimeZoneId = "Asia/Taipei", Hours = new WeeklyHours { Monday = "09:00-12:00, 13:00-18:00", Saturday = "10:00-14:00" },
        });
        await app.SendAsync<HolidaysAdded>(user.Actor, new AddHolidaysCommand
        {
            CalendarId = calendar.Id, Holidays = [new HolidayInput { Date = new DateOnly(2027, 10, 10), Name = "國慶日" }],
        });
        using var session = await PageSession.SignInAsync(app, user);

        var leftovers = new List<string>();
        foreach (var url in new[] { "/Admin", "/Admin/Sla", "/Admin/Calendars", $"/Admin/Calendars/Edit/{calendar.Id}" })
        {
            var page = await session.GetPageAsync(url);
            leftovers.AddRange(Localization.AdminPages.ChinesePageCheck.EnglishLeft(page.Document).Select(word => $"{url}: {word}"));
            if (url == "/Admin/Sla")
            {
                Assert.Equal(policies, page.Heading);
                Assert.Contains(addRow, page.Buttons);
            }
            if (url == "/Admin/Calendars")
            {
                Assert.Equal(calendars, page.Heading);
            }
        }

        Assert.True(leftovers.Count == 0, "English left: " + string.Join("; ", leftovers));
    }

    [Theory]
    [InlineData("/Admin/Sla")]
    [InlineData("/Admin/Calendars")]
    [InlineData("/Admin/Calendars/Edit/0193a000-0000-7000-8000-000000000001")]
    public async Task Agents_and_supervisors_are_denied_the_pages(string url)
    {
        foreach (var user in new[] { await app.CreateAgentAsync(), await app.CreateSupervisorAsync() })
        {
            using var session = await PageSession.SignInAsync(app, user);
            using var response = await session.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/Account/AccessDenied", response.Headers.Location!.PathAndQueryOf());
        }
    }

    [Fact]
    public async Task A_calendar_that_does_not_exist_is_not_found()
    {
        using var admin = await AdminAsync();

        using var response = await admin.GetAsync($"/Admin/Calendars/Edit/{Guid.NewGuid()}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
