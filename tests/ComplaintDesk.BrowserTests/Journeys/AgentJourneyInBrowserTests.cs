using System.Text.RegularExpressions;
using ComplaintDesk.BrowserTests.Infrastructure;
using ComplaintDesk.Domain.Complaints;
using ComplaintDesk.Domain.Customers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ComplaintDesk.BrowserTests.Journeys;

/// <summary>
/// The agent's whole day with one complaint, in Chromium against the real app: sign in, log it with a photo, see the
/// photo on the case page, acknowledge, reply from a template, start resolving, resolve — and the database agrees.
/// </summary>
public sealed class AgentJourneyInBrowserTests(BrowserApp app, Chromium chromium) : IClassFixture<BrowserApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Agent_logs_a_complaint_with_a_photo_acknowledges_replies_from_a_template_and_resolves_it()
    {
        var agent = await app.Database.CreateAgentAsync("Amy Journey");
        // A seeded template (the migration's English acknowledgement script).
        var template = await app.Database.QueryDbAsync(db => db.ReplyTemplates.AsNoTracking()
            .Where(t => t.Language == Languages.English && t.CategoryCode == null && t.Title.StartsWith("Acknowledgement"))
            .Select(t => new { t.Id, t.Title })
            .SingleAsync(Ct));
        var photo = TestImages.Png(64, 48);

        await using var browser = await BrowserSession.OpenAsync(chromium, app, "agent-journey");
        var page = browser.Page;
        try
        {
            // Sign in: the queue.
            await browser.SignInAsync(agent);
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Queue", Level = 1 })).ToBeVisibleAsync();
            await browser.ScreenshotAsync("1-queue");

            // Log a complaint with a photo.
            await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "New complaint" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "New complaint", Level = 1 })).ToBeVisibleAsync();
            await page.GetByLabel("Customer name", new() { Exact = true }).FillAsync("Mia Customer");
            await page.GetByLabel("Email", new() { Exact = true }).FillAsync("mia.journey@example.test");
            await page.GetByLabel("Phone", new() { Exact = true }).FillAsync("+886 2 1234 5678");
            await page.GetByLabel("Channel", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Email" });
            await page.GetByLabel("Category", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Product quality" });
            await page.GetByLabel("Severity", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Medium" });
            await page.GetByLabel("Subject", new() { Exact = true }).FillAsync("Kettle lid snapped off");
            await page.GetByLabel("Description", new() { Exact = true })
                .FillAsync("The hinge of the kettle lid snapped the second time I opened it. Photo attached.");
            await page.GetByLabel("Order reference", new() { Exact = true }).FillAsync("ORD-77812");
            await page.GetByLabel("Product", new() { Exact = true }).FillAsync("Kettle K-200");
            await page.GetByLabel(new Regex("^Evidence")).SetInputFilesAsync(new FilePayload
            {
                Name = "kettle-lid.png", MimeType = "image/png", Buffer = photo,
            });
            await browser.ScreenshotAsync("2-intake");
            await page.GetByRole(AriaRole.Button, new() { Name = "Log complaint" }).ClickAsync();

            // The case page: reference, state Received, the photo as a thumbnail that really loaded.
            await Expect(page).ToHaveURLAsync(BrowserSession.CasePageUrl());
            var heading = page.GetByRole(AriaRole.Heading, new() { Level = 1 });
            await Expect(heading).ToContainTextAsync(BrowserSession.Reference());
            var reference = BrowserSession.Reference().Match(await heading.InnerTextAsync()).Value;
            var state = page.GetByTestId("state");
            await Expect(state).ToHaveTextAsync("Received");
            var thumbnail = page.GetByRole(AriaRole.Region, new() { Name = "Evidence" }).GetByRole(AriaRole.Img, new() { Name = "kettle-lid.png" });
            await thumbnail.ScrollIntoViewIfNeededAsync();
            await Expect(thumbnail).ToBeVisibleAsync();
            await Expect(thumbnail).ToHaveJSPropertyAsync("naturalWidth", 64); // decoded: the file came back as a picture
            await browser.ScreenshotAsync("3-case-received");

            // Acknowledge.
            await page.GetByRole(AriaRole.Button, new() { Name = "Acknowledge", Exact = true }).ClickAsync();
            await Expect(state).ToHaveTextAsync("Acknowledged");

            // Reply from a template: the picker fills the composer from the case, then the reply is sent.
            await page.GetByLabel("Reply template", new() { Exact = true }).SelectOptionAsync(template.Id.ToString());
            await page.GetByRole(AriaRole.Button, new() { Name = "Use template" }).ClickAsync();
            var composer = page.GetByRole(AriaRole.Textbox, new() { NameRegex = new Regex("^Reply") });
            await Expect(composer).ToHaveValueAsync(new Regex($"Dear Mia Customer,[\\s\\S]*{Regex.Escape(reference)}"));
            await page.GetByRole(AriaRole.Button, new() { Name = "Send reply" }).ClickAsync();

            var reply = page.GetByRole(AriaRole.Region, new() { Name = "Timeline" }).GetByRole(AriaRole.Listitem)
                .Filter(new() { HasText = "Reply to the customer" });
            await Expect(reply).ToHaveCountAsync(1);
            await Expect(reply).ToContainTextAsync("Dear Mia Customer");
            await Expect(reply).ToContainTextAsync(reference);
            await Expect(reply).ToContainTextAsync("visible to the customer");
            await Expect(reply).ToHaveClassAsync(new Regex(@"\bpublic\b"));
            await Expect(reply).Not.ToContainTextAsync("Internal");
            await browser.ScreenshotAsync("4-case-replied");

            // Start resolving, then resolve with a summary and an outcome.
            await page.GetByRole(AriaRole.Button, new() { Name = "Start resolving" }).ClickAsync();
            await Expect(state).ToHaveTextAsync("Resolving");
            await page.GetByLabel("Resolution summary", new() { Exact = true }).FillAsync("Sent a replacement lid; the customer confirmed it fits.");
            await page.GetByLabel("Outcome", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Upheld" });
            await page.GetByRole(AriaRole.Button, new() { Name = "Resolve", Exact = true }).ClickAsync();
            await Expect(state).ToHaveTextAsync("Closed");
            await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Details" })).ToContainTextAsync("Sent a replacement lid");
            await browser.ScreenshotAsync("5-case-closed");
            browser.AssertNoProblems();

            // The database agrees.
            var stored = await app.Database.QueryDbAsync(db => db.Complaints.AsNoTracking().Include(c => c.Customer)
                .SingleAsync(c => c.Reference == reference, Ct));
            Assert.Equal(ComplaintState.Closed, stored.State);
            Assert.Equal(ResolutionOutcome.Upheld, stored.Outcome);
            Assert.Equal("Sent a replacement lid; the customer confirmed it fits.", stored.ResolutionSummary);
            Assert.Equal(("Kettle lid snapped off", "Mia Customer", "ORD-77812"), (stored.Subject, stored.Customer.Name, stored.OrderReference));
            Assert.NotNull(stored.AcknowledgedAt);
            Assert.NotNull(stored.ClosedAt);

            var evidence = await app.Database.QueryDbAsync(db => db.Attachments.AsNoTracking().Where(a => a.ComplaintId == stored.Id).ToListAsync(Ct));
            var attachment = Assert.Single(evidence);
            Assert.Equal(("kettle-lid.png", "image/png", (long)photo.Length), (attachment.FileName, attachment.ContentType, attachment.Size));

            var replies = await app.Database.QueryDbAsync(db => db.TimelineEvents.AsNoTracking()
                .Where(e => e.ComplaintId == stored.Id && e.Kind == TimelineEventKind.Reply).ToListAsync(Ct));
            var sent = Assert.Single(replies);
            Assert.Equal(Visibility.Public, sent.Visibility);
            Assert.StartsWith("Dear Mia Customer,", sent.Text, StringComparison.Ordinal);
            Assert.Contains(reference, sent.Text, StringComparison.Ordinal);
        }
        catch
        {
            await browser.SaveFailureScreenshotAsync();
            throw;
        }
    }
}
