using System.Text.RegularExpressions;
using ComplaintDesk.Application.Features.Complaints;
using ComplaintDesk.Application.Identity;
using ComplaintDesk.Domain.Actors;
using ComplaintDesk.BrowserTests.Infrastructure;
using ComplaintDesk.Domain.Complaints;
using ComplaintDesk.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

// Not "…BrowserTests.Languages": a namespace of that name would hide the Languages class (en, zh-Hant, zh-Hans) from the other tests.
namespace ComplaintDesk.BrowserTests.LanguageSwitching;

/// <summary>
/// An English-speaking agent, in a real Chromium: signs in, switches to 繁體中文 with the header's switch, and reads a
/// queue with no English left in what the browser renders — then the choice holds on the next page.
/// </summary>
public sealed partial class LanguageSwitchInBrowserTests(BrowserApp app, Chromium chromium) : IClassFixture<BrowserApp>
{
    /// <summary>What reads the same on a Chinese page: the zone of every time ("UTC+8"), file formats and size units.</summary>
    private static readonly HashSet<string> Allowed = ["UTC", "JPEG", "PNG", "WebP", "PDF", "MB", "KB"];

    /// <summary>
    /// The text the browser renders for the body (innerText: what is visible or read out, hidden elements left out), with
    /// what the page marks as another language (lang not Chinese, e.g. the switch's "English") or as not to be translated
    /// (code, translate="no") taken out; then the window title, option texts and the attributes people read.
    /// </summary>
    private const string RenderedText = """
        () => {
          const exempt = el => el.matches('script, style, template, code, [translate=no]')
            || (el.hasAttribute('lang') && !el.getAttribute('lang').toLowerCase().startsWith('zh') && el !== document.documentElement);
          let text = document.body.innerText;
          for (const el of document.body.querySelectorAll('*')) {
            if (exempt(el) && el.innerText) text = text.split(el.innerText).join(' ');
          }
          const parts = [document.title, text];
          const walk = node => {
            for (const child of node.children) {
              if (exempt(child)) continue;
              for (const name of ['aria-label', 'title', 'placeholder', 'alt', 'label']) {
                if (child.hasAttribute(name)) parts.push(child.getAttribute(name));
              }
              if (child.localName === 'option') parts.push(child.text);
              walk(child);
            }
          };
          walk(document.body);
          return parts.join('\n');
        }
        """;

    [Fact]
    public async Task An_agent_switches_to_traditional_chinese_and_the_queue_has_no_english_left()
    {
        var agent = await CreateAgentAsync("林美華"); // a Chinese-speaking team's names are Chinese; her account starts in English
        await app.Database.SendAsync<ComplaintView>(agent.Actor, new LogComplaintCommand
        {
            Customer = new CustomerInput { Name = "陳美玲", Phone = "0912 345 678" },
            Channel = Channel.Phone, Category = "productQuality", Severity = Severity.High,
            Subject = "電熱水壺漏水", Description = "水壺底部漏水。",
        });
        await using var context = await chromium.NewContextAsync(app.BaseAddress);
        var page = await context.NewPageAsync();

        try
        {
            // Sign in, in English (the account's language).
            await page.GotoAsync("/Account/Login");
            await page.GetByLabel("Email", new() { Exact = true }).FillAsync(agent.Email);
            await page.GetByLabel("Password", new() { Exact = true }).FillAsync(ComplaintDeskApp.Password);
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
            await Expect(page).ToHaveURLAsync(ComplaintsListUrl());
            var heading = page.GetByRole(AriaRole.Heading, new() { Level = 1 });
            await Expect(heading).ToHaveTextAsync("Queue");

            // The switch: 繁體中文.
            await page.GetByRole(AriaRole.Button, new() { Name = "繁體中文" }).ClickAsync();

            await Expect(heading).ToHaveTextAsync("案件佇列");
            await Expect(page).ToHaveURLAsync(ComplaintsListUrl());
            await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-Hant");
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "繁體中文" })).ToHaveAttributeAsync("aria-pressed", "true");
            await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "主選單" }).GetByRole(AriaRole.Link, new() { Name = "新增客訴" })).ToBeVisibleAsync();
            await Expect(page.Locator("table")).ToContainTextAsync("產品品質");

            var text = await page.EvaluateAsync<string>(RenderedText);
            var english = EnglishWords(text);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = ScreenshotPath("queue-zh-Hant.png"), FullPage = true });
            Assert.True(english.Count == 0, $"English left on the queue: {string.Join(", ", english)}\n---\n{text}");

            // The next page speaks it too: it is the account's language now.
            await page.GotoAsync("/Complaints/New");
            await Expect(heading).ToHaveTextAsync("新增客訴");
        }
        catch
        {
            await SaveFailureScreenshotAsync(page);
            throw;
        }
    }

    /// <summary>An agent with a Chinese display name (the test's own data); the e-mail, ASCII for Identity, is made up.</summary>
    private async Task<TestUser> CreateAgentAsync(string displayName)
    {
        await using var scope = app.Database.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var email = $"agent.{Guid.NewGuid():N}@test.example";
        var user = new StaffUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = displayName };
        Assert.True((await users.CreateAsync(user, ComplaintDeskApp.Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, Roles.Agent)).Succeeded);
        return new TestUser(user.Id, email, displayName, new Actor(user.Id, displayName, Party.Agent));
    }

    private static List<string> EnglishWords(string text)
    {
        var withoutIdentifiers = Identifiers().Replace(text, " ");
        return LatinWord().Matches(withoutIdentifiers).Select(m => m.Value).Where(w => !Allowed.Contains(w)).Distinct().ToList();
    }

    /// <summary>What the browser saw when a step failed, for the test output; never hides the failure itself.</summary>
    private static async Task SaveFailureScreenshotAsync(IPage page)
    {
        var path = ScreenshotPath("language-switch-failure.png");
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

    /// <summary>Complaint references (CD-2026-000123) and e-mail addresses: identifiers, not words.</summary>
    [GeneratedRegex(@"\bCD-\d{4}-\d+\b|[\w.+-]+@[\w-]+(\.[\w-]+)+")]
    private static partial Regex Identifiers();

    [GeneratedRegex("[A-Za-z]{2,}")]
    private static partial Regex LatinWord();

    [GeneratedRegex(@"/Complaints/?(\?.*)?$")]
    private static partial Regex ComplaintsListUrl();
}
