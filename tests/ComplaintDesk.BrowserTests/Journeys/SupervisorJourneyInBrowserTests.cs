using System.Text.RegularExpressions;
using ComplaintDesk.Application.Features.Complaints;
using ComplaintDesk.BrowserTests.Infrastructure;
using ComplaintDesk.Domain.Complaints;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ComplaintDesk.BrowserTests.Journeys;

/// <summary>
/// A supervisor, in Chromium: an agent's escalation shows in the Escalations view and in the bell; the supervisor
/// opens it and approves it with a comment and a new owner — the complaint moves to Resolving, in the page and in
/// the database.
/// </summary>
public sealed class SupervisorJourneyInBrowserTests(BrowserApp app, Chromium chromium) : IClassFixture<BrowserApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Supervisor_sees_an_escalation_in_the_view_and_the_bell_and_approves_it_with_a_new_owner()
    {
        var agent = await app.Database.CreateAgentAsync("Ada Escalating");
        var newOwner = await app.Database.CreateAgentAsync("Otto Owner");
        var supervisor = await app.Database.CreateSupervisorAsync("Sam Supervisor");

        // The agent's side, through the app's commands.
        var complaint = await app.Database.SendAsync<ComplaintView>(agent.Actor, new LogComplaintCommand
        {
            Customer = new CustomerInput { Name = "Lee Customer", Email = "lee.customer@example.test" },
            Channel = Channel.Phone,
            Category = "billing",
            Subject = "Refund refused for a cancelled order",
            Description = "The order was cancelled within the cooling-off period but no refund arrived.",
        });
        await app.Database.SendAsync<ComplaintView>(agent.Actor, new AssignComplaintCommand { ComplaintId = complaint.Id, OwnerId = agent.Id });
        await app.Database.SendAsync<ComplaintView>(agent.Actor, new AcknowledgeComplaintCommand { ComplaintId = complaint.Id });
        await app.Database.SendAsync<ComplaintView>(agent.Actor, new EscalateComplaintCommand
        {
            ComplaintId = complaint.Id, Reason = "The refund is above my approval limit.",
        });

        await using var browser = await BrowserSession.OpenAsync(chromium, app, "supervisor-journey");
        var page = browser.Page;
        try
        {
            await browser.SignInAsync(supervisor);

            // The queue's Escalated view lists it (the desk has its own journey).
            await page.GetByRole(AriaRole.Navigation, new() { Name = "Queue views" }).GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Escalated") }).ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex(@"/Complaints/?\?(.*&)?view=escalated"));
            var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = complaint.Reference });
            await Expect(row).ToHaveCountAsync(1);
            await Expect(row).ToContainTextAsync("Escalated");
            await Expect(row).ToContainTextAsync("Refund refused for a cancelled order");
            await browser.ScreenshotAsync("1-escalations");

            // The bell counts it; the notification leads to the case.
            var bell = page.GetByRole(AriaRole.Link, new() { Name = "Notifications, 1 unread", Exact = true });
            await Expect(bell).ToBeVisibleAsync();
            await bell.ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Notifications", Level = 1 })).ToBeVisibleAsync();
            var notification = page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex($"Ada Escalating escalated {Regex.Escape(complaint.Reference)}") });
            await Expect(notification).ToContainTextAsync("The refund is above my approval limit.");
            await browser.ScreenshotAsync("2-notifications");
            await notification.ClickAsync();

            // The case page: escalated, with the decision form.
            await Expect(page).ToHaveURLAsync(BrowserSession.CasePageUrl());
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(complaint.Reference);
            var state = page.GetByTestId("state");
            await Expect(state).ToHaveTextAsync("Escalated");
            await browser.ScreenshotAsync("3-case-escalated");

            // Approve with a comment and a new owner.
            await page.GetByLabel("Approve", new() { Exact = true }).CheckAsync();
            await page.GetByLabel("Decision comment", new() { Exact = true }).FillAsync("Approved: refund in full, Otto handles the payment.");
            await page.GetByLabel(new Regex("^New owner")).SelectOptionAsync(new SelectOptionValue { Label = "Otto Owner" });
            await page.GetByRole(AriaRole.Button, new() { Name = "Decide escalation" }).ClickAsync();

            await Expect(state).ToHaveTextAsync("Resolving");
            await Expect(page.GetByTestId("owner")).ToContainTextAsync("Otto Owner");
            await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Timeline" }))
                .ToContainTextAsync("Approved: refund in full, Otto handles the payment.");
            await browser.ScreenshotAsync("4-case-decided");
            browser.AssertNoProblems();

            // The database agrees.
            var stored = await app.Database.QueryDbAsync(db => db.Complaints.AsNoTracking().SingleAsync(c => c.Id == complaint.Id, Ct));
            Assert.Equal(ComplaintState.Resolving, stored.State);
            Assert.Equal(newOwner.Id, stored.OwnerId);
            var decision = await app.Database.QueryDbAsync(db => db.TimelineEvents.AsNoTracking()
                .SingleAsync(e => e.ComplaintId == complaint.Id && e.Kind == TimelineEventKind.EscalationApproved, Ct));
            Assert.Equal(("Sam Supervisor", "Approved: refund in full, Otto handles the payment."), (decision.ActorName, decision.Text));
        }
        catch
        {
            await browser.SaveFailureScreenshotAsync();
            throw;
        }
    }
}
