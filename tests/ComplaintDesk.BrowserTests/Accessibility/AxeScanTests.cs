using ComplaintDesk.Application.Features.Complaints;
using ComplaintDesk.Application.Features.Evidence;
using ComplaintDesk.Application.Features.Replies;
using ComplaintDesk.Application.Identity;
using ComplaintDesk.BrowserTests.Infrastructure;
using ComplaintDesk.Domain.Complaints;
using ComplaintDesk.IntegrationTests.Infrastructure;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ComplaintDesk.BrowserTests.Accessibility;

/// <summary>The pages the axe scans visit: users, and complaints that fill every part of the case page.</summary>
public sealed class AxeFixture(TestDatabaseServer server) : IAsyncLifetime
{
    public BrowserApp App { get; } = new(server);

    public TestUser Agent { get; private set; } = null!;
    public TestUser Supervisor { get; private set; } = null!;
    public TestUser Admin { get; private set; } = null!;

    /// <summary>Acknowledged, owned by the agent, with notes, a reply, a photo and a repeat customer.</summary>
    public ComplaintView Busy { get; private set; } = null!;

    /// <summary>Waiting for a supervisor's decision.</summary>
    public ComplaintView Escalated { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        await App.InitializeAsync();
        var db = App.Database;
        Agent = await db.CreateAgentAsync("Axel Agent");
        Supervisor = await db.CreateSupervisorAsync("Sue Supervisor");
        Admin = await db.CreateUserAsync("Ada Admin", Roles.Admin);
        var agent = Agent.Actor;

        var customer = new CustomerInput { Name = "Rita Repeat", Email = "rita.repeat@example.test", Phone = "+44 20 7946 0000" };
        var earlier = await LogAsync(customer, "Late delivery of a sofa", "ORD-1001");
        Busy = await LogAsync(customer, "Sofa arrived with a torn cushion", "ORD-1001");
        await db.SendAsync<ComplaintView>(agent, new AssignComplaintCommand { ComplaintId = Busy.Id, OwnerId = Agent.Id });
        await db.SendAsync<ComplaintView>(agent, new AcknowledgeComplaintCommand { ComplaintId = Busy.Id, Message = "We are looking into it." });
        await db.SendAsync<TimelineEntry>(agent, new AddNoteCommand { ComplaintId = Busy.Id, Body = "Checked the courier's photos.", Visibility = Visibility.Internal });
        await db.SendAsync<TimelineEntry>(agent, new AddNoteCommand { ComplaintId = Busy.Id, Body = "A technician will call.", Visibility = Visibility.Public });
        await db.SendAsync<ReplyView>(agent, new ReplyToComplaintCommand { ComplaintId = Busy.Id, Body = "Dear Rita, we are sorry about the cushion." });
        var photo = TestImages.Png(64, 48);
        await using (var content = new MemoryStream(photo))
        {
            await db.SendAsync<AttachmentView>(agent, new AddEvidenceCommand
            {
                ComplaintId = Busy.Id, FileName = "torn-cushion.png", Length = photo.Length, Content = content,
            });
        }
        await db.SendAsync<ComplaintView>(agent, new AcknowledgeComplaintCommand { ComplaintId = earlier.Id });
        var paid = await db.SendAsync<global::ComplaintDesk.Application.Features.Compensation.OfferView>(agent, new global::ComplaintDesk.Application.Features.Compensation.MakeOfferCommand { ComplaintId = earlier.Id, Options = [new() { Kind = global::ComplaintDesk.Domain.Compensation.CompensationKind.Voucher, Amount = 300m, CustomerText = "A voucher for the late sofa." }] });
        await db.SendAsync<global::ComplaintDesk.Application.Features.Compensation.OfferView>(agent, new global::ComplaintDesk.Application.Features.Compensation.AnswerOfferCommand { OfferId = paid.Id, OfferVersion = paid.Version, OptionId = paid.Options[0].Id });

        Escalated = await LogAsync(new CustomerInput { Name = "Eli Escalated", Email = "eli@example.test" }, "Refund above the agent's limit", "ORD-2002");
        await db.SendAsync<ComplaintView>(agent, new EscalateComplaintCommand { ComplaintId = Escalated.Id, Reason = "Refund above my limit." });
    }

    private Task<ComplaintView> LogAsync(CustomerInput customer, string subject, string order) =>
        App.Database.SendAsync<ComplaintView>(Agent.Actor, new LogComplaintCommand
        {
            Customer = customer,
            Channel = Channel.Email,
            Category = "productQuality",
            Severity = Severity.Medium,
            Subject = subject,
            Description = "The customer describes the problem in a few sentences.",
            OrderReference = order,
            ProductName = "Sofa S-3",
            DesiredResolution = DesiredResolution.Replacement,
            DesiredResolutionText = "A new cushion cover.",
        });

    public ValueTask DisposeAsync() => App.DisposeAsync();
}

/// <summary>
/// An axe-core scan (Deque.AxeCore.Playwright) of the workspace's main pages, in Chromium: no violation of impact
/// "serious" or "critical". A failure lists each one — rule, impact, the element (CSS target) and what axe says is
/// wrong. Every scanned page leaves a full-page screenshot in screenshots/ and the whole axe report (minor and
/// moderate findings too) in accessibility/.
/// </summary>
public sealed class AxeScanTests(AxeFixture fixture, Chromium chromium) : IClassFixture<AxeFixture>
{
    public static TheoryData<string> AgentPages => ["queue", "case", "intake"];

    [Theory]
    [MemberData(nameof(AgentPages))]
    public async Task The_agents_pages_have_no_serious_or_critical_violations(string name)
    {
        var url = name switch
        {
            "queue" => "/Complaints",
            "case" => $"/Complaints/{fixture.Busy.Id}",
            "intake" => "/Complaints/New",
            _ => throw new ArgumentOutOfRangeException(nameof(name)),
        };
        await ScanAsync(fixture.Agent, url, name, async page =>
        {
            if (name == "case")
            {
                // The photo thumbnail is loaded lazily: scroll to it so axe sees the page as a person would.
                var thumbnail = page.GetByRole(AriaRole.Img, new() { Name = "torn-cushion.png" });
                await thumbnail.ScrollIntoViewIfNeededAsync();
                await Expect(thumbnail).ToHaveJSPropertyAsync("naturalWidth", 64);
            }
        });
    }

    [Fact]
    public async Task The_case_page_with_the_escalation_decision_has_no_serious_or_critical_violations() =>
        await ScanAsync(fixture.Supervisor, $"/Complaints/{fixture.Escalated.Id}", "case-escalated");

    [Fact]
    public async Task The_escalations_view_and_notifications_have_no_serious_or_critical_violations()
    {
        await ScanAsync(fixture.Supervisor, "/Complaints?view=escalated", "escalations");
        await ScanAsync(fixture.Supervisor, "/Escalations", "escalation-desk");
        await ScanAsync(fixture.Supervisor, "/Approvals", "approvals");
        await ScanAsync(fixture.Supervisor, "/Notifications", "notifications");
        await ScanAsync(fixture.Supervisor, "/Ledger", "ledger");
    }

    [Fact]
    public async Task The_administration_pages_have_no_serious_or_critical_violations()
    {
        await ScanAsync(fixture.Admin, "/Admin", "admin");
        await ScanAsync(fixture.Admin, "/Admin/Templates", "admin-templates");
        await ScanAsync(fixture.Admin, "/Admin/Users", "admin-users");
        await ScanAsync(fixture.Admin, "/Admin/Sla", "admin-sla");
        await ScanAsync(fixture.Admin, "/Admin/Calendars", "admin-calendars");
        await ScanAsync(fixture.Admin, "/Admin/Compensation", "admin-compensation");
    }

    private async Task ScanAsync(TestUser user, string url, string name, Func<IPage, Task>? prepare = null)
    {
        await using var browser = await BrowserSession.OpenAsync(chromium, fixture.App, $"axe-{name}");
        try
        {
            await browser.SignInAsync(user);
            await browser.GotoAsync(url);
            if (prepare is not null)
            {
                await prepare(browser.Page);
            }
            await browser.ScreenshotAsync("page");

            var result = await browser.Page.RunAxe();
            Assert.True(result.Passes.Length > 10, $"axe checked almost nothing on {url}: did it run?"); // a scan of a blank page passes too
            var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
            // Every violation, whatever its impact, goes to the test output (accessibility/NAME.txt) for the next fix.
            var report = Path.Combine(AppContext.BaseDirectory, "accessibility", $"{name}.txt");
            Directory.CreateDirectory(Path.GetDirectoryName(report)!);
            await File.WriteAllTextAsync(report,
                $"axe-core {result.TestEngine?.Version} on {url}: {result.Violations.Length} violation(s), "
                + $"{result.Passes.Length} rules passed, {result.Incomplete.Length} to review by hand\n"
                + string.Join("\n", result.Violations.Select(Describe)) + "\n", TestContext.Current.CancellationToken);
            Assert.True(serious.Count == 0,
                $"axe found {serious.Count} serious or critical violation(s) on {url}:\n{string.Join("\n", serious.Select(Describe))}");
            browser.AssertNoProblems();
        }
        catch
        {
            await browser.SaveFailureScreenshotAsync();
            throw;
        }
    }

    private static string Describe(AxeResultItem violation) =>
        $"- {violation.Id} ({violation.Impact}): {violation.Help} [{violation.HelpUrl}]\n"
        + string.Join("\n", violation.Nodes.Select(n => $"    target {n.Target}: {n.Html}\n      {Failure(n)}"));

    /// <summary>What axe says must change on one element (its "fix any of" / "fix all of" messages).</summary>
    private static string Failure(AxeResultNode node) =>
        string.Join("; ", new[] { node.Any, node.All, node.None }.Where(checks => checks is not null)
            .SelectMany(checks => checks!).Select(c => c.Message).Where(m => !string.IsNullOrWhiteSpace(m)));
}
