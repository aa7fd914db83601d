using System.Text.RegularExpressions;
using ComplaintDesk.Application.Features.Complaints;
using ComplaintDesk.BrowserTests.Infrastructure;
using ComplaintDesk.Domain.Complaints;
using ComplaintDesk.Domain.Sla;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ComplaintDesk.BrowserTests;

/// <summary>
/// A case nobody acknowledges breaches its deadline and the sweeper escalates it; a supervisor, in Chromium, finds it
/// on the escalation desk with the breach as its reason, approves it with a new owner, and the case leaves the desk.
/// </summary>
/// <remarks>
/// How time passes: the browser talks to the Kestrel host, which runs on the system clock (a browser drops cookies a
/// stopped clock would date in the past). The case, though, is logged and swept through the app's other host,
/// <see cref="BrowserApp.Database"/>, whose clock is a <see cref="Microsoft.Extensions.Time.Testing.FakeTimeProvider"/>
/// on the same database: it is set 90 minutes before the real now, the case is logged, the clock moves 61 minutes on
/// (past the critical case's one-hour acknowledge deadline) and the real <see cref="Application.Features.Sla.SlaSweeper"/>
/// sweeps, as the background worker would (it is switched off in tests). So the breach and the automatic escalation
/// happen through the production code, at instants that lie in the past for the Kestrel host, where the supervisor's
/// decision then follows in real time. No row is written by hand.
/// </remarks>
public sealed class EscalationDeskJourneyTests(BrowserApp app, Chromium chromium) : IClassFixture<BrowserApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_automatically_escalated_case_is_decided_on_the_desk_and_leaves_it()
    {
        var agent = await app.Database.CreateAgentAsync("Ada Agent");
        var newOwner = await app.Database.CreateAgentAsync("Otto Owner");
        var supervisor = await app.Database.CreateSupervisorAsync("Sam Supervisor");

        // Ninety minutes ago (never backwards: the fake clock only moves forward).
        var ninetyMinutesAgo = TimeProvider.System.GetUtcNow().AddMinutes(-90);
        if (ninetyMinutesAgo > app.Database.Clock.GetUtcNow())
        {
            app.Database.Clock.SetUtcNow(ninetyMinutesAgo);
        }
        var complaint = await app.Database.SendAsync<ComplaintView>(agent.Actor, new LogComplaintCommand
        {
            Customer = new CustomerInput { Name = "Lee Customer", Email = $"lee.{Guid.NewGuid():N}@example.test" },
            Channel = Channel.Phone,
            Category = "billing",
            Severity = Severity.Critical,
            Subject = "Charged twice, nobody answers",
            Description = "The card was charged twice for one order and nobody has called back.",
        });
        await app.Database.SendAsync<ComplaintView>(agent.Actor, new AssignComplaintCommand { ComplaintId = complaint.Id, OwnerId = agent.Id });
        // Critical: acknowledge within one hour, around the clock. Nobody does.
        app.Database.Clock.Advance(TimeSpan.FromMinutes(61));
        Assert.True(await app.Database.SweepAsync() >= 1);
        var escalated = await app.Database.QueryDbAsync(db => db.Complaints.AsNoTracking().SingleAsync(c => c.Id == complaint.Id, Ct));
        Assert.Equal((ComplaintState.Escalated, true), (escalated.State, escalated.Overdue));

        await using var browser = await BrowserSession.OpenAsync(chromium, app, "escalation-desk");
        var page = browser.Page;
        try
        {
            await browser.SignInAsync(supervisor);

            // The desk, from the main navigation.
            await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Escalations" }).ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex(@"/Escalations/?$"));
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Escalation desk", Level = 1 })).ToBeVisibleAsync();
            await Expect(page.GetByTestId("desk-strip")).ToContainTextAsync("At risk now");

            var card = page.GetByTestId("escalated-case").Filter(new() { HasText = complaint.Reference });
            await Expect(card).ToHaveCountAsync(1);
            await Expect(card.GetByTestId("reason")).ToHaveTextAsync("SLA breach: the acknowledge deadline passed");
            await Expect(card).ToContainTextAsync("by System");
            await Expect(card).ToContainTextAsync("Owner: Ada Agent");
            await Expect(card.GetByTestId("time-left")).ToHaveTextAsync(new Regex(@"^(\d+ h )?\d+ min left$")); // the decision is due 2 h after the escalation, about 90 min from now
            await Expect(card.GetByTestId("customer")).ToContainTextAsync("Lee Customer");
            await Expect(card.GetByTestId("pending-offers")).ToHaveTextAsync("none");
            await browser.ScreenshotAsync("1-desk");

            // Approve, handing the case to Otto.
            await card.GetByLabel("Approve", new() { Exact = true }).CheckAsync();
            await card.GetByLabel("Decision comment", new() { Exact = true }).FillAsync("Approved: Otto calls the customer today and refunds the double charge.");
            await card.GetByLabel("New owner (with an approval)").SelectOptionAsync(new SelectOptionValue { Label = "Otto Owner" });
            await card.GetByRole(AriaRole.Button, new() { Name = $"Decide escalation {complaint.Reference}" }).ClickAsync();

            // Back on the desk: the decision is confirmed and the case has left.
            await Expect(page).ToHaveURLAsync(new Regex(@"/Escalations/?$"));
            await Expect(page.GetByTestId("decided")).ToHaveTextAsync($"{complaint.Reference}: escalation approved.");
            await Expect(card).ToHaveCountAsync(0);
            await browser.ScreenshotAsync("2-decided");
            browser.AssertNoProblems();
        }
        catch
        {
            await browser.SaveFailureScreenshotAsync();
            throw;
        }

        // The database agrees: resolving, Otto's, the decision recorded, the decision deadline met.
        var stored = await app.Database.QueryDbAsync(db => db.Complaints.AsNoTracking().SingleAsync(c => c.Id == complaint.Id, Ct));
        Assert.Equal((ComplaintState.Resolving, newOwner.Id), (stored.State, stored.OwnerId));
        var decision = await app.Database.QueryDbAsync(db => db.TimelineEvents.AsNoTracking()
            .SingleAsync(e => e.ComplaintId == complaint.Id && e.Kind == TimelineEventKind.EscalationApproved, Ct));
        Assert.Equal(("Sam Supervisor", "Approved: Otto calls the customer today and refunds the double charge."), (decision.ActorName, decision.Text));
        var decisionClock = await app.Database.QueryDbAsync(db => db.SlaClocks.AsNoTracking()
            .SingleAsync(c => c.ComplaintId == complaint.Id && c.Kind == SlaClockKind.EscalationDecision, Ct));
        Assert.Equal(SlaClockState.Met, decisionClock.State);
    }
}
