using System.Collections.Concurrent;
using System.Diagnostics;
using ComplaintDesk.BrowserTests.Infrastructure;
using ComplaintDesk.IntegrationTests.Infrastructure;
using ComplaintDesk.IntegrationTests.Security;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ComplaintDesk.BrowserTests.Security;

/// <summary>The app on a real port, with <see cref="XssScene"/> stored: every payload in every free-text field.</summary>
public sealed class XssBrowserFixture(TestDatabaseServer server) : IAsyncLifetime
{
    public BrowserApp App { get; } = new(server);

    public XssSceneData Scene { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        await App.InitializeAsync();
        var watch = Stopwatch.StartNew();
        Scene = await XssScene.SeedAsync(App.Database);
        TestContext.Current.SendDiagnosticMessage($"XSS scene: {Scene.Cases.Count} complaints stored in {watch.ElapsedMilliseconds} ms");
    }

    public ValueTask DisposeAsync() => App.DisposeAsync();
}

/// <summary>
/// The XSS corpus rendered in Chromium — queue, search, case pages (header, details, timeline, evidence, template
/// picker and composer), template preview, administration lists, notifications, the intake form's live severity
/// suggestion — and nothing runs. Three independent checks on every page:
/// <list type="number">
/// <item>a trap installed before any page script (alert, confirm, prompt, print and console report a call with a
/// marker) and the page's dialog event;</item>
/// <item>the DOM: no element, attribute or script that came from a payload (<see cref="XssCorpus.PageCheckScript"/>);</item>
/// <item>each payload is on the page as text, so it was shown rather than dropped.</item>
/// </list>
/// The context bypasses the Content-Security-Policy on purpose: the policy is the second line of defence, and with
/// it on an encoding hole would stay silent. This test checks the first line — that user text is always encoded.
/// </summary>
public sealed class XssInBrowserTests(XssBrowserFixture fixture, Chromium chromium) : IClassFixture<XssBrowserFixture>
{
    private XssSceneData Scene => fixture.Scene;

    private IReadOnlyList<string> AllPayloads => [.. XssCorpus.All.Select(p => p.Text)];

    [Fact]
    public async Task The_trap_and_the_page_check_catch_payloads_written_without_encoding()
    {
        // A page of the app's origin that writes every payload raw, as a broken view would: proof that a clean run
        // of the tests below means something.
        await using var trap = await XssTrap.OpenAsync(chromium, fixture.App, Scene.Viewer, "xss-self-check");
        var raw = string.Join("\n", XssCorpus.All.Select(p => $"<p>{p.Text}</p>"));
        await trap.Page.RouteAsync("**/xss-self-check", route => route.FulfillAsync(new RouteFulfillOptions
        {
            ContentType = "text/html; charset=utf-8", Body = $"<!DOCTYPE html><html><head><title>raw</title></head><body><main>{raw}</main></body></html>",
        }));

        await trap.Page.GotoAsync("/xss-self-check");
        await trap.Page.WaitForFunctionAsync("() => (window.__xssCalls || []).length >= 5");
        var found = await trap.Page.EvaluateAsync<string[]>(XssCorpus.PageCheckScript, Array.Empty<string>());

        var executed = trap.Executed;
        string[] expectedRun = ["XSS01", "XSS02", "XSS03", "XSS04", "XSS47"];
        var notRun = expectedRun.Where(m => !executed.Any(call => call.Contains(m, StringComparison.Ordinal))).ToList();
        Assert.True(notRun.Count == 0, $"The trap missed {string.Join(", ", notRun)}; it saw:\n{string.Join("\n", executed)}");
        string[] expectedFound = ["XSS01", "XSS03", "XSS06", "XSS07", "XSS09", "XSS10", "XSS19", "XSS30", "XSS41"];
        var missed = expectedFound.Where(m => !found.Any(problem => problem.Contains(m, StringComparison.Ordinal))).ToList();
        Assert.True(missed.Count == 0, $"The page check missed {string.Join(", ", missed)}; it found:\n{string.Join("\n", found)}");
    }

    [Fact]
    public async Task Queue_and_queue_search_execute_nothing()
    {
        await using var trap = await XssTrap.OpenAsync(chromium, fixture.App, Scene.Viewer, "xss-queue");

        await trap.CheckAsync("/Complaints?limit=100", [.. AllPayloads, Scene.ViewerPayload.Text]);
        await trap.ScreenshotAsync("queue");
        foreach (var payload in XssCorpus.All)
        {
            await trap.CheckAsync($"/Complaints?q={Uri.EscapeDataString(payload.Text)}", [payload.Text]);
        }

        trap.AssertClean();
    }

    [Fact]
    public async Task Case_pages_timelines_and_the_template_picker_execute_nothing()
    {
        await using var trap = await XssTrap.OpenAsync(chromium, fixture.App, Scene.Viewer, "xss-case");

        foreach (var c in Scene.Cases)
        {
            // ?template= renders the chosen template into the composer, filled with the (payload) customer name.
            var filled = $"Dear {c.Payload.Text}, {c.Payload.Text}";
            await trap.CheckAsync($"/Complaints/{c.ComplaintId}?template={c.TemplateId}", [.. c.ExpectedOnCasePage, filled]);
            if (c.Payload.Marker == "XSS03")
            {
                await trap.ScreenshotAsync("case");
            }
        }

        trap.AssertClean();
    }

    [Fact]
    public async Task Template_preview_and_administration_pages_execute_nothing()
    {
        await using var trap = await XssTrap.OpenAsync(chromium, fixture.App, Scene.Viewer, "xss-admin");

        await trap.CheckAsync($"/Admin/Templates/Edit/{Scene.CombinedTemplateId}", AllPayloads);
        await trap.Page.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();
        var preview = trap.Page.GetByTestId("preview");
        await Expect(preview).ToContainTextAsync("Dear Mia Chen,");
        await trap.CheckCurrentAsync(AllPayloads);
        await trap.ScreenshotAsync("template-preview");

        await trap.CheckAsync("/Admin/Templates", AllPayloads);
        await trap.CheckAsync("/Admin/Categories", AllPayloads);
        await trap.CheckAsync("/Admin/KeywordRules", AllPayloads);
        await trap.CheckAsync("/Admin/Users", []);

        trap.AssertClean();
    }

    [Fact]
    public async Task Notifications_and_the_intake_forms_live_suggestion_execute_nothing()
    {
        await using var trap = await XssTrap.OpenAsync(chromium, fixture.App, Scene.Viewer, "xss-notifications");

        await trap.CheckAsync("/Notifications", [Scene.ViewerPayload.Text]);
        await Expect(trap.Page.GetByRole(AriaRole.Main)).ToContainTextAsync("escalated");
        await trap.ScreenshotAsync("notifications");

        // Typing every payload into the description: the keyword rules (whose phrases are the payloads) answer, and
        // severity-suggestion.js writes the matched phrases into the page.
        await trap.CheckAsync("/Complaints/New", []);
        await trap.Page.GetByLabel("Description", new() { Exact = true }).FillAsync(string.Join("\n", AllPayloads));
        await Expect(trap.Page.Locator("#severity-suggestion")).ToContainTextAsync(XssCorpus.ByMarker("XSS01").Text);
        await trap.CheckCurrentAsync(AllPayloads);
        await trap.ScreenshotAsync("intake-suggestion");

        trap.AssertClean();
    }

    /// <summary>A signed-in browser with the execution trap installed, checking page after page.</summary>
    private sealed class XssTrap : IAsyncDisposable
    {
        private readonly BrowserSession _session;
        private readonly ConcurrentQueue<string> _executed = new();
        private readonly List<string> _problems = [];

        private XssTrap(BrowserSession session) => _session = session;

        public IPage Page => _session.Page;

        /// <summary>The calls the trap recorded so far.</summary>
        public IReadOnlyCollection<string> Executed => _executed;

        public static async Task<XssTrap> OpenAsync(Chromium chromium, BrowserApp app, TestUser viewer, string name)
        {
            var session = await BrowserSession.OpenAsync(chromium, app, name, bypassCsp: true);
            var trap = new XssTrap(session);
            await session.Context.ExposeFunctionAsync("__xssReport", (string call) => trap._executed.Enqueue(call));
            await session.Context.AddInitScriptAsync(XssCorpus.TrapScript);
            session.Page.Console += (_, message) =>
            {
                if (XssCorpus.Marker.IsMatch(message.Text))
                {
                    trap._executed.Enqueue($"console.{message.Type}: {message.Text}");
                }
            };
            await session.SignInAsync(viewer);
            return trap;
        }

        public async Task CheckAsync(string url, IReadOnlyList<string> expected)
        {
            var response = await Page.GotoAsync(url);
            if (response is not { Ok: true })
            {
                _problems.Add($"{url}: answered {response?.Status}");
                return;
            }
            await CheckCurrentAsync(expected);
        }

        public async Task CheckCurrentAsync(IReadOnlyList<string> expected)
        {
            var url = Page.Url;
            var found = await Page.EvaluateAsync<string[]>(XssCorpus.PageCheckScript, expected);
            _problems.AddRange(found.Select(p => $"{url}: {p}"));
        }

        public Task ScreenshotAsync(string step) => _session.ScreenshotAsync(step);

        public void AssertClean()
        {
            var all = _executed.Select(e => $"EXECUTED {e}").Concat(_problems).Concat(_session.Problems).ToList();
            Assert.True(all.Count == 0, $"{all.Count} problem(s):\n{string.Join("\n", all)}");
        }

        public ValueTask DisposeAsync() => _session.DisposeAsync();
    }
}
