using Microsoft.Playwright;

[assembly: AssemblyFixture(typeof(ComplaintDesk.BrowserTests.Infrastructure.Chromium))]

namespace ComplaintDesk.BrowserTests.Infrastructure;

/// <summary>
/// One headless Chromium for the test run: the system's (Debian's <c>chromium</c> package, or the executable named by
/// <c>CHROMIUM_PATH</c>), driven by Playwright. Playwright's own browser download is never used. A machine without
/// Chromium fails the browser tests with a message saying how to get it: they are never skipped.
/// </summary>
public sealed class Chromium : IAsyncLifetime
{
    public const string PathVariable = "CHROMIUM_PATH";

    private static readonly string[] Arguments =
    [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        // Without these Chromium keeps calling home, which a closed network answers with timeouts.
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
    ];

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("Chromium has not been started.");

    public string ExecutablePath { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        ExecutablePath = FindExecutable();
        // Auto-waiting assertions wait up to 15 s (not 5): CI runs the other test suites on the same two cores.
        Assertions.SetDefaultExpectTimeout(15_000);
        _playwright = await Playwright.CreateAsync();
        try
        {
            _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ExecutablePath,
                Headless = true,
                Args = Arguments,
                Timeout = 60_000,
            });
        }
        catch (PlaywrightException ex)
        {
            throw new InvalidOperationException($"Chromium at {ExecutablePath} did not start: {ex.Message}", ex);
        }

        TestContext.Current.SendDiagnosticMessage($"Chromium {_browser.Version} from {ExecutablePath}");
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
            _browser = null;
        }

        _playwright?.Dispose();
        _playwright = null;
    }

    /// <summary>A fresh browser context (own cookies) whose relative URLs go to <paramref name="baseAddress"/>.</summary>
    public Task<IBrowserContext> NewContextAsync(Uri baseAddress) => Browser.NewContextAsync(new BrowserNewContextOptions
    {
        BaseURL = baseAddress.ToString().TrimEnd('/'),
        Locale = "en-GB",
        ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
    });

    private static string FindExecutable()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(PathVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return File.Exists(fromEnvironment)
                ? fromEnvironment
                : throw new InvalidOperationException($"{PathVariable} is set to '{fromEnvironment}', which does not exist.");
        }

        string[] names = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"];
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var name in names)
        {
            foreach (var dir in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = Path.Combine(dir, name);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        throw new InvalidOperationException(
            "No Chromium found for the browser tests: install it (Debian/Ubuntu: `apt-get install chromium`; .ci/run does this) "
            + $"or set {PathVariable} to a Chromium or Chrome executable.");
    }
}
