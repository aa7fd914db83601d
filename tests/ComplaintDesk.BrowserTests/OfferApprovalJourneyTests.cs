using System.Text.RegularExpressions;
using ComplaintDesk.Application.Features.Complaints;
using ComplaintDesk.BrowserTests.Infrastructure;
using ComplaintDesk.Domain.Compensation;
using ComplaintDesk.Domain.Complaints;
using Deque.AxeCore.Playwright;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ComplaintDesk.BrowserTests;

/// <summary>
/// Compensation with four eyes, in Chromium: an agent offers three options above their authority on a case being
/// resolved (it waits for approval, and the case cannot be resolved meanwhile); a supervisor approves it in the approvals
/// inbox; the agent records the option the customer chose on the phone, marks it fulfilled with a shipment number, and
/// resolves the case. The database agrees: one ledger line for the chosen option, fulfilled, and the case closed.
/// </summary>
/// <remarks>
/// The case is logged and brought to Resolving through the commands of <see cref="BrowserApp.Database"/>'s host (its fake
/// clock set a little before the real now, never backwards); everything after that happens in the browser against the
/// Kestrel host, on the system clock.
/// </remarks>
public sealed class OfferApprovalJourneyTests(BrowserApp app, Chromium chromium) : IClassFixture<BrowserApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Three_options_above_the_agents_limit_are_approved_chosen_fulfilled_and_the_case_resolves()
    {
        var agent = await app.Database.CreateAgentAsync("Ada Agent");
        var supervisor = await app.Database.CreateSupervisorAsync("Sam Supervisor");

        var tenMinutesAgo = TimeProvider.System.GetUtcNow().AddMinutes(-10);
        if (tenMinutesAgo > app.Database.Clock.GetUtcNow())
        {
            app.Database.Clock.SetUtcNow(tenMinutesAgo);
        }
        var complaint = await app.Database.SendAsync<ComplaintView>(agent.Actor, new LogComplaintCommand
        {
            Customer = new CustomerInput { Name = "Kim Customer", Email = $"kim.{Guid.NewGuid():N}@example.test" },
            Channel = Channel.Phone,
            Category = "productQuality",
            Severity = Severity.High,
            Subject = "Second kettle in a month leaks",
            Description = "The replacement kettle leaks from the base, like the first one.",
        });
        await app.Database.SendAsync<ComplaintView>(agent.Actor, new AssignComplaintCommand { ComplaintId = complaint.Id, OwnerId = agent.Id });
        await app.Database.SendAsync<ComplaintView>(agent.Actor, new AcknowledgeComplaintCommand { ComplaintId = complaint.Id });
        await app.Database.SendAsync<ComplaintView>(agent.Actor, new StartResolvingCommand { ComplaintId = complaint.Id });
        var casePage = $"/Complaints/{complaint.Id}";

        await using var agentBrowser = await BrowserSession.OpenAsync(chromium, app, "offer-journey-agent");
        await using var supervisorBrowser = await BrowserSession.OpenAsync(chromium, app, "offer-journey-supervisor");
        var page = agentBrowser.Page;
        var current = agentBrowser;
        try
        {
            // The agent, on the case: their authority beside an empty offer form.
            await agentBrowser.SignInAsync(agent);
            await agentBrowser.GotoAsync(casePage);
            await Expect(page.GetByTestId("state")).ToHaveTextAsync("Resolving");
            var offers = page.GetByRole(AriaRole.Region, new() { Name = "Offers" });
            await Expect(offers.GetByTestId("remaining-authority")).ToContainTextAsync("1,000.00 TWD");
            await Expect(offers.GetByTestId("customer-compensation")).ToHaveTextAsync("0.00 TWD");

            // Three options, the dearest above the agent's 1,000.
            var form = page.Locator("form.offer-make");
            await FillOptionAsync(form, "Option 1", "Full refund", "1500", "We refund the full price of the kettle.", "Second faulty unit.");
            await FillOptionAsync(form, "Option 2", "Replacement", "900", "A new kettle of a different model, delivered free.", null);
            await FillOptionAsync(form, "Option 3", "Voucher", "1200", "A voucher of 1,200 for your next order.", null);
            await agentBrowser.ScreenshotAsync("1-offer-form");
            await AssertAccessibleAsync(page, "the case page with the offer form filled");
            await form.GetByRole(AriaRole.Button, new() { Name = "Make the offer" }).ClickAsync();

            // It waits for a supervisor, and the case cannot be resolved meanwhile.
            await Expect(page).ToHaveURLAsync(new Regex($"{Regex.Escape(casePage)}#offers$"));
            var offer = offers.GetByTestId("offer");
            await Expect(offer).ToHaveCountAsync(1);
            await Expect(offer.GetByTestId("offer-state")).ToHaveTextAsync("Awaiting approval");
            await Expect(offer.GetByTestId("offer-option")).ToHaveCountAsync(3);
            await Expect(offer.GetByTestId("offer-max-cost")).ToHaveTextAsync("1,500.00 TWD");
            await Expect(offer.GetByTestId("offer-awaiting-approval")).ToBeVisibleAsync();
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Resolve", Exact = true })).ToHaveCountAsync(0);
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Record the answer" })).ToHaveCountAsync(0);
            await agentBrowser.ScreenshotAsync("2-awaiting-approval");
            await AssertAccessibleAsync(page, "the case page with an offer awaiting approval");

            // The supervisor, from the main navigation to the inbox, approves it.
            current = supervisorBrowser;
            var inbox = supervisorBrowser.Page;
            await supervisorBrowser.SignInAsync(supervisor);
            await inbox.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Approvals") }).ClickAsync();
            await Expect(inbox).ToHaveURLAsync(new Regex(@"/Approvals/?$"));
            await Expect(inbox.GetByRole(AriaRole.Heading, new() { Name = "Approvals", Level = 1 })).ToBeVisibleAsync();
            var card = inbox.GetByTestId("pending-approval").Filter(new() { HasText = complaint.Reference });
            await Expect(card).ToHaveCountAsync(1);
            await Expect(card.GetByTestId("proposer")).ToContainTextAsync("by Ada Agent");
            await Expect(card.GetByTestId("customer")).ToContainTextAsync("Kim Customer");
            await Expect(card.GetByTestId("max-cost")).ToHaveTextAsync("1,500.00 TWD");
            await Expect(card.GetByTestId("offer-option")).ToHaveCountAsync(3);
            await supervisorBrowser.ScreenshotAsync("3-inbox");
            await AssertAccessibleAsync(inbox, "the approvals inbox with an offer");
            await card.GetByLabel("Approve", new() { Exact = true }).CheckAsync();
            await card.GetByLabel("Decision comment", new() { Exact = true }).FillAsync("Approved: second faulty unit, the customer may choose.");
            await card.GetByRole(AriaRole.Button, new() { Name = $"Decide the offer {complaint.Reference}" }).ClickAsync();
            await Expect(inbox.GetByTestId("decided")).ToHaveTextAsync($"{complaint.Reference}: offer approved.");
            await Expect(card).ToHaveCountAsync(0);
            await supervisorBrowser.ScreenshotAsync("4-approved");
            supervisorBrowser.AssertNoProblems();

            // The agent again: the offer is in front of the customer, who chose the replacement on the phone.
            current = agentBrowser;
            await agentBrowser.GotoAsync(casePage);
            await Expect(offer.GetByTestId("offer-state")).ToHaveTextAsync("Offered");
            await Expect(offer.GetByTestId("offer-decided")).ToContainTextAsync("Sam Supervisor");
            await Expect(page.GetByTestId("waiting")).ToHaveTextAsync("Waiting on customer");
            await page.GetByLabel("Chose option 2: Replacement, 900.00 TWD").CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Record the answer" }).ClickAsync();
            await Expect(offer.GetByTestId("offer-state")).ToHaveTextAsync("Accepted");
            await Expect(offer.GetByTestId("chosen-option")).ToHaveCountAsync(1);
            await Expect(offers.GetByTestId("customer-compensation")).ToHaveTextAsync("900.00 TWD");
            await agentBrowser.ScreenshotAsync("5-accepted");
            await AssertAccessibleAsync(page, "the case page with an accepted offer and its fulfilment form");

            // The replacement ships: fulfilment with its shipment number.
            await page.GetByLabel("Fulfilment reference (refund, voucher code, shipment number…)").FillAsync("SHIP-2026-1187");
            await page.GetByRole(AriaRole.Button, new() { Name = "Mark fulfilled (offer 1)" }).ClickAsync();
            await Expect(offer.GetByTestId("offer-state")).ToHaveTextAsync("Fulfilled");
            await Expect(offer.GetByTestId("offer-fulfilment")).ToContainTextAsync("reference SHIP-2026-1187 · Ada Agent");

            // And the case resolves: Resolving → Closed.
            await page.GetByLabel("Resolution summary", new() { Exact = true }).FillAsync("Replacement of another model sent (SHIP-2026-1187).");
            await page.GetByLabel("Outcome", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Upheld" });
            await page.GetByRole(AriaRole.Button, new() { Name = "Resolve", Exact = true }).ClickAsync();
            await Expect(page.GetByTestId("state")).ToHaveTextAsync("Closed");
            await Expect(page.Locator(".timeline")).ToContainTextAsync("Offer fulfilled");
            await agentBrowser.ScreenshotAsync("6-closed");
            agentBrowser.AssertNoProblems();
        }
        catch
        {
            await current.SaveFailureScreenshotAsync();
            throw;
        }

        // The database agrees: the second option chosen, approved by the supervisor, one ledger line, fulfilled, closed.
        var stored = await app.Database.QueryDbAsync(db => db.Offers.AsNoTracking().SingleAsync(o => o.ComplaintId == complaint.Id, Ct));
        Assert.Equal((OfferState.Fulfilled, agent.Id, supervisor.Id, "SHIP-2026-1187"),
            (stored.State, stored.ProposedById, stored.DecidedById, stored.FulfilmentReference));
        var chosen = stored.Options.Single(o => o.Id == stored.AcceptedOptionId);
        Assert.Equal((2, CompensationKind.Replacement, 900m), (chosen.Position, chosen.Kind, chosen.Amount));
        var line = await app.Database.QueryDbAsync(db => db.Ledger.AsNoTracking().SingleAsync(l => l.ComplaintId == complaint.Id, Ct));
        Assert.Equal((stored.Id, CompensationKind.Replacement, 900m, "TWD"), (line.OfferId, line.Kind, line.Amount, line.Currency));
        Assert.NotNull(line.FulfilledAt);
        var closed = await app.Database.QueryDbAsync(db => db.Complaints.AsNoTracking().SingleAsync(c => c.Id == complaint.Id, Ct));
        Assert.Equal((ComplaintState.Closed, false, false), (closed.State, closed.WaitingOnCustomer, closed.OfferAwaitingApproval));
        var events = await app.Database.QueryDbAsync(db => db.TimelineEvents.AsNoTracking()
            .Where(e => e.ComplaintId == complaint.Id).OrderBy(e => e.Id).Select(e => e.Kind).ToListAsync(Ct));
        Assert.Equal(
            [TimelineEventKind.OfferMade, TimelineEventKind.OfferApproved, TimelineEventKind.OfferAccepted, TimelineEventKind.OfferFulfilled, TimelineEventKind.Resolved],
            events.SkipWhile(k => k != TimelineEventKind.OfferMade).ToList());
    }

    /// <summary>An axe-core scan of the page as it is now: no violation of impact "serious" or "critical" (as AxeScanTests require).</summary>
    private static async Task AssertAccessibleAsync(IPage page, string what)
    {
        var result = await page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, $"axe found {serious.Count} serious or critical violation(s) on {what}:\n"
            + string.Join("\n", serious.Select(v => $"- {v.Id} ({v.Impact}): {v.Help}\n" + string.Join("\n", v.Nodes.Select(n => $"    {n.Target}: {n.Html}")))));
    }

    /// <summary>Fills one option row of the make-offer form, found by its group (the fieldset's legend starts with <paramref name="option"/>).</summary>
    private static async Task FillOptionAsync(ILocator form, string option, string kind, string cost, string customerText, string? note)
    {
        var row = form.GetByRole(AriaRole.Group, new() { NameRegex = new Regex($"^{Regex.Escape(option)}\\b") });
        await row.GetByLabel("Kind", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = kind });
        await row.GetByLabel("Cost (TWD)", new() { Exact = true }).FillAsync(cost);
        await row.GetByLabel("What the customer is offered (in their language)", new() { Exact = true }).FillAsync(customerText);
        if (note is not null)
        {
            await row.GetByLabel("Internal note (optional, staff only)", new() { Exact = true }).FillAsync(note);
        }
    }
}
