using System.Globalization;
using ComplaintDesk.Application.Features.Complaints;
using ComplaintDesk.Application.Identity;
using ComplaintDesk.Domain.Complaints;
using ComplaintDesk.IntegrationTests.Features.Complaints;
using ComplaintDesk.IntegrationTests.Infrastructure;
using ComplaintDesk.IntegrationTests.Localization.WorkspacePages;

namespace ComplaintDesk.IntegrationTests.Pages.Complaints;

/// <summary>The queue's Due column (the reader's zone, "at risk" and "overdue" in words as well as colour) and its due sort.</summary>
public sealed class QueueDueColumnPageTests(ComplaintDeskApp app) : IClassFixture<ComplaintDeskApp>
{
    private static readonly TimeZoneInfo Taipei = TimeZoneInfo.FindSystemTimeZoneById("Asia/Taipei");

    private static string InTaipei(DateTimeOffset at) =>
        TimeZoneInfo.ConvertTime(at, Taipei).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC+8";

    private Task<ComplaintView> LogAsync(TestUser agent, string subject, Severity severity)
    {
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        return app.SendAsync<ComplaintView>(agent.Actor, ComplaintSteps.NewComplaint(subject) with { Severity = severity });
    }

    [Fact]
    public async Task The_due_column_says_at_risk_and_overdue_in_words_and_the_due_sort_puts_the_most_urgent_first()
    {
        var agent = await WorkspaceStaff.CreateAsync(app, "Tai Pei", "en", "Asia/Taipei", Roles.Agent);
        var tag = $"duecol{Guid.NewGuid():N}";
        // Critical cases must be acknowledged within one hour around the clock, and are at risk from 45 minutes on.
        var late = await LogAsync(agent, $"Late {tag}", Severity.Critical);
        app.Clock.Advance(TimeSpan.FromMinutes(20));
        var atRisk = await LogAsync(agent, $"At risk {tag}", Severity.Critical);
        var calm = await LogAsync(agent, $"Calm {tag}", Severity.Low);
        var closed = await LogAsync(agent, $"Closed {tag}", Severity.Low);
        var steps = new ComplaintSteps(app);
        await steps.SendAsync(agent, new AcknowledgeComplaintCommand { ComplaintId = closed.Id });
        await steps.SendAsync(agent, new StartResolvingCommand { ComplaintId = closed.Id });
        await steps.SendAsync(agent, new ResolveComplaintCommand { ComplaintId = closed.Id, Summary = "Done.", Outcome = ResolutionOutcome.Upheld });
        app.Clock.Advance(TimeSpan.FromMinutes(46)); // late: 67 minutes old; at risk: 46
        using var session = await PageSession.SignInAsync(app, agent);

        var page = await session.GetPageAsync($"/Complaints?q={tag}&sort=Due");

        Assert.Equal("Due", page.Document.QuerySelectorAll("thead th").Select(th => th.TextContent.Trim()).ElementAt(9));
        Assert.Equal([late.Id, atRisk.Id, calm.Id, closed.Id],
            page.Document.QuerySelectorAll("tbody tr").Select(tr => Guid.Parse(tr.GetAttribute("data-id")!)));
        var cells = page.Document.QuerySelectorAll("tbody tr [data-testid=due]").ToList();
        Assert.Contains("overdue", cells[0].ClassList);
        Assert.Equal("overdue", cells[0].QuerySelector(".badge")!.TextContent.Trim());
        Assert.Equal(InTaipei(late.NextDueAt!.Value), cells[0].QuerySelector("time")!.TextContent);
        Assert.Contains("at-risk", cells[1].ClassList);
        Assert.Equal("at risk", cells[1].QuerySelector(".badge")!.TextContent.Trim());
        Assert.Equal(InTaipei(atRisk.NextDueAt!.Value), cells[1].QuerySelector("time")!.TextContent);
        Assert.Null(cells[2].QuerySelector(".badge"));
        Assert.DoesNotContain("at-risk", cells[2].ClassList);
        Assert.Equal(InTaipei(calm.NextDueAt!.Value), cells[2].QuerySelector("time")!.TextContent);
        Assert.Null(cells[3].QuerySelector("time"));
        Assert.Equal("—", cells[3].TextContent.Trim());
        Assert.Equal("Due", page.FieldValue("sort")); // the sort in force shows in the form
        Assert.Contains(page.Document.QuerySelectorAll("#sort option"), o => o.GetAttribute("value") == "Due" && o.TextContent == "Next deadline first");
    }

    [Fact]
    public async Task The_next_page_link_keeps_the_due_order_across_cases_without_a_deadline()
    {
        var agent = await app.CreateAgentAsync();
        var tag = $"duepages{Guid.NewGuid():N}";
        var steps = new ComplaintSteps(app);
        var closed = await LogAsync(agent, $"Closed {tag}", Severity.High);
        await steps.SendAsync(agent, new AcknowledgeComplaintCommand { ComplaintId = closed.Id });
        await steps.SendAsync(agent, new StartResolvingCommand { ComplaintId = closed.Id });
        await steps.SendAsync(agent, new ResolveComplaintCommand { ComplaintId = closed.Id, Summary = "Done.", Outcome = ResolutionOutcome.Upheld });
        var low = await LogAsync(agent, $"Low {tag}", Severity.Low);
        var critical = await LogAsync(agent, $"Critical {tag}", Severity.Critical);
        using var session = await PageSession.SignInAsync(app, agent);

        var seen = new List<Guid>();
        var page = await session.GetPageAsync($"/Complaints?q={tag}&sort=Due&limit=1");
        seen.AddRange(page.Document.QuerySelectorAll("tbody tr").Select(tr => Guid.Parse(tr.GetAttribute("data-id")!)));
        while (page.HasLink("Next page"))
        {
            Assert.True(seen.Count < 10, "The next page link never ends.");
            page = await session.GetPageAsync(page.Link("Next page").GetAttribute("href")!);
            seen.AddRange(page.Document.QuerySelectorAll("tbody tr").Select(tr => Guid.Parse(tr.GetAttribute("data-id")!)));
        }

        Assert.Equal([critical.Id, low.Id, closed.Id], seen);
    }
}
