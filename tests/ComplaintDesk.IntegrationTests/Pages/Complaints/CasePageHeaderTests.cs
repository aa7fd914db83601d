using ComplaintDesk.Application.Features.Complaints;
using ComplaintDesk.Domain.Complaints;
using ComplaintDesk.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ComplaintDesk.IntegrationTests.Pages.Complaints;

/// <summary>The case page's header and what it links to: badges, the repeat complainant, the same order.</summary>
public sealed class CasePageHeaderTests(ComplaintDeskApp app) : IClassFixture<ComplaintDeskApp>
{
    private static LogComplaintCommand Complaint(string subject, string email, string? order = null) => new()
    {
        Customer = new CustomerInput { Name = "Rita Repeat", Email = email },
        Channel = Channel.Phone,
        Category = "logistics",
        Severity = Severity.High,
        Subject = subject,
        Description = "The parcel did not arrive.",
        OrderReference = order,
    };

    [Fact]
    public async Task The_header_shows_state_severity_category_channel_owner_escalation_and_risk()
    {
        var agent = await app.CreateAgentAsync("Header Agent");
        using var session = await PageSession.SignInAsync(app, agent);
        var complaint = await app.SendAsync<ComplaintView>(agent.Actor, Complaint("Header", $"h.{Guid.NewGuid():N}@example.test"));
        await app.SendAsync<ComplaintView>(agent.Actor, new AssignComplaintCommand { ComplaintId = complaint.Id, OwnerId = agent.Id });
        await app.SendAsync<ComplaintView>(agent.Actor, new EscalateComplaintCommand { ComplaintId = complaint.Id, Reason = "Needs a supervisor." });
        var plain = await session.GetPageAsync($"/Complaints/{complaint.Id}");
        await app.QueryDbAsync(db => db.Complaints.Where(c => c.Id == complaint.Id)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.RiskFlag, true), TestContext.Current.CancellationToken));

        var page = await session.GetPageAsync($"/Complaints/{complaint.Id}");

        Assert.Equal(complaint.Reference, page.Heading);
        Assert.Equal("Escalated", page.State);
        Assert.Equal("High severity", page.TestId("severity")!.TextContent.Trim());
        Assert.Equal("Logistics / delivery", page.TestId("category")!.TextContent.Trim());
        Assert.Equal("Phone", page.TestId("channel")!.TextContent.Trim());
        Assert.Equal("Owner: Header Agent", page.TestId("owner")!.TextContent.Trim());
        Assert.Equal("Escalation level 1", page.TestId("escalation")!.TextContent.Trim());
        Assert.Equal("Risk flag", page.TestId("risk")!.TextContent.Trim());
        Assert.Null(plain.TestId("risk"));
        Assert.Null(page.TestId("repeat")); // a first complaint has no repeat badge
    }

    [Fact]
    public async Task A_repeat_complainant_gets_an_ordinal_badge_and_links_to_their_other_complaints_and_the_same_order()
    {
        var agent = await app.CreateAgentAsync();
        var email = $"rita.{Guid.NewGuid():N}@example.test";
        var order = $"SO-{Guid.NewGuid():N}"[..16];
        var first = await app.SendAsync<ComplaintView>(agent.Actor, Complaint("First parcel", email, order));
        app.Clock.Advance(TimeSpan.FromDays(10));
        var second = await app.SendAsync<ComplaintView>(agent.Actor, Complaint("Second parcel", email));
        app.Clock.Advance(TimeSpan.FromDays(10));
        var third = await app.SendAsync<ComplaintView>(agent.Actor, Complaint("Third parcel", email, order));
        var otherCustomerSameOrder = await app.SendAsync<ComplaintView>(agent.Actor, Complaint("Neighbour's parcel", $"n.{Guid.NewGuid():N}@example.test", order));
        using var session = await PageSession.SignInAsync(app, agent); // after moving the clock: a cookie lasts hours, not weeks

        var page = await session.GetPageAsync($"/Complaints/{third.Id}");

        Assert.Equal("3rd complaint in 90 days", page.TestId("repeat")!.TextContent.Trim());
        Assert.Contains("3 complaints in all", page.Text, StringComparison.Ordinal);
        Assert.Equal([second.Reference, first.Reference], Links(page, "customer-complaints").Select(l => l.Text));
        Assert.Equal($"/Complaints/{second.Id}", Links(page, "customer-complaints")[0].Href);
        Assert.Equal(new[] { otherCustomerSameOrder.Reference, first.Reference }, Links(page, "same-order").Select(l => l.Text));
        var ofSecond = await session.GetPageAsync($"/Complaints/{second.Id}");
        Assert.Equal("2nd complaint in 90 days", ofSecond.TestId("repeat")!.TextContent.Trim());
        Assert.Null(ofSecond.TestId("same-order")); // no order reference
    }

    [Fact]
    public async Task The_timeline_tells_replies_notes_and_events_apart()
    {
        var agent = await app.CreateAgentAsync();
        using var session = await PageSession.SignInAsync(app, agent);
        var complaint = await app.SendAsync<ComplaintView>(agent.Actor, Complaint("Timeline", $"t.{Guid.NewGuid():N}@example.test"));
        await app.SendAsync<TimelineEntry>(agent.Actor, new AddNoteCommand { ComplaintId = complaint.Id, Body = "Courier says delivered.", Visibility = Visibility.Internal });
        await app.SendAsync<Application.Features.Replies.ReplyView>(agent.Actor,
            new Application.Features.Replies.ReplyToComplaintCommand { ComplaintId = complaint.Id, Body = "We are checking with the courier." });

        var page = await session.GetPageAsync($"/Complaints/{complaint.Id}");

        var items = page.Document.QuerySelectorAll(".timeline li").ToList();
        var logged = items.Single(li => li.GetAttribute("data-kind") == "Event");
        var note = items.Single(li => li.TextContent.Contains("Courier says delivered.", StringComparison.Ordinal));
        var reply = items.Single(li => li.TextContent.Contains("We are checking with the courier.", StringComparison.Ordinal));
        Assert.Equal(["event", "public"], logged.ClassList.Order());
        Assert.Equal(["internal", "note"], note.ClassList.Order());
        Assert.Equal(["public", "reply"], reply.ClassList.Order());
        Assert.Equal("Event", logged.QuerySelector(".kind-label")!.TextContent.Trim());
        Assert.Equal("Internal note", note.QuerySelector(".kind-label")!.TextContent.Trim());
        Assert.Equal("Reply to the customer", reply.QuerySelector(".kind-label")!.TextContent.Trim());
        Assert.Contains("visible to the customer", reply.TextContent, StringComparison.Ordinal);
        Assert.Contains("Internal", note.QuerySelector(".badge")!.TextContent, StringComparison.Ordinal);
    }

    private static List<(string Text, string Href)> Links(HtmlPage page, string testId) =>
        page.TestId(testId)?.QuerySelectorAll("a").Select(a => (a.TextContent.Trim(), a.GetAttribute("href")!)).ToList()
        ?? throw new InvalidOperationException($"No {testId} list.");
}
