using ComplaintDesk.Domain.Complaints;
using ComplaintDesk.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ComplaintDesk.IntegrationTests.Pages.Complaints;

/// <summary>Every move of the lifecycle table, made by clicking on the case page, with the buttons each state offers.</summary>
public sealed class CasePageLifecycleTests(ComplaintDeskApp app) : IClassFixture<ComplaintDeskApp>
{
    [Fact]
    public async Task One_complaint_walks_through_every_transition_with_only_the_allowed_buttons_shown()
    {
        var agent = await app.CreateAgentAsync("Walk Agent");
        var supervisor = await app.CreateSupervisorAsync("Walk Supervisor");
        using var agentSession = await PageSession.SignInAsync(app, agent);
        using var supervisorSession = await PageSession.SignInAsync(app, supervisor);
        var complaint = await PageSteps.LogAsync(app, agent, "Walked through every state");
        var url = $"/Complaints/{complaint.Id}";

        var page = await agentSession.GetPageAsync(url);
        Assert.Equal(complaint.Reference, page.Heading);
        await AssertAtAsync(page, complaint.Id, ComplaintState.Received, "Acknowledge", "Escalate", "Assign", "Add note");

        page = await ClickAsync(agentSession, page, "Acknowledge", new() { ["Message to the customer (optional)"] = "We are looking into it." });
        await AssertAtAsync(page, complaint.Id, ComplaintState.Acknowledged, "Start resolving", "Escalate", "Assign", "Add note");

        page = await ClickAsync(agentSession, page, "Start resolving");
        await AssertAtAsync(page, complaint.Id, ComplaintState.Resolving, "Resolve", "Escalate", "Assign", "Add note");

        page = await ClickAsync(agentSession, page, "Escalate", new() { ["Reason for escalating"] = "Refund above my authority." });
        await AssertAtAsync(page, complaint.Id, ComplaintState.Escalated, "Assign", "Add note");
        Assert.DoesNotContain("Decide escalation", page.Buttons); // an agent never decides
        var escalation = page.Document.QuerySelectorAll(".timeline li").Single(li => li.TextContent.Contains("Refund above my authority.", StringComparison.Ordinal));
        Assert.Contains("Internal", escalation.TextContent, StringComparison.Ordinal);
        Assert.Contains("internal", escalation.ClassList);

        page = await supervisorSession.GetPageAsync(url);
        await AssertAtAsync(page, complaint.Id, ComplaintState.Escalated, "Decide escalation", "Resolve", "Assign", "Add note");
        page = await ClickAsync(supervisorSession, page, "Decide escalation", new()
        {
            ["Approve"] = "",
            ["Decision comment"] = "Approved: refund in full.",
            ["New owner (with an approval)"] = "Walk Agent",
        });
        await AssertAtAsync(page, complaint.Id, ComplaintState.Resolving, "Resolve", "Escalate", "Assign", "Add note");

        page = await agentSession.GetPageAsync(url);
        page = await ClickAsync(agentSession, page, "Resolve", new() { ["Resolution summary"] = "Refunded in full.", ["Outcome"] = "Partly upheld" });
        await AssertAtAsync(page, complaint.Id, ComplaintState.Closed, "Start follow-up", "Reopen", "Add note");
        Assert.Contains("Partly upheld", page.Text);

        page = await ClickAsync(agentSession, page, "Start follow-up");
        await AssertAtAsync(page, complaint.Id, ComplaintState.FollowUp, "Confirm satisfied", "Reopen", "Assign", "Add note");

        page = await ClickAsync(agentSession, page, "Reopen", new() { ["Reason for reopening"] = "Customer says the refund is short." });
        await AssertAtAsync(page, complaint.Id, ComplaintState.Resolving, "Resolve", "Escalate", "Assign", "Add note");

        page = await ClickAsync(agentSession, page, "Resolve", new() { ["Resolution summary"] = "Difference refunded.", ["Outcome"] = "Upheld" });
        await AssertAtAsync(page, complaint.Id, ComplaintState.Closed, "Start follow-up", "Reopen", "Add note");

        page = await ClickAsync(agentSession, page, "Start follow-up");
        await AssertAtAsync(page, complaint.Id, ComplaintState.FollowUp, "Confirm satisfied", "Reopen", "Assign", "Add note");

        page = await ClickAsync(agentSession, page, "Confirm satisfied", new() { ["Customer's comment (optional)"] = "All good now.", ["Score"] = "5" });
        await AssertAtAsync(page, complaint.Id, ComplaintState.Closed, "Reopen", "Add note"); // no second follow-up
        Assert.Equal(5, await app.QueryDbAsync(db => db.Complaints.Where(c => c.Id == complaint.Id).Select(c => c.SatisfactionScore)
            .SingleAsync(TestContext.Current.CancellationToken)));

        page = await ClickAsync(agentSession, page, "Reopen", new() { ["Reason for reopening"] = "The replacement broke too." });
        await AssertAtAsync(page, complaint.Id, ComplaintState.Resolving, "Resolve", "Escalate", "Assign", "Add note");

        var moves = await app.QueryDbAsync(db => db.TimelineEvents
            .Where(e => e.ComplaintId == complaint.Id && e.To != null)
            .OrderBy(e => e.Id).Select(e => e.Kind).ToListAsync(TestContext.Current.CancellationToken));
        Assert.Equal(
        [
            TimelineEventKind.Logged, TimelineEventKind.Acknowledged, TimelineEventKind.ResolvingStarted, TimelineEventKind.Escalated,
            TimelineEventKind.EscalationApproved, TimelineEventKind.Resolved, TimelineEventKind.FollowUpStarted, TimelineEventKind.Reopened,
            TimelineEventKind.Resolved, TimelineEventKind.FollowUpStarted, TimelineEventKind.SatisfactionConfirmed, TimelineEventKind.Reopened,
        ], moves);
        Assert.Equal(agent.Id, await app.QueryDbAsync(db => db.Complaints.Where(c => c.Id == complaint.Id).Select(c => c.OwnerId)
            .SingleAsync(TestContext.Current.CancellationToken)));
        var shown = page.Document.QuerySelectorAll(".timeline li").Select(li => li.TextContent).ToList();
        Assert.Contains(shown, text => text.Contains("Approved: refund in full.", StringComparison.Ordinal));
        Assert.True(shown.FindIndex(t => t.Contains("Logged", StringComparison.Ordinal)) < shown.FindIndex(t => t.Contains("Reopened", StringComparison.Ordinal)),
            "The timeline reads oldest first.");
    }

    [Fact]
    public async Task Notes_and_assignment_are_posted_from_the_case_page()
    {
        var agent = await app.CreateAgentAsync("Note Agent");
        var colleague = await app.CreateAgentAsync("Colleague Agent");
        using var session = await PageSession.SignInAsync(app, agent);
        var complaint = await PageSteps.LogAsync(app, agent, "Notes and owners");
        var page = await session.GetPageAsync($"/Complaints/{complaint.Id}");

        page = await ClickAsync(session, page, "Add note", new() { ["Note"] = "Called the courier.", ["Visibility"] = "Internal" });
        page = await ClickAsync(session, page, "Assign", new() { ["Owner"] = "Colleague Agent" });

        Assert.Contains("Colleague Agent", page.Document.QuerySelector(".fields")!.TextContent);
        var note = page.Document.QuerySelectorAll(".timeline li").Single(li => li.TextContent.Contains("Called the courier.", StringComparison.Ordinal));
        Assert.Contains("Internal", note.TextContent, StringComparison.Ordinal);
        var stored = await app.QueryDbAsync(db => db.Complaints.SingleAsync(c => c.Id == complaint.Id, TestContext.Current.CancellationToken));
        Assert.Equal(colleague.Id, stored.OwnerId);
        Assert.True(await app.QueryDbAsync(db => db.TimelineEvents.AnyAsync(e => e.ComplaintId == complaint.Id
            && e.Kind == TimelineEventKind.Note && e.Visibility == Visibility.Internal && e.Text == "Called the courier.", TestContext.Current.CancellationToken)));
    }

    /// <summary>Submits the form of <paramref name="button"/>, expects the redirect back to the case (PRG) and follows it.</summary>
    private static async Task<HtmlPage> ClickAsync(PageSession session, HtmlPage page, string button, Dictionary<string, string>? fields = null)
    {
        using var response = await session.SubmitAsync(page, button, fields);
        if (response.StatusCode != System.Net.HttpStatusCode.Redirect)
        {
            var errors = (await HtmlPage.ReadAsync(response)).Document.QuerySelector("[role=alert]")?.TextContent.Trim();
            Assert.Fail($"\"{button}\" answered {(int)response.StatusCode}: {errors}");
        }
        Assert.Equal(new Uri(page.Url).AbsolutePath, response.Headers.Location!.PathAndQueryOf());
        return await session.FollowAsync(response);
    }

    private async Task AssertAtAsync(HtmlPage page, Guid id, ComplaintState state, params string[] buttons)
    {
        Assert.Equal(state == ComplaintState.FollowUp ? "Follow-up" : state.ToString(), page.State); // as the page words it
        Assert.Equal(state, await PageSteps.StateAsync(app, id));
        Assert.Equal(buttons.Order(), page.ActionButtons.Order()); // the action panel; the reply composer and evidence have their own
    }
}
