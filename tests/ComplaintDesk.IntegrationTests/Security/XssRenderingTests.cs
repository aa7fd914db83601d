using System.Net;
using AngleSharp.Html.Parser;
using ComplaintDesk.IntegrationTests.Infrastructure;
using ComplaintDesk.IntegrationTests.Pages;
using Microsoft.EntityFrameworkCore;

namespace ComplaintDesk.IntegrationTests.Security;

/// <summary>The app with <see cref="XssScene"/> stored: every payload in every free-text field.</summary>
public sealed class XssSceneFixture(TestDatabaseServer server) : IAsyncLifetime
{
    public ComplaintDeskApp App { get; } = new(server);

    public XssSceneData Scene { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        await App.InitializeAsync();
        Scene = await XssScene.SeedAsync(App);
    }

    public ValueTask DisposeAsync() => App.DisposeAsync();
}

/// <summary>
/// Every page that shows stored or typed text, with the XSS corpus in every free-text field, parsed as HTML: each
/// payload is text on the page and none became markup (an element, an event attribute, a javascript: link, a script).
/// The browser tests render the same scene in Chromium and watch for anything that runs.
/// </summary>
public sealed class XssRenderingTests(XssSceneFixture fixture) : IClassFixture<XssSceneFixture>
{
    private XssSceneData Scene => fixture.Scene;

    private Task<PageSession> ViewerAsync() => PageSession.SignInAsync(fixture.App, Scene.Viewer);

    private IReadOnlyList<string> AllPayloads => [.. XssCorpus.All.Select(p => p.Text)];

    [Fact]
    public async Task The_queue_shows_every_payload_as_text()
    {
        using var session = await ViewerAsync();
        var problems = new List<string>();

        // Subject, customer, owner and category of every complaint; the viewer's name in the header.
        await CheckAsync(session, "/Complaints?limit=100", [.. AllPayloads, Scene.ViewerPayload.Text], problems);
        await CheckAsync(session, "/Complaints?view=closed", [], problems);

        AssertNone(problems);
    }

    [Fact]
    public async Task A_payload_typed_into_the_queue_search_comes_back_as_text()
    {
        using var session = await ViewerAsync();
        var problems = new List<string>();

        foreach (var payload in XssCorpus.All)
        {
            await CheckAsync(session, $"/Complaints?q={Uri.EscapeDataString(payload.Text)}", [payload.Text], problems);
        }

        AssertNone(problems);
    }

    [Fact]
    public async Task Case_pages_show_every_payload_as_text_in_header_details_timeline_evidence_and_composer()
    {
        using var session = await ViewerAsync();
        var problems = new List<string>();

        foreach (var c in Scene.Cases)
        {
            // ?template= fills the composer with the template's body and the customer's (payload) name.
            var filled = $"Dear {c.Payload.Text}, {c.Payload.Text}";
            await CheckAsync(session, $"/Complaints/{c.ComplaintId}?template={c.TemplateId}", [.. c.ExpectedOnCasePage, filled], problems);
        }

        AssertNone(problems);
    }

    [Fact]
    public async Task The_intake_page_shows_a_returning_customer_and_their_complaints_as_text()
    {
        using var session = await ViewerAsync();
        var problems = new List<string>();

        foreach (var c in Scene.Cases)
        {
            await CheckAsync(session, $"/Complaints/New?findEmail={Uri.EscapeDataString(c.CustomerEmail)}", [c.Payload.Text, c.CustomerEmail], problems);
        }
        // A returning customer chosen: their details fill the form.
        var chosen = Scene.Cases[0];
        var customerId = await fixture.App.QueryDbAsync(db => db.Complaints.Where(x => x.Id == chosen.ComplaintId)
            .Select(x => x.CustomerId).SingleAsync(TestContext.Current.CancellationToken));
        await CheckAsync(session, $"/Complaints/New?customerId={customerId}", [chosen.Payload.Text], problems);

        AssertNone(problems);
    }

    [Fact]
    public async Task Administration_lists_and_editors_show_every_payload_as_text()
    {
        using var session = await ViewerAsync();
        var problems = new List<string>();

        await CheckAsync(session, "/Admin/Categories", AllPayloads, problems);
        await CheckAsync(session, "/Admin/KeywordRules", AllPayloads, problems);
        await CheckAsync(session, "/Admin/Templates", AllPayloads, problems);
        await CheckAsync(session, "/Admin/Users", [], problems);
        foreach (var c in Scene.Cases)
        {
            await CheckAsync(session, $"/Admin/Templates/Edit/{c.TemplateId}", [c.Payload.Text], problems);
            await CheckAsync(session, $"/Admin/KeywordRules/Edit/{c.KeywordRuleId}", [c.Payload.Text], problems);
            await CheckAsync(session, $"/Admin/Users/Edit/{c.AgentId}", [c.Payload.Text], problems);
        }

        AssertNone(problems);
    }

    [Fact]
    public async Task The_template_preview_shows_every_payload_as_text()
    {
        using var session = await ViewerAsync();
        var editor = await session.GetPageAsync($"/Admin/Templates/Edit/{Scene.CombinedTemplateId}");
        var problems = XssPageCheck.Problems(editor.Document, new Uri(editor.Url), [.. AllPayloads]).Select(p => $"{editor.Url}: {p}").ToList();

        using var response = await session.SubmitAsync(editor, "Preview");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var preview = await HtmlPage.ReadAsync(response);
        problems.AddRange(XssPageCheck.Problems(preview.Document, new Uri(editor.Url), AllPayloads).Select(p => $"preview: {p}"));
        var shown = preview.TestId("preview")?.TextContent ?? "";
        Assert.Equal(Scene.CombinedTemplateBody.Replace("{customerName}", "Mia Chen", StringComparison.Ordinal), shown);

        AssertNone(problems);
    }

    [Fact]
    public async Task Notifications_show_names_reasons_and_keyword_phrases_as_text()
    {
        using var session = await ViewerAsync();
        var problems = new List<string>();

        var page = await session.GetPageAsync("/Notifications");
        problems.AddRange(XssPageCheck.Problems(page.Document, new Uri(page.Url), [Scene.ViewerPayload.Text]));
        // Escalation requests (agent's name and reason) and keyword alerts (the phrase) from the scene are listed.
        Assert.True(XssCorpus.Marker.Matches(page.Document.QuerySelector("main")!.TextContent).Count >= 10,
            "The notifications page lists none of the scene's notifications.");

        AssertNone(problems);
    }

    [Fact]
    public async Task Forms_shown_again_after_a_validation_error_keep_every_payload_as_text()
    {
        using var session = await ViewerAsync();
        var problems = new List<string>();

        foreach (var c in Scene.Cases)
        {
            var text = c.Payload.Text;
            // Intake without a category: the form comes back with everything typed.
            var intake = await session.GetPageAsync("/Complaints/New");
            using (var response = await session.SubmitAsync(intake, "Log complaint", new()
            {
                ["Command.Customer.Name"] = text, ["Command.Customer.ExternalId"] = text, ["Command.Subject"] = text,
                ["Command.Description"] = text, ["Command.OrderReference"] = text, ["Command.ProductName"] = text,
                ["Command.ProductUsage"] = text, ["Command.DesiredResolutionText"] = text, ["Command.Category"] = "",
            }, files: []))
            {
                await CheckResponseAsync(response, $"intake with {c.Payload}", [text], problems);
            }

            // Resolve without an outcome: the case page comes back with the summary typed.
            var casePage = await session.GetPageAsync($"/Complaints/{c.ComplaintId}");
            using (var response = await session.SubmitAsync(casePage, "Resolve", new() { ["Resolve.Summary"] = text, ["Resolve.Outcome"] = "" }))
            {
                await CheckResponseAsync(response, $"resolve with {c.Payload}", [text], problems);
            }
        }

        // A template with an unknown placeholder: the editor comes back with title and body typed.
        var editor = await session.GetPageAsync("/Admin/Templates/Edit");
        using (var response = await session.SubmitAsync(editor, "Save template", new()
        {
            ["Command.Title"] = XssCorpus.ByMarker("XSS16").Text, ["Command.Body"] = Scene.CombinedTemplateBody + " {unknownPlaceholder}",
        }))
        {
            await CheckResponseAsync(response, "template editor", [XssCorpus.ByMarker("XSS16").Text, .. AllPayloads], problems);
        }

        AssertNone(problems);
    }

    private static async Task CheckAsync(PageSession session, string url, IReadOnlyList<string> expected, List<string> problems)
    {
        using var response = await session.GetAsync(url);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            problems.Add($"{url}: answered {(int)response.StatusCode}");
            return;
        }
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var document = await new HtmlParser().ParseDocumentAsync(html, TestContext.Current.CancellationToken);
        problems.AddRange(XssPageCheck.Problems(document, response.RequestMessage!.RequestUri!, expected).Select(p => $"{url}: {p}"));
    }

    /// <summary>A form answered with the page again (200), checked like any page.</summary>
    private static async Task CheckResponseAsync(HttpResponseMessage response, string what, IReadOnlyList<string> expected, List<string> problems)
    {
        if (response.StatusCode != HttpStatusCode.OK)
        {
            problems.Add($"{what}: answered {(int)response.StatusCode}, not the form with its errors");
            return;
        }
        var page = await HtmlPage.ReadAsync(response);
        problems.AddRange(XssPageCheck.Problems(page.Document, response.RequestMessage!.RequestUri!, expected).Select(p => $"{what}: {p}"));
    }

    private static void AssertNone(List<string> problems) =>
        Assert.True(problems.Count == 0, $"{problems.Count} problem(s):\n{string.Join("\n", problems)}");
}
