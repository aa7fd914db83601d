using System.Net;
using ComplaintDesk.Application.Features.Complaints;
using ComplaintDesk.IntegrationTests.Infrastructure;

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

    private static List<string> References(HtmlPage page) =>
        page.Document.QuerySelectorAll("main table tbody tr td:first-child a").Select(a => a.TextContent.Trim()).ToList();
}
