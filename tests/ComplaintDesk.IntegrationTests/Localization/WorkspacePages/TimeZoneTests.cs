using ComplaintDesk.Application.Features.Account;
using ComplaintDesk.Application.Features.Complaints;
using ComplaintDesk.Application.Identity;
using ComplaintDesk.Domain.Complaints;
using ComplaintDesk.IntegrationTests.Infrastructure;
using ComplaintDesk.IntegrationTests.Pages;
using FluentValidation;

namespace ComplaintDesk.IntegrationTests.Localization.WorkspacePages;

/// <summary>
/// Times in the reader's own time zone (their <c>time_zone</c> claim), each with its zone, while the machine-readable
/// <c>&lt;time datetime&gt;</c> stays UTC. The test clock stands at 2026-11-02 09:00 UTC: 17:00 in Taipei.
/// </summary>
public sealed class TimeZoneTests(ComplaintDeskApp app) : IClassFixture<ComplaintDeskApp>
{
    private const string Utc = "2026-11-02T09:00:00Z";

    private async Task<ComplaintView> LogAsync(TestUser by) =>
        await app.SendAsync<ComplaintView>(by.Actor, new LogComplaintCommand
        {
            Customer = new CustomerInput { Name = "Tom Time", Email = $"tom.{Guid.NewGuid():N}@example.test" },
            Channel = Channel.Email, Category = "billing", Subject = "Charged in the wrong zone", Description = "Twice.",
        });

    [Fact]
    public async Task A_reader_in_Taipei_sees_times_eight_hours_ahead_of_UTC_and_the_zone_with_them()
    {
        var agent = await WorkspaceStaff.CreateAsync(app, "Tai Pei", "en", "Asia/Taipei", Roles.Agent);
        var complaint = await LogAsync(agent);
        await app.SendAsync<ComplaintView>(agent.Actor, new AcknowledgeComplaintCommand { ComplaintId = complaint.Id });
        using var session = await PageSession.SignInAsync(app, agent);

        var queue = await session.GetPageAsync("/Complaints");
        var casePage = await session.GetPageAsync($"/Complaints/{complaint.Id}");

        var row = queue.Document.QuerySelector($"tr[data-id=\"{complaint.Id}\"] time")!;
        Assert.Equal("2026-11-02 17:00 UTC+8", row.TextContent);
        Assert.Equal(Utc, row.GetAttribute("datetime"));
        Assert.Equal("Received", queue.Document.QuerySelectorAll("th").Select(th => th.TextContent.Trim()).ElementAt(8)); // no "(UTC)" in the header
        // Every time the case page shows is "now" here, except the deadlines ahead, which are in the reader's zone too.
        var times = casePage.Document.QuerySelectorAll("time").Where(t => t.Closest("[data-testid=deadlines]") is null).ToList();
        Assert.NotEmpty(times);
        Assert.All(casePage.Document.QuerySelectorAll("[data-testid=deadlines] time"), t => Assert.EndsWith(" UTC+8", t.TextContent, StringComparison.Ordinal));
        Assert.All(times, t =>
        {
            Assert.Equal("2026-11-02 17:00 UTC+8", t.TextContent);
            Assert.Equal(Utc, t.GetAttribute("datetime"));
        });
        var acknowledged = casePage.Document.QuerySelectorAll("dl.fields dt").Single(dt => dt.TextContent == "Acknowledged");
        Assert.Equal("2026-11-02 17:00 UTC+8", acknowledged.NextElementSibling!.TextContent.Trim());
    }

    [Fact]
    public async Task A_reader_with_no_zone_of_their_own_reads_UTC()
    {
        var agent = await app.CreateAgentAsync("Una Utc");
        var complaint = await LogAsync(agent);
        using var session = await PageSession.SignInAsync(app, agent);

        var casePage = await session.GetPageAsync($"/Complaints/{complaint.Id}");

        Assert.Equal("2026-11-02 09:00 UTC", casePage.Document.QuerySelector(".timeline time")!.TextContent);
    }

    [Fact]
    public async Task Notifications_are_dated_in_the_readers_zone_too()
    {
        var supervisor = await WorkspaceStaff.CreateAsync(app, "Nadia New York", "en", "America/New_York", Roles.Supervisor);
        var agent = await app.CreateAgentAsync();
        var complaint = await LogAsync(agent);
        await app.SendAsync<ComplaintView>(agent.Actor, new EscalateComplaintCommand { ComplaintId = complaint.Id, Reason = "Needs a decision." });
        using var session = await PageSession.SignInAsync(app, supervisor);

        var page = await session.GetPageAsync("/Notifications");

        // 2 November 2026 is after the end of daylight saving time in New York (1 November): UTC-5.
        var time = page.Document.QuerySelector(".notifications time")!;
        Assert.Equal("2026-11-02 04:00 UTC-5", time.TextContent);
        Assert.Equal(Utc, time.GetAttribute("datetime"));
    }

    [Fact]
    public async Task A_zone_change_shows_on_the_very_next_page()
    {
        var agent = await app.CreateAgentAsync();
        var complaint = await LogAsync(agent);
        using var session = await PageSession.SignInAsync(app, agent);
        var settings = await session.GetPageAsync("/Account/Settings");

        using var saved = await session.SubmitAsync(settings, "Save settings", new() { ["TimeZone"] = "Asia/Kolkata" });
        var casePage = await session.GetPageAsync($"/Complaints/{complaint.Id}");

        Assert.Equal("2026-11-02 14:30 UTC+5:30", casePage.Document.QuerySelector(".timeline time")!.TextContent);
    }

    [Fact]
    public async Task The_command_changes_only_what_it_is_given()
    {
        var agent = await app.CreateAgentAsync();

        var language = await app.SendAsync<MyPreferences>(agent.Actor, new ChangeMyPreferencesCommand { Language = "zh-Hant" });
        var zone = await app.SendAsync<MyPreferences>(agent.Actor, new ChangeMyPreferencesCommand { TimeZone = "Europe/London" });

        Assert.Equal(new MyPreferences("zh-Hant", "UTC"), language);
        Assert.Equal(new MyPreferences("zh-Hant", "Europe/London"), zone);
        Assert.Equal(("zh-Hant", "Europe/London"), await WorkspaceStaff.PreferencesAsync(app, agent.Id));
    }

    [Theory]
    [InlineData("zh-TW", null, "Language")]
    [InlineData("EN", null, "Language")]
    [InlineData(null, "Asia/Atlantis", "TimeZone")]
    [InlineData(null, "China Standard Time", "TimeZone")]
    [InlineData(null, "", "TimeZone")]
    public async Task The_command_refuses_languages_and_zones_it_does_not_know(string? language, string? timeZone, string property)
    {
        var agent = await app.CreateAgentAsync();

        var refusal = await Assert.ThrowsAsync<ValidationException>(() =>
            app.SendAsync<MyPreferences>(agent.Actor, new ChangeMyPreferencesCommand { Language = language, TimeZone = timeZone }));

        Assert.Contains(refusal.Errors, e => e.PropertyName == property);
        Assert.Equal(("en", "UTC"), await WorkspaceStaff.PreferencesAsync(app, agent.Id));
    }

    [Fact]
    public async Task Only_a_signed_in_person_has_preferences()
    {
        await Assert.ThrowsAsync<Domain.ActionForbiddenException>(() =>
            app.SendAsync<MyPreferences>(Domain.Actors.Actor.System, new ChangeMyPreferencesCommand { Language = "zh-Hans" }));
    }
}
