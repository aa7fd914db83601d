using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using ComplaintDesk.Application.Features.Complaints;
using ComplaintDesk.Application.Identity;
using ComplaintDesk.Domain.Complaints;
using ComplaintDesk.IntegrationTests.Infrastructure;
using ComplaintDesk.IntegrationTests.Localization.WorkspacePages;
using Microsoft.EntityFrameworkCore;

namespace ComplaintDesk.IntegrationTests.Pages;

/// <summary>
/// /Escalations, the supervisors' desk: the strip, each escalated case with its reason, waiting time, decision deadline
/// (in the reader's time zone), customer and offers, and a decision form per case that posts the same
/// DecideEscalationCommand as the case page. Tests of this class share a database, so each looks only at its own cases.
/// </summary>
public sealed class EscalationDeskPageTests(ComplaintDeskApp app) : IClassFixture<ComplaintDeskApp>
{
    private static readonly TimeZoneInfo Taipei = TimeZoneInfo.FindSystemTimeZoneById("Asia/Taipei");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string InTaipei(DateTimeOffset at) =>
        TimeZoneInfo.ConvertTime(at, Taipei).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC+8";

    private async Task<ComplaintView> EscalatedAsync(TestUser agent, string subject, string reason)
    {
        var complaint = await PageSteps.LogAsync(app, agent, subject);
        return await app.SendAsync<ComplaintView>(agent.Actor, new EscalateComplaintCommand { ComplaintId = complaint.Id, Reason = reason });
    }

    private static IElement CaseOn(HtmlPage page, string reference) =>
        page.Document.QuerySelectorAll("[data-testid=escalated-case]").SingleOrDefault(s => s.GetAttribute("data-reference") == reference)
        ?? throw new InvalidOperationException($"{reference} is not on the desk.");

    private static bool IsOn(HtmlPage page, string reference) =>
        page.Document.QuerySelectorAll("[data-testid=escalated-case]").Any(s => s.GetAttribute("data-reference") == reference);

    private static string Normalise(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static string Text(IElement element, string testId) => Normalise(element.QuerySelector($"[data-testid={testId}]")?.TextContent ?? "");

    private Task<Complaint> StoredAsync(Guid id) =>
        app.QueryDbAsync(db => db.Complaints.AsNoTracking().SingleAsync(c => c.Id == id, Ct));

    [Fact]
    public async Task A_supervisor_sees_the_strip_and_each_case_with_reason_waiting_time_decision_deadline_in_their_zone_and_customer()
    {
        var agent = await app.CreateAgentAsync("Page Agent");
        var supervisor = await WorkspaceStaff.CreateAsync(app, "Taipei Supervisor", "en", "Asia/Taipei", Roles.Supervisor);
        var logged = await app.SendAsync<ComplaintView>(agent.Actor, CustomerComplaint("Pat Customer", "Double charge, refund refused") with
        {
            Severity = Severity.Critical,
        });
        var complaint = await app.SendAsync<ComplaintView>(agent.Actor, new EscalateComplaintCommand { ComplaintId = logged.Id, Reason = "Refund above my authority." });
        var escalatedAt = app.Clock.GetUtcNow();
        app.Clock.Advance(TimeSpan.FromMinutes(35));
        using var session = await PageSession.SignInAsync(app, supervisor);

        var page = await session.GetPageAsync("/Escalations");

        Assert.Equal("Escalation desk", page.Heading);
        var strip = page.TestId("desk-strip")!;
        foreach (var number in new[] { "breaches-today", "at-risk-now" })
        {
            Assert.Matches(@"^\d+\+?$", strip.QuerySelector($"[data-testid={number}]")!.TextContent.Trim());
        }
        Assert.Matches(@"^(—|\d+(\.\d)? %)$", strip.QuerySelector("[data-testid=first-response-compliance]")!.TextContent.Trim());
        var item = CaseOn(page, complaint.Reference);
        Assert.Contains("Double charge, refund refused", item.QuerySelector("h3")!.TextContent, StringComparison.Ordinal);
        Assert.Equal($"/Complaints/{complaint.Id}", item.QuerySelector("h3 a")!.GetAttribute("href"));
        Assert.Equal("Refund above my authority.", Text(item, "reason"));
        Assert.Contains($"{InTaipei(escalatedAt)} by Page Agent", Normalise(item.TextContent), StringComparison.Ordinal);
        Assert.Equal("35 min", Text(item, "waited"));
        // Critical: a decision within 2 h of the escalation, around the clock; 35 min have passed.
        Assert.Equal($"{InTaipei(escalatedAt.AddHours(2))} 1 h 25 min left", Text(item, "decision-due"));
        Assert.Equal("Pat Customer · 1 complaint in all · compensation in the last 12 months: 0.00 TWD", Text(item, "customer"));
        Assert.Equal("none", Text(item, "pending-offers"));
        var form = page.Button($"Decide escalation {complaint.Reference}").Form!;
        Assert.Equal(complaint.Id.ToString(), form.QuerySelector("input[name='Decide.ComplaintId']")!.GetAttribute("value"));
        Assert.Equal((await PageSteps.VersionAsync(app, complaint.Id)).ToString(CultureInfo.InvariantCulture),
            form.QuerySelector("input[name='Decide.ExpectedVersion']")!.GetAttribute("value"));
        Assert.NotNull(form.QuerySelector("input[name=__RequestVerificationToken]"));
        Assert.Equal("datetime-local", form.QuerySelector("input[name=ResolveByLocal]")!.GetAttribute("type"));
        Assert.Contains("UTC+8", form.QuerySelector("label[for$=resolve-by]")!.TextContent, StringComparison.Ordinal);

        app.Clock.Advance(TimeSpan.FromMinutes(100)); // 15 min past the decision deadline, not yet swept
        var later = CaseOn(await session.GetPageAsync("/Escalations"), complaint.Reference);
        Assert.Equal($"{InTaipei(escalatedAt.AddHours(2))} overdue by 15 min", Text(later, "decision-due"));
        Assert.Equal("2 h 15 min", Text(later, "waited"));
    }

    [Fact]
    public async Task Approving_with_a_new_owner_authority_and_resolve_by_in_the_readers_zone_takes_the_case_off_the_desk()
    {
        var agent = await app.CreateAgentAsync("Desk Agent");
        await app.CreateAgentAsync("Otto Owner");
        var supervisor = await WorkspaceStaff.CreateAsync(app, "Decisive Supervisor", "en", "Asia/Taipei", Roles.Supervisor);
        var complaint = await EscalatedAsync(agent, "Approve me on the desk", "Needs a supervisor.");
        var other = await EscalatedAsync(agent, "Stays on the desk", "Also needs a supervisor.");
        using var session = await PageSession.SignInAsync(app, supervisor);
        var page = await session.GetPageAsync("/Escalations");
        var localResolveBy = TimeZoneInfo.ConvertTime(app.Clock.GetUtcNow(), Taipei).Date.AddDays(3).AddHours(18); // 18:00 Taipei, in three days

        using var response = await session.SubmitAsync(page, $"Decide escalation {complaint.Reference}", new()
        {
            ["Approve"] = "",
            ["Decision comment"] = "Approved: Otto refunds in full.",
            ["New owner (with an approval)"] = "Otto Owner",
            ["Raised compensation authority (with an approval)"] = "1500.50",
            ["ResolveByLocal"] = localResolveBy.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture),
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Escalations", response.Headers.Location!.PathAndQueryOf());
        var after = await session.FollowAsync(response);
        Assert.Equal($"{complaint.Reference}: escalation approved.", after.TestId("decided")!.TextContent.Trim());
        Assert.False(IsOn(after, complaint.Reference));
        Assert.True(IsOn(after, other.Reference));
        var stored = await StoredAsync(complaint.Id);
        Assert.Equal(ComplaintState.Resolving, stored.State);
        Assert.Equal("Otto Owner", stored.OwnerName);
        Assert.Equal(1500.50m, stored.RaisedAuthority);
        Assert.Equal(new DateTimeOffset(localResolveBy, TimeSpan.FromHours(8)), stored.ResolveBy);
        var decision = await app.QueryDbAsync(db => db.TimelineEvents.AsNoTracking()
            .SingleAsync(e => e.ComplaintId == complaint.Id && e.Kind == TimelineEventKind.EscalationApproved, Ct));
        Assert.Equal(("Decisive Supervisor", "Approved: Otto refunds in full."), (decision.ActorName, decision.Text));
    }

    [Fact]
    public async Task Declining_keeps_the_owner_and_says_so()
    {
        var agent = await app.CreateAgentAsync("Owner Agent");
        var supervisor = await app.CreateSupervisorAsync();
        var complaint = await EscalatedAsync(agent, "Decline me", "Is this above me?");
        await app.SendAsync<ComplaintView>(agent.Actor, new AssignComplaintCommand { ComplaintId = complaint.Id, OwnerId = agent.Id });
        using var session = await PageSession.SignInAsync(app, supervisor);
        var page = await session.GetPageAsync("/Escalations");

        using var response = await session.SubmitAsync(page, $"Decide escalation {complaint.Reference}", new()
        {
            ["Decline"] = "", ["Decision comment"] = "Within your authority: offer the voucher.",
        });

        var after = await session.FollowAsync(response);
        Assert.Equal($"{complaint.Reference}: escalation declined.", after.TestId("decided")!.TextContent.Trim());
        var stored = await StoredAsync(complaint.Id);
        Assert.Equal((ComplaintState.Resolving, agent.Id), (stored.State, stored.OwnerId));
    }

    [Fact]
    public async Task A_refused_decision_shows_its_errors_in_the_form_of_that_case_and_keeps_what_was_typed()
    {
        var agent = await app.CreateAgentAsync();
        var supervisor = await WorkspaceStaff.CreateAsync(app, "Careful Supervisor", "en", "Asia/Taipei", Roles.Supervisor);
        var complaint = await EscalatedAsync(agent, "Refused on the desk", "Needs a supervisor.");
        var neighbour = await EscalatedAsync(agent, "The neighbour", "Needs one too.");
        using var session = await PageSession.SignInAsync(app, supervisor);
        var page = await session.GetPageAsync("/Escalations");
        var yesterday = TimeZoneInfo.ConvertTime(app.Clock.GetUtcNow(), Taipei).AddDays(-1).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);

        using var response = await session.SubmitAsync(page, $"Decide escalation {complaint.Reference}", new()
        {
            ["Approve"] = "", ["Decision comment"] = "", ["Raised compensation authority (with an approval)"] = "12.345", ["ResolveByLocal"] = yesterday,
        });
        var again = await HtmlPage.ReadAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var form = again.Button($"Decide escalation {complaint.Reference}").Form!;
        Assert.NotNull(form.QuerySelector("[role=alert]"));
        foreach (var field in new[] { "Decide.Comment", "Decide.ResolveBy", "Decide.RaisedAuthority" })
        {
            Assert.NotEqual("", form.QuerySelector($"[data-valmsg-for='{field}']")!.TextContent.Trim());
        }
        Assert.Contains("must be in the future", form.QuerySelector("[data-valmsg-for='Decide.ResolveBy']")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(yesterday, form.QuerySelector("input[name=ResolveByLocal]")!.GetAttribute("value"));
        Assert.Equal("12.345", form.QuerySelector("input[name='Decide.RaisedAuthority']")!.GetAttribute("value"));
        Assert.True(form.QuerySelector("input[name='Decide.Approved'][value=true]")!.HasAttribute("checked"));
        var neighbourForm = again.Button($"Decide escalation {neighbour.Reference}").Form!;
        Assert.Null(neighbourForm.QuerySelector("[role=alert]"));
        Assert.Empty(neighbourForm.QuerySelectorAll("[data-valmsg-for]"));
        Assert.Equal(ComplaintState.Escalated, await PageSteps.StateAsync(app, complaint.Id));

        using var unreadable = await session.SubmitAsync(again, $"Decide escalation {complaint.Reference}", new()
        {
            ["Decision comment"] = "Approved.", ["Raised compensation authority (with an approval)"] = "", ["ResolveByLocal"] = "next week",
        });
        var third = await HtmlPage.ReadAsync(unreadable);
        Assert.Equal(HttpStatusCode.OK, unreadable.StatusCode);
        Assert.Equal("Enter a date and time.", third.FieldError("Decide.ResolveBy"));
        Assert.Equal(ComplaintState.Escalated, await PageSteps.StateAsync(app, complaint.Id));
    }

    [Fact]
    public async Task A_decision_from_a_stale_desk_says_someone_else_changed_the_case_and_changes_nothing()
    {
        var agent = await app.CreateAgentAsync();
        var supervisor = await app.CreateSupervisorAsync();
        var colleague = await app.CreateSupervisorAsync("Quicker Supervisor");
        var noted = await EscalatedAsync(agent, "A note arrives meanwhile", "Needs a supervisor.");
        var decided = await EscalatedAsync(agent, "Decided meanwhile", "Needs a supervisor.");
        using var session = await PageSession.SignInAsync(app, supervisor);
        var stale = await session.GetPageAsync("/Escalations");
        await app.SendAsync<TimelineEntry>(agent.Actor, new AddNoteCommand { ComplaintId = noted.Id, Body = "Customer called again.", Visibility = Domain.Complaints.Visibility.Internal });
        await app.SendAsync<ComplaintView>(colleague.Actor, new DecideEscalationCommand { ComplaintId = decided.Id, Approved = false, Comment = "Handled." });

        using var first = await session.SubmitAsync(stale, $"Decide escalation {noted.Reference}", new() { ["Approve"] = "", ["Decision comment"] = "Go." });
        using var second = await session.SubmitAsync(stale, $"Decide escalation {decided.Reference}", new() { ["Approve"] = "", ["Decision comment"] = "Go." });
        var notedPage = await HtmlPage.ReadAsync(first);
        var decidedPage = await HtmlPage.ReadAsync(second);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, second.StatusCode));
        var alert = CaseOn(notedPage, noted.Reference).QuerySelector("[role=alert]")!;
        Assert.Contains("changed by someone else", alert.TextContent, StringComparison.Ordinal);
        Assert.Equal("/Escalations", alert.QuerySelector("a")!.GetAttribute("href"));
        Assert.Equal("Go.", CaseOn(notedPage, noted.Reference).QuerySelector("textarea")!.TextContent);
        Assert.Equal(ComplaintState.Escalated, await PageSteps.StateAsync(app, noted.Id));
        // The other case left the desk meanwhile: the refusal is shown at the top.
        Assert.False(IsOn(decidedPage, decided.Reference));
        Assert.Contains("changed by someone else", decidedPage.TestId("errors")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Handled.", (await app.QueryDbAsync(db => db.TimelineEvents.AsNoTracking()
            .Where(e => e.ComplaintId == decided.Id && e.Kind == TimelineEventKind.EscalationDeclined).Select(e => e.Text).SingleAsync(Ct))));
    }

    [Fact]
    public async Task Agents_and_administrators_are_denied_and_anonymous_visitors_sent_to_sign_in()
    {
        var agent = await app.CreateAgentAsync();
        var complaint = await EscalatedAsync(agent, "Not for agents", "Needs a supervisor.");
        foreach (var user in new[] { agent, await app.CreateUserAsync("Desk Admin", Roles.Admin) })
        {
            using var session = await PageSession.SignInAsync(app, user);
            using var response = await session.GetAsync("/Escalations");
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/Account/AccessDenied", response.Headers.Location!.PathAndQueryOf());
        }
        using var anonymous = PageSession.Anonymous(app);
        using var signIn = await anonymous.GetAsync("/Escalations");
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.StartsWith("/Account/Login", signIn.Headers.Location!.PathAndQueryOf());

        using var agentSession = await PageSession.SignInAsync(app, agent);
        var queue = await agentSession.GetPageAsync("/Complaints");
        using var post = await agentSession.PostAsync("/Escalations?handler=Decide",
        [
            new("Decide.ComplaintId", complaint.Id.ToString()), new("Decide.Approved", "true"), new("Decide.Comment", "I approve myself."),
            new("__RequestVerificationToken", queue.AntiforgeryToken("Sign out")),
        ]);
        Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
        Assert.StartsWith("/Account/AccessDenied", post.Headers.Location!.PathAndQueryOf());
        Assert.Equal(ComplaintState.Escalated, await PageSteps.StateAsync(app, complaint.Id));
    }

    [Fact]
    public async Task The_escalations_link_leads_supervisors_to_the_desk_and_agents_have_none()
    {
        using var supervisor = await PageSession.SignInAsync(app, await app.CreateSupervisorAsync());
        using var agent = await PageSession.SignInAsync(app, await app.CreateAgentAsync());

        var desk = await supervisor.GetPageAsync("/Escalations");
        var queue = await supervisor.GetPageAsync("/Complaints?view=escalated");
        var agentQueue = await agent.GetPageAsync("/Complaints");

        var link = desk.Document.QuerySelectorAll("nav[aria-label=Main] a").Single(a => a.TextContent.Trim() == "Escalations");
        Assert.Equal("/Escalations", link.GetAttribute("href"));
        Assert.Equal("page", link.GetAttribute("aria-current"));
        Assert.Single(desk.Document.QuerySelectorAll("nav[aria-label=Main] [aria-current]"));
        var queueLinks = queue.Document.QuerySelectorAll("nav[aria-label=Main] a").ToDictionary(a => a.TextContent.Trim(), a => a.GetAttribute("aria-current"));
        Assert.Equal(("page", (string?)null), (queueLinks["Queue"], queueLinks["Escalations"])); // the escalated view is a view of the queue
        Assert.DoesNotContain(agentQueue.Document.QuerySelectorAll("nav[aria-label=Main] a"), a => a.TextContent.Trim() == "Escalations");
    }

    /// <summary>Needs the desk's translations merged into SharedResource.zh-Hant.resx.</summary>
    [Fact]
    public async Task The_desk_speaks_traditional_chinese_with_the_system_reason_translated()
    {
        var agent = await app.CreateAgentAsync();
        var supervisor = await WorkspaceStaff.CreateAsync(app, "臺北主管", "zh-Hant", "Asia/Taipei", Roles.Supervisor);
        var complaint = await app.SendAsync<ComplaintView>(agent.Actor, CustomerComplaint("陳小姐", "重複扣款") with { Severity = Severity.Critical });
        app.Clock.Advance(TimeSpan.FromMinutes(61));
        await app.SweepAsync();
        using var session = await PageSession.SignInAsync(app, supervisor);

        var page = await session.GetPageAsync("/Escalations");

        Assert.Equal("升級案件處理台", page.Heading);
        var item = CaseOn(page, complaint.Reference);
        Assert.Equal("已逾時限：「確認受理」期限已過", Text(item, "reason"));
        Assert.Equal("無", Text(item, "pending-offers"));
        Assert.DoesNotContain("left", Text(item, "decision-due"), StringComparison.Ordinal);
    }

    private static LogComplaintCommand CustomerComplaint(string customer, string subject) => new()
    {
        Customer = new CustomerInput { Name = customer, Email = $"desk.{Guid.NewGuid():N}@example.test" },
        Channel = Channel.Phone,
        Category = "billing",
        Subject = subject,
        Description = "Charged twice for one order.",
    };
}
