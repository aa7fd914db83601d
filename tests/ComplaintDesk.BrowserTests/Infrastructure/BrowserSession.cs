using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using ComplaintDesk.IntegrationTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ComplaintDesk.BrowserTests.Infrastructure;

/// <summary>
/// One person's browser: a fresh context (own cookies) with one page, watched for what must never happen on a page
/// of the app — an uncaught script error, a Content-Security-Policy violation (an inline script or style the policy
/// blocks), a dialog, a server error on any request (a page, a picture, a script) — and able to save full-page screenshots to the test output's <c>screenshots/</c> folder.
/// </summary>
public sealed partial class BrowserSession : IAsyncDisposable
{
    /// <summary>Reports every CSP violation the page sees to the test (the policy blocks them; the test makes them fail).</summary>
    private const string CspWatch = """
        document.addEventListener('securitypolicyviolation', e => {
          try { window.__cspViolation(e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') + ' at ' + e.sourceFile + ':' + e.lineNumber); } catch { }
        });
        """;

    private readonly ConcurrentQueue<string> _problems = new();
    private readonly string _testName;

    private BrowserSession(IBrowserContext context, IPage page, string testName)
    {
        Context = context;
        Page = page;
        _testName = testName;
    }

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    /// <summary>Script errors, CSP violations, dialogs and server errors seen so far.</summary>
    public IReadOnlyCollection<string> Problems => _problems;

    /// <summary>A browser for <paramref name="app"/>; <paramref name="testName"/> prefixes its screenshots.</summary>
    public static async Task<BrowserSession> OpenAsync(Chromium chromium, BrowserApp app, string testName, bool bypassCsp = false, bool phone = false)
    {
        var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = app.BaseAddress.ToString().TrimEnd('/'),
            Locale = "en-GB",
            // A phone: 390 × 844 CSS pixels at 3× with touch, as the customers who open their link from an e-mail mostly are.
            ViewportSize = phone ? new ViewportSize { Width = 390, Height = 844 } : new ViewportSize { Width = 1280, Height = 900 },
            DeviceScaleFactor = phone ? 3 : null,
            IsMobile = phone,
            HasTouch = phone,
            BypassCSP = bypassCsp,
        });
        var page = await context.NewPageAsync();
        var session = new BrowserSession(context, page, testName);
        await context.ExposeFunctionAsync("__cspViolation", (string text) => session._problems.Enqueue($"CSP violation on {page.Url}: {text}"));
        await context.AddInitScriptAsync(CspWatch);
        page.PageError += (_, error) => session._problems.Enqueue($"script error on {page.Url}: {error}");
        page.Response += (_, response) =>
        {
            if (response.Status >= 500)
            {
                session._problems.Enqueue($"{response.Request.Method} {response.Url} answered {response.Status}");
            }
        };
        page.Dialog += (_, dialog) =>
        {
            session._problems.Enqueue($"{dialog.Type} dialog on {page.Url}: {dialog.Message}");
            _ = dialog.DismissAsync();
        };
        return session;
    }

    /// <summary>Signs in through the login page, as a person would, and lands on the queue.</summary>
    public async Task SignInAsync(TestUser user)
    {
        var login = await Page.GotoAsync("/Account/Login");
        Assert.True(login is { Ok: true }, $"GET /Account/Login answered {login?.Status}");
        await Page.GetByLabel("Email", new() { Exact = true }).FillAsync(user.Email);
        await Page.GetByLabel("Password", new() { Exact = true }).FillAsync(ComplaintDeskApp.Password);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(QueueUrl());
    }

    /// <summary>GETs a page of the app that must answer 2xx.</summary>
    public async Task<IResponse> GotoAsync(string url)
    {
        var response = await Page.GotoAsync(url);
        Assert.True(response is { Ok: true }, $"GET {url} answered {response?.Status}");
        return response!;
    }

    /// <summary>A full-page screenshot in the test output's screenshots/ folder, named after the test and the step.</summary>
    public async Task<string> ScreenshotAsync(string step)
    {
        var path = ScreenshotPath($"{_testName}-{step}.png");
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
    }

    /// <summary>What the browser saw when a step failed; never hides the failure itself.</summary>
    public async Task SaveFailureScreenshotAsync()
    {
        try
        {
            var path = await ScreenshotAsync("failure");
            TestContext.Current.SendDiagnosticMessage($"The browser was at {Page.Url}; screenshot: {path}");
        }
        catch (PlaywrightException ex)
        {
            TestContext.Current.SendDiagnosticMessage($"The browser was at {Page.Url}; no screenshot: {ex.Message}");
        }
    }

    /// <summary>Fails on any script error, CSP violation, dialog or server error seen so far.</summary>
    public void AssertNoProblems() =>
        Assert.True(_problems.IsEmpty, $"The browser saw {_problems.Count} problem(s):\n{string.Join("\n", _problems)}");

    public async ValueTask DisposeAsync() => await Context.CloseAsync();

    public static string ScreenshotPath(string name) => Path.Combine(AppContext.BaseDirectory, "screenshots", name);

    [GeneratedRegex(@"/Complaints/?(\?.*)?$")]
    public static partial Regex QueueUrl();

    [GeneratedRegex(@"/Complaints/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/?(\?.*)?$")]
    public static partial Regex CasePageUrl();

    [GeneratedRegex(@"CD-\d{4}-\d{6}")]
    public static partial Regex Reference();
}
