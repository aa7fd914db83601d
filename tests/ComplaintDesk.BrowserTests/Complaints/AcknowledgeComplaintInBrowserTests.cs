using System.Text.RegularExpressions;
using ComplaintDesk.BrowserTests.Infrastructure;
using ComplaintDesk.Domain.Complaints;
using ComplaintDesk.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ComplaintDesk.BrowserTests.Complaints;

/// <summary>An agent, in a real Chromium against the real app on a real port: sign in, log a complaint, acknowledge it.</summary>
public sealed partial class AcknowledgeComplaintInBrowserTests(BrowserApp app, Chromium chromium) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task Agent_signs_in_logs_a_complaint_and_acknowledges_it()
    {
        var agent = await app.Database.CreateAgentAsync("Bea Browser");
        await using var context = await chromium.NewContextAsync(app.BaseAddress);
        var page = await context.NewPageAsync();

        try
        {
            // Sign in.
            var login = await page.GotoAsync("/Account/Login");
            Assert.NotNull(login);
            Assert.True(login.Ok, $"GET /Account/Login answered {login.Status}");
            await page.GetByLabel("Email", new() { Exact = true }).FillAsync(agent.Email);
            await page.GetByLabel("Password", new() { Exact = true }).FillAsync(ComplaintDeskApp.Password);
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
            await Expect(page).ToHaveURLAsync(ComplaintsListUrl());

            // Log a complaint.
            await page.GotoAsync("/Complaints/New");
            await page.GetByLabel("Customer name", new() { Exact = true }).FillAsync("Mia Customer");
            await page.GetByLabel("Email", new() { Exact = true }).FillAsync("mia.customer@example.test");
            await page.GetByLabel("Phone", new() { Exact = true }).FillAsync("+886 2 1234 5678");
            await page.GetByLabel("Channel", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Email" });
            await page.GetByLabel("Category", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Product quality" });
            await page.GetByLabel("Severity", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "High" });
            await page.GetByLabel("Subject", new() { Exact = true }).FillAsync("Kettle lid snapped off");
            await page.GetByLabel("Description", new() { Exact = true })
                .FillAsync("The hinge of the kettle lid snapped the second time I opened it.");
            await page.GetByRole(AriaRole.Button, new() { Name = "Log complaint" }).ClickAsync();

            // The case page: its reference in the heading, the state Received.
            await Expect(page).ToHaveURLAsync(CasePageUrl());
            var heading = page.GetByRole(AriaRole.Heading, new() { Level = 1 });
            await Expect(heading).ToContainTextAsync(ReferencePattern());
            var reference = ReferencePattern().Match(await heading.InnerTextAsync()).Value;
            var state = page.GetByTestId("state");
            await Expect(state).ToHaveTextAsync("Received");

            // Acknowledge it.
            await page.GetByRole(AriaRole.Button, new() { Name = "Acknowledge", Exact = true }).ClickAsync();
            await Expect(state).ToHaveTextAsync("Acknowledged");
            await Expect(heading).ToContainTextAsync(reference);

            await page.ScreenshotAsync(new PageScreenshotOptions { Path = ScreenshotPath("case-acknowledged.png"), FullPage = true });

            // And in the database.
            var stored = await app.Database.QueryDbAsync(db => db.Complaints.AsNoTracking()
                .SingleAsync(c => c.Reference == reference, TestContext.Current.CancellationToken));
            Assert.Equal(ComplaintState.Acknowledged, stored.State);
            Assert.Equal("Kettle lid snapped off", stored.Subject);
        }
        catch
        {
            await SaveFailureScreenshotAsync(page);
            throw;
        }
    }

    /// <summary>What the browser saw when a step failed, for the test output; never hides the failure itself.</summary>
    private static async Task SaveFailureScreenshotAsync(IPage page)
    {
        var path = ScreenshotPath("failure.png");
        try
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
            TestContext.Current.SendDiagnosticMessage($"The browser was at {page.Url}; screenshot: {path}");
        }
        catch (PlaywrightException ex)
        {
            TestContext.Current.SendDiagnosticMessage($"The browser was at {page.Url}; no screenshot: {ex.Message}");
        }
    }

    private static string ScreenshotPath(string name) => Path.Combine(AppContext.BaseDirectory, "screenshots", name);

    [GeneratedRegex(@"CD-\d{4}-\d{6}")]
    private static partial Regex ReferencePattern();

    [GeneratedRegex(@"/Complaints/?(\?.*)?$")]
    private static partial Regex ComplaintsListUrl();

    [GeneratedRegex(@"/Complaints/(?!New)[^/?#]+/?(\?.*)?$")]
    private static partial Regex CasePageUrl();
}
