using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using ComplaintDesk.Application.Features.Complaints;
using ComplaintDesk.Application.Identity;
using ComplaintDesk.Domain.Complaints;
using ComplaintDesk.Domain.Sla;
using ComplaintDesk.IntegrationTests.Features.Complaints;
using ComplaintDesk.IntegrationTests.Infrastructure;
using ComplaintDesk.IntegrationTests.Localization.WorkspacePages;
using Microsoft.EntityFrameworkCore;

namespace ComplaintDesk.IntegrationTests.Pages.Complaints;

/// <summary>
/// The case page's Deadlines panel — each clock with its due time in the reader's zone, the time left in business or
/// calendar terms, paused / met / breached, at risk and overdue in words — and the three forms that move the clocks.
/// </summary>
public sealed class CasePageDeadlinesTests(ComplaintDeskApp app) : IClassFixture<ComplaintDeskApp>
{
    private static readonly TimeZoneInfo Taipei = TimeZoneInfo.FindSystemTimeZoneById("Asia/Taipei");

    private readonly SlaSteps _sla = new(app);

    private static string InTaipei(DateTimeOffset at) =>
        TimeZoneInfo.ConvertTime(at, Taipei).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC+8";

    private static string Words(IElement element) =>
        string.Join(' ', element.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static IElement Row(HtmlPage page, string kind) =>
        page.Document.QuerySelector($"[data-testid=deadlines] tr[data-kind=\"{kind}\"]")
        ?? throw new InvalidOperationException($"No {kind} row in the Deadlines panel.");

    private Task<ComplaintView> LogAsync(TestUser agent, Severity severity, string subject = "Kettle leaks") =>
        app.SendAsync<ComplaintView>(agent.Actor, ComplaintSteps.NewComplaint(subject) with { Severity = severity });

    /// <summary>Submits the form of <paramref name="button"/>, expects the redirect back to the case (PRG) and follows it.</summary>
    private static async Task<HtmlPage> ClickAsync(PageSession session, HtmlPage page, string button, Dictionary<string, string>? fields = null)
    {
        using var response = await session.SubmitAsync(page, button, fields);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            var errors = (await HtmlPage.ReadAsync(response)).Document.QuerySelector("[role=alert]")?.TextContent.Trim();
            Assert.Fail($"\"{button}\" answered {(int)response.StatusCode}: {errors}");
        }
        return await session.FollowAsync(response);
    }

    [Fact]
    public async Task Each_deadline_shows_its_due_time_in_the_readers_zone_and_the_time_left_in_its_own_terms()
    {
        var agent = await WorkspaceStaff.CreateAsync(app, "Tai Pei", "en", "Asia/Taipei", Roles.Agent);
        var monday = _sla.ToMondayAtFivePmInTaipei();
        var complaint = await LogAsync(agent, Severity.Medium);
        app.Clock.Advance(TimeSpan.FromMinutes(30)); // Monday 17:30 in Taipei: half an office hour gone
        using var session = await PageSession.SignInAsync(app, agent);

        var page = await session.GetPageAsync($"/Complaints/{complaint.Id}");

        var panel = page.TestId("deadlines")!;
        Assert.Equal("Deadlines", panel.QuerySelector("h2")!.TextContent.Trim());
        Assert.Equal(["acknowledge", "resolve", "regulatory"], panel.QuerySelectorAll("tbody tr").Select(r => r.GetAttribute("data-kind")));
        var acknowledge = Row(page, "acknowledge");
        Assert.Equal($"Acknowledgement {InTaipei(monday.AddDays(1))} Running · 7 h 30 min of business time left", Words(acknowledge));
        Assert.Equal(InTaipei(monday.AddDays(1)), acknowledge.QuerySelector("time")!.TextContent);
        Assert.Equal(monday.AddDays(1).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            acknowledge.QuerySelector("time")!.GetAttribute("datetime"));
        Assert.Equal($"Resolution {InTaipei(monday.AddDays(7))} Running · 39 h 30 min of business time left", Words(Row(page, "resolve")));
        // The regulatory deadline runs on calendar days.
        Assert.Equal($"Regulatory final response {InTaipei(monday.AddDays(15))} Running · 14 d 23 h left", Words(Row(page, "regulatory")));
        Assert.Empty(panel.QuerySelectorAll(".badge"));
        Assert.Null(page.TestId("waiting"));
        Assert.Null(page.TestId("cancelled-deadlines"));
    }

    [Fact]
    public async Task The_panel_speaks_the_readers_language()
    {
        var agent = await WorkspaceStaff.CreateAsync(app, "林怡君", "zh-Hant", "Asia/Taipei", Roles.Agent);
        var monday = _sla.ToMondayAtFivePmInTaipei();
        var complaint = await LogAsync(agent, Severity.Medium);
        using var session = await PageSession.SignInAsync(app, agent);

        var page = await session.GetPageAsync($"/Complaints/{complaint.Id}");

        Assert.Equal("處理時限", page.TestId("deadlines")!.QuerySelector("h2")!.TextContent.Trim());
        Assert.Equal($"確認受理 {InTaipei(monday.AddDays(1))} 計時中 · 尚餘 8 小時 0 分鐘 營業時間", Words(Row(page, "acknowledge")));
        Assert.Equal($"法定最終回覆 {InTaipei(monday.AddDays(15))} 計時中 · 尚餘 15 天 0 小時", Words(Row(page, "regulatory")));
        Assert.Contains("詢問客戶", page.Buttons);
        Assert.Contains("記錄客戶訊息", page.Buttons);
        Assert.Contains("變更分類", page.Buttons);
    }

    [Fact]
    public async Task Asking_the_customer_pauses_the_resolution_and_the_customers_answer_resumes_it()
    {
        var agent = await app.CreateAgentAsync("Page Agent");
        var complaint = await LogAsync(agent, Severity.Medium);
        using var session = await PageSession.SignInAsync(app, agent);
        var page = await session.GetPageAsync($"/Complaints/{complaint.Id}");
        var pausedAt = app.Clock.GetUtcNow();

        page = await ClickAsync(session, page, "Ask the customer", new() { ["What you ask the customer (they will see it)"] = "Please send a photo of the crack." });

        Assert.Equal("Waiting on customer", page.TestId("waiting")!.TextContent.Trim());
        var resolve = Row(page, "resolve");
        Assert.Equal("paused", resolve.GetAttribute("data-state"));
        Assert.Contains($"Paused since {pausedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC", Words(resolve), StringComparison.Ordinal);
        Assert.Contains("of business time left when it resumes", Words(resolve), StringComparison.Ordinal);
        var asked = page.Document.QuerySelectorAll(".timeline li").Last();
        Assert.Contains("Information requested", Words(asked), StringComparison.Ordinal);
        Assert.Contains("Please send a photo of the crack.", Words(asked), StringComparison.Ordinal);
        Assert.Contains("visible to the customer", Words(asked), StringComparison.Ordinal);
        Assert.True(await app.QueryDbAsync(db => db.Complaints.AnyAsync(c => c.Id == complaint.Id && c.WaitingOnCustomer, TestContext.Current.CancellationToken)));
        app.Clock.Advance(TimeSpan.FromHours(26));
        using var nextDay = await PageSession.SignInAsync(app, agent); // the sign-in cookie lives ten hours
        page = await nextDay.GetPageAsync($"/Complaints/{complaint.Id}");

        page = await ClickAsync(nextDay, page, "Record the customer's message",
            new() { ["What the customer said or sent (by phone, e-mail…)"] = "Sent the photo by e-mail." });

        Assert.Null(page.TestId("waiting"));
        Assert.Equal("running", Row(page, "resolve").GetAttribute("data-state"));
        var stored = await _sla.OpenAsync(complaint.Id, SlaClockKind.Resolve);
        Assert.Equal(stored.DueAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            Row(page, "resolve").QuerySelector("time")!.GetAttribute("datetime"));
        var calendar = await _sla.OfficeHoursAsync();
        var left = calendar.Measure(app.Clock.GetUtcNow(), stored.DueAt);
        Assert.Contains($"{(int)left.TotalHours} h {left.Minutes} min of business time left", Words(Row(page, "resolve")), StringComparison.Ordinal);
        var answered = page.Document.QuerySelectorAll(".timeline li").Last();
        Assert.Contains("Customer message", Words(answered), StringComparison.Ordinal);
        Assert.Contains("Sent the photo by e-mail.", Words(answered), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Changing_the_classification_recomputes_the_deadlines_and_keeps_the_replaced_ones_out_of_the_way()
    {
        var agent = await app.CreateAgentAsync();
        var complaint = await LogAsync(agent, Severity.Medium);
        using var session = await PageSession.SignInAsync(app, agent);
        var page = await session.GetPageAsync($"/Complaints/{complaint.Id}");
        Assert.Equal("Medium", page.FieldValue("ChangeClassification.Severity")); // the form starts from the case
        Assert.Equal("productQuality", page.FieldValue("ChangeClassification.Category"));

        page = await ClickAsync(session, page, "Change classification", new() { ["Severity"] = "High", ["Category"] = "Logistics / delivery" });

        Assert.Equal("High severity", page.TestId("severity")!.TextContent.Trim());
        Assert.Equal("Logistics / delivery", page.TestId("category")!.TextContent.Trim());
        var acknowledge = await _sla.OpenAsync(complaint.Id, SlaClockKind.Acknowledge);
        Assert.Equal(TimeSpan.FromHours(4), acknowledge.Allowed);
        Assert.Equal(acknowledge.DueAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            Row(page, "acknowledge").QuerySelector("time")!.GetAttribute("datetime"));
        Assert.Equal(3, page.Document.QuerySelectorAll("[data-testid=deadlines] tbody tr").Length);
        var replaced = page.TestId("cancelled-deadlines")!;
        Assert.Equal("details", replaced.LocalName);
        Assert.Null(replaced.GetAttribute("open"));
        Assert.Equal("Replaced or no longer owed (3)", replaced.QuerySelector("summary")!.TextContent.Trim());
        var changed = page.Document.QuerySelectorAll(".timeline li").Last();
        Assert.Contains("Classification changed", Words(changed), StringComparison.Ordinal);
        Assert.Contains("Severity Medium → High; Category Product quality → Logistics / delivery", Words(changed), StringComparison.Ordinal);
        Assert.Contains("Internal", Words(changed), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_question_is_shown_at_its_field_and_changes_nothing()
    {
        var agent = await app.CreateAgentAsync();
        var complaint = await LogAsync(agent, Severity.Medium);
        using var session = await PageSession.SignInAsync(app, agent);
        var page = await session.GetPageAsync($"/Complaints/{complaint.Id}");

        using var response = await session.SubmitAsync(page, "Ask the customer", new() { ["What you ask the customer (they will see it)"] = " " });
        var again = await HtmlPage.ReadAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEmpty(again.FieldError("RequestInformation.Message"));
        Assert.Empty(again.FieldError("RecordCustomerMessage.Message"));
        Assert.Equal(complaint.Version, await PageSteps.VersionAsync(app, complaint.Id));
    }

    [Fact]
    public async Task A_stale_classification_form_says_someone_else_changed_the_case()
    {
        var agent = await app.CreateAgentAsync();
        var complaint = await LogAsync(agent, Severity.Medium);
        using var session = await PageSession.SignInAsync(app, agent);
        var stale = await session.GetPageAsync($"/Complaints/{complaint.Id}");
        await app.SendAsync<ComplaintView>(agent.Actor, new RequestInformationCommand { ComplaintId = complaint.Id, Message = "Photo?" });

        using var response = await session.SubmitAsync(stale, "Change classification", new() { ["Severity"] = "Critical" });
        var page = await HtmlPage.ReadAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("changed by someone else", page.Document.QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Critical", page.FieldValue("ChangeClassification.Severity")); // what was chosen stays chosen
        Assert.Equal(Severity.Medium, await app.QueryDbAsync(db => db.Complaints.Where(c => c.Id == complaint.Id).Select(c => c.Severity)
            .SingleAsync(TestContext.Current.CancellationToken)));
    }

    [Fact]
    public async Task A_closed_case_takes_the_customers_message_but_offers_neither_a_question_nor_a_new_classification()
    {
        var agent = await app.CreateAgentAsync();
        var complaint = await new ComplaintSteps(app).InStateAsync(ComplaintState.Closed, agent);
        using var session = await PageSession.SignInAsync(app, agent);

        var page = await session.GetPageAsync($"/Complaints/{complaint.Id}");

        Assert.Contains("Record the customer's message", page.Buttons);
        Assert.DoesNotContain("Ask the customer", page.Buttons);
        Assert.DoesNotContain("Change classification", page.Buttons);
        // Every staff deadline was met by the resolution; the follow-up timer runs.
        Assert.All(page.Document.QuerySelectorAll("[data-testid=deadlines] tbody tr")
                .Where(r => r.GetAttribute("data-kind") is "acknowledge" or "resolve" or "regulatory"),
            r => Assert.StartsWith("Met ", Words(r.QuerySelector(".deadline-state")!), StringComparison.Ordinal));
        Assert.Equal("running", Row(page, "followUp").GetAttribute("data-state"));
    }

    [Fact]
    public async Task An_admin_sees_the_deadlines_but_no_form()
    {
        var agent = await app.CreateAgentAsync();
        var admin = await app.CreateUserAsync("Ada Admin", Roles.Admin);
        var complaint = await LogAsync(agent, Severity.High);
        using var session = await PageSession.SignInAsync(app, admin);

        var page = await session.GetPageAsync($"/Complaints/{complaint.Id}");

        Assert.Equal(3, page.Document.QuerySelectorAll("[data-testid=deadlines] tbody tr").Length);
        Assert.Empty(page.Document.QuerySelectorAll("[data-testid=deadlines] form"));
    }

    [Fact]
    public async Task At_risk_and_overdue_are_said_in_words_and_the_sweepers_events_read_as_sentences()
    {
        var agent = await app.CreateAgentAsync();
        // Critical: acknowledge within one hour around the clock, warned at 45 minutes.
        var complaint = await LogAsync(agent, Severity.Critical);
        using var session = await PageSession.SignInAsync(app, agent);
        app.Clock.Advance(TimeSpan.FromMinutes(50));
        await app.SweepAsync();

        var atRisk = await session.GetPageAsync($"/Complaints/{complaint.Id}");

        var row = Row(atRisk, "acknowledge");
        Assert.Contains("at-risk", row.ClassList);
        Assert.Equal("at risk", row.QuerySelector(".badge")!.TextContent.Trim());
        Assert.EndsWith("· 0 h 10 min left", Words(row), StringComparison.Ordinal);
        var warning = atRisk.Document.QuerySelectorAll(".timeline li").Last();
        Assert.Contains("SLA warning", Words(warning), StringComparison.Ordinal);
        Assert.Contains("SLA warning: the acknowledgement deadline is near", Words(warning), StringComparison.Ordinal);
        Assert.Contains("· System", Words(warning), StringComparison.Ordinal);

        app.Clock.Advance(TimeSpan.FromMinutes(15));
        var pastDue = await session.GetPageAsync($"/Complaints/{complaint.Id}");
        Assert.Equal("overdue", Row(pastDue, "acknowledge").QuerySelector(".badge")!.TextContent.Trim()); // before the sweeper sees it
        await app.SweepAsync();

        var overdue = await session.GetPageAsync($"/Complaints/{complaint.Id}");

        row = Row(overdue, "acknowledge");
        Assert.Contains("overdue", row.ClassList);
        Assert.Equal("breached", row.GetAttribute("data-state"));
        Assert.StartsWith($"Breached {complaint.SlaClocks[0].DueAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC",
            Words(row.QuerySelector(".deadline-state")!), StringComparison.Ordinal);
        Assert.Equal("overdue", row.QuerySelector(".badge")!.TextContent.Trim());
        Assert.EndsWith("· 0 h 5 min overdue", Words(row), StringComparison.Ordinal);
        var texts = overdue.Document.QuerySelectorAll(".timeline li").Select(Words).ToList();
        Assert.Contains(texts, t => t.Contains("SLA breached: the acknowledgement deadline passed", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.Contains("Escalated automatically: the acknowledgement deadline passed", StringComparison.Ordinal));
        Assert.Equal("Escalated", overdue.State);
    }
}
