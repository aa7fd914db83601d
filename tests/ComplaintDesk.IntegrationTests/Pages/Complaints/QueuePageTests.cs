using System.Net;
using ComplaintDesk.Application.Features.Complaints;
using ComplaintDesk.Application.Identity;
using ComplaintDesk.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ComplaintDesk.IntegrationTests.Pages.Complaints;

public sealed class QueuePageTests(ComplaintDeskApp app) : IClassFixture<ComplaintDeskApp>
{
    [Fact]
    public async Task The_filter_form_narrows_the_queue_to_one_state()
    {
        var agent = await app.CreateAgentAsync();
        using var session = await PageSession.SignInAsync(app, agent);
        var token = $"filter-{Guid.NewGuid():N}";
        var received = await PageSteps.LogAsync(app, agent, $"Still received {token}");
        var acknowledged = await PageSteps.LogAsync(app, agent, $"Already acknowledged {token}");
        await app.SendAsync<ComplaintView>(agent.Actor, new AcknowledgeComplaintCommand { ComplaintId = acknowledged.Id });
        var queue = await session.GetPageAsync("/Complaints");

        using var both = await session.SubmitAsync(queue, "Filter", new() { ["Search"] = token });
        using var onlyAcknowledged = await session.SubmitAsync(queue, "Filter", new() { ["Search"] = token, ["State"] = "Acknowledged" });

        Assert.Equal(new[] { acknowledged.Reference, received.Reference }.Order(), References(await HtmlPage.ReadAsync(both)).Order());
        var filtered = await HtmlPage.ReadAsync(onlyAcknowledged);
        Assert.Equal(HttpStatusCode.OK, onlyAcknowledged.StatusCode);
        Assert.Equal([acknowledged.Reference], References(filtered));
        Assert.Equal("Acknowledged", filtered.FieldValue("state")); // the form shows the filter in force
        Assert.Contains("state=Acknowledged", filtered.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_next_page_link_walks_the_queue_newest_first_without_repeats()
    {
        var agent = await app.CreateAgentAsync();
        using var session = await PageSession.SignInAsync(app, agent);
        var token = $"pages-{Guid.NewGuid():N}";
        var logged = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            logged.Add((await PageSteps.LogAsync(app, agent, $"Page {i} {token}")).Reference);
            app.Clock.Advance(TimeSpan.FromMinutes(1));
        }

        var seen = new List<string>();
        var page = await session.GetPageAsync($"/Complaints?q={token}&limit=1");
        seen.AddRange(References(page));
        while (page.HasLink("Next page"))
        {
            Assert.True(seen.Count < 10, "The next page link never ends.");
            page = await session.GetPageAsync(page.Link("Next page").GetAttribute("href")!);
            seen.AddRange(References(page));
        }

        Assert.Equal(Enumerable.Reverse(logged), seen);
        Assert.True(page.HasLink("First page"));
    }

    [Fact]
    public async Task A_cursor_the_queue_never_gave_out_is_an_error_not_a_crash()
    {
        var agent = await app.CreateAgentAsync();
        using var session = await PageSession.SignInAsync(app, agent);

        await PageSteps.LogAsync(app, agent, "Something to list");

        using var badCursor = await session.GetAsync("/Complaints?cursor=not-a-cursor");
        using var badState = await session.GetAsync("/Complaints?state=NoSuchState");
        var cursorPage = await HtmlPage.ReadAsync(badCursor);
        var statePage = await HtmlPage.ReadAsync(badState);

        Assert.Equal(HttpStatusCode.OK, badCursor.StatusCode);
        Assert.Contains("This cursor is not one we gave out.", cursorPage.Document.QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);
        Assert.Empty(References(cursorPage));
        Assert.Equal(HttpStatusCode.OK, badState.StatusCode);
        Assert.Contains("NoSuchState", statePage.Document.QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);
        Assert.Empty(References(statePage));
    }

    [Fact]
    public async Task The_start_page_is_the_queue()
    {
        var agent = await app.CreateAgentAsync();
        using var session = await PageSession.SignInAsync(app, agent);

        using var response = await session.GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Complaints", response.Headers.Location!.PathAndQueryOf());
    }

    [Fact]
    public async Task Each_view_tab_shows_its_count_and_opens_the_view()
    {
        var agent = await app.CreateAgentAsync();
        using var session = await PageSession.SignInAsync(app, agent);
        var token = $"views-{Guid.NewGuid():N}";
        var mine = await PageSteps.LogAsync(app, agent, $"Mine {token}");
        var unassigned = await PageSteps.LogAsync(app, agent, $"Nobody's {token}");
        var escalated = await PageSteps.LogAsync(app, agent, $"Escalated {token}");
        await app.SendAsync<ComplaintView>(agent.Actor, new AssignComplaintCommand { ComplaintId = mine.Id, OwnerId = agent.Id });
        await app.SendAsync<ComplaintView>(agent.Actor, new EscalateComplaintCommand { ComplaintId = escalated.Id, Reason = "Too big for me." });

        var queue = await session.GetPageAsync($"/Complaints?q={token}");

        Assert.Equal("(1)", Count(queue, "mine"));
        Assert.Equal("(2)", Count(queue, "unassigned"));
        Assert.Equal("(3)", Count(queue, "open"));
        Assert.Equal("(1)", Count(queue, "escalated"));
        Assert.Equal("(0)", Count(queue, "closed"));
        var escalatedTab = queue.Document.QuerySelector("a[data-view=escalated]")!.GetAttribute("href")!;
        Assert.Contains("view=escalated", escalatedTab, StringComparison.Ordinal);
        Assert.Contains($"q={token}", escalatedTab, StringComparison.Ordinal); // a tab keeps the filters
        var escalatedView = await session.GetPageAsync(escalatedTab);
        Assert.Equal([escalated.Reference], References(escalatedView));
        Assert.Equal("page", escalatedView.Document.QuerySelector("a[data-view=escalated]")!.GetAttribute("aria-current"));
        Assert.Equal([mine.Reference], References(await session.GetPageAsync($"/Complaints?view=mine&q={token}")));
        Assert.Equal(new[] { escalated.Reference, unassigned.Reference }.Order(),
            References(await session.GetPageAsync($"/Complaints?view=Unassigned&q={token}")).Order());
        // The filter form keeps the view it was used in.
        using var filtered = await session.SubmitAsync(escalatedView, "Filter", new() { ["Search"] = token });
        Assert.Equal([escalated.Reference], References(await HtmlPage.ReadAsync(filtered)));
    }

    [Fact]
    public async Task Sort_repeat_and_risk_filters_are_in_the_form()
    {
        var agent = await app.CreateAgentAsync();
        using var session = await PageSession.SignInAsync(app, agent);
        var token = $"sort-{Guid.NewGuid():N}";
        var older = await PageSteps.LogAsync(app, agent, $"Older {token}");
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var newer = await PageSteps.LogAsync(app, agent, $"Newer {token}");
        await app.QueryDbAsync(db => db.Complaints.Where(c => c.Id == older.Id)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.RiskFlag, true), TestContext.Current.CancellationToken));
        var queue = await session.GetPageAsync($"/Complaints?q={token}");

        using var oldest = await session.SubmitAsync(queue, "Filter", new() { ["Sort by"] = "Oldest first" });
        using var flagged = await session.SubmitAsync(queue, "Filter", new() { ["Risk flag"] = "Flagged only" });
        using var repeat = await session.SubmitAsync(queue, "Filter", new() { ["Repeat customers"] = "Repeat customers only" });

        Assert.Equal([newer.Reference, older.Reference], References(queue));
        Assert.Equal([older.Reference, newer.Reference], References(await HtmlPage.ReadAsync(oldest)));
        var flaggedPage = await HtmlPage.ReadAsync(flagged);
        Assert.Equal([older.Reference], References(flaggedPage));
        Assert.Equal("Risk", flaggedPage.Document.QuerySelector("tbody [data-testid=risk]")!.TextContent.Trim());
        // PageSteps logs every complaint for the same customer: both are repeat complaints.
        var repeatPage = await HtmlPage.ReadAsync(repeat);
        Assert.Equal([newer.Reference, older.Reference], References(repeatPage));
        Assert.Equal(2, repeatPage.Document.QuerySelectorAll("tbody [data-testid=repeat]").Length);
    }

    [Fact]
    public async Task Take_makes_an_unassigned_complaint_mine_and_returns_to_the_same_queue()
    {
        var agent = await app.CreateAgentAsync("Taking Agent");
        using var session = await PageSession.SignInAsync(app, agent);
        var token = $"take-{Guid.NewGuid():N}";
        var complaint = await PageSteps.LogAsync(app, agent, $"Take me {token}");
        var queue = await session.GetPageAsync($"/Complaints?view=unassigned&q={token}");

        using var response = await session.SubmitAsync(queue, $"Take {complaint.Reference}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/Complaints?view=unassigned&q={token}", response.Headers.Location!.PathAndQueryOf());
        Assert.Equal(agent.Id, await OwnerAsync(complaint.Id));
        var after = await session.FollowAsync(response);
        Assert.Empty(References(after)); // no longer unassigned
        Assert.Contains($"{complaint.Reference} is now assigned to Taking Agent.", after.TestId("assigned")!.TextContent, StringComparison.Ordinal);
        Assert.Equal([complaint.Reference], References(await session.GetPageAsync($"/Complaints?view=mine&q={token}")));
    }

    [Fact]
    public async Task Assign_from_the_list_gives_the_complaint_to_the_chosen_colleague()
    {
        var agent = await app.CreateAgentAsync();
        var colleague = await app.CreateAgentAsync($"Colleague {Guid.NewGuid():N}"[..20]);
        using var session = await PageSession.SignInAsync(app, agent);
        var token = $"assign-{Guid.NewGuid():N}";
        var complaint = await PageSteps.LogAsync(app, agent, $"Assign me {token}");
        var queue = await session.GetPageAsync($"/Complaints?q={token}");

        using var response = await session.SubmitAsync(queue, $"Assign {complaint.Reference}", new() { ["Assign.OwnerId"] = colleague.Id });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(colleague.Id, await OwnerAsync(complaint.Id));
        var after = await session.FollowAsync(response);
        Assert.Contains(colleague.DisplayName, after.Document.QuerySelector("tbody tr")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_take_that_lost_a_race_says_so_and_changes_nothing()
    {
        var agent = await app.CreateAgentAsync();
        var colleague = await app.CreateAgentAsync("Quicker Colleague");
        using var session = await PageSession.SignInAsync(app, agent);
        var token = $"race-{Guid.NewGuid():N}";
        var complaint = await PageSteps.LogAsync(app, agent, $"Race {token}");
        var queue = await session.GetPageAsync($"/Complaints?q={token}");
        await app.SendAsync<ComplaintView>(colleague.Actor, new AssignComplaintCommand { ComplaintId = complaint.Id, OwnerId = colleague.Id });

        using var response = await session.SubmitAsync(queue, $"Take {complaint.Reference}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await HtmlPage.ReadAsync(response);
        Assert.Contains("changed by someone else", page.Document.QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(colleague.Id, await OwnerAsync(complaint.Id));
        Assert.Contains("Quicker Colleague", page.Document.QuerySelector("tbody tr")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_administrator_sees_the_queue_without_take_or_assign_forms()
    {
        var agent = await app.CreateAgentAsync();
        var admin = await app.CreateUserAsync("Ada Admin", Roles.Admin);
        using var session = await PageSession.SignInAsync(app, admin);
        var token = $"admin-{Guid.NewGuid():N}";
        var complaint = await PageSteps.LogAsync(app, agent, $"Admin view {token}");

        var queue = await session.GetPageAsync($"/Complaints?q={token}");

        Assert.Equal([complaint.Reference], References(queue));
        Assert.DoesNotContain(queue.Buttons, b => b.StartsWith("Take", StringComparison.Ordinal) || b.StartsWith("Assign", StringComparison.Ordinal));
    }

    private Task<string?> OwnerAsync(Guid id) =>
        app.QueryDbAsync(db => db.Complaints.Where(c => c.Id == id).Select(c => c.OwnerId).SingleAsync(TestContext.Current.CancellationToken));

    private static string Count(HtmlPage page, string view) =>
        page.TestId($"count-{view}")?.TextContent.Trim() ?? throw new InvalidOperationException($"No count for {view}.");

    private static List<string> References(HtmlPage page) =>
        page.Document.QuerySelectorAll("main table tbody tr td:first-child a").Select(a => a.TextContent.Trim()).ToList();
}
