using System.Net;
using ComplaintDesk.IntegrationTests.Infrastructure;
using ComplaintDesk.IntegrationTests.Pages;

namespace ComplaintDesk.IntegrationTests.Localization.WorkspacePages;

/// <summary>
/// The language switch in the header (English / 繁體中文 / 简体中文): signed in, it changes the person's own language —
/// on the very next page, and for good (it is their account's, so it holds after signing in again, in another
/// browser); signed out, it sets the culture cookie. My settings changes language and time zone together.
/// </summary>
public sealed class LanguageSwitchTests(ComplaintDeskApp app) : IClassFixture<ComplaintDeskApp>
{
    [Fact]
    public async Task The_switch_changes_the_language_on_the_very_next_page_and_it_holds_after_signing_in_again()
    {
        var agent = await app.CreateAgentAsync("Sam Switch");
        using var session = await PageSession.SignInAsync(app, agent);
        var queue = await session.GetPageAsync("/Complaints?view=mine");
        Assert.Equal("Queue", queue.Heading);
        Assert.Equal("en", queue.Document.DocumentElement.GetAttribute("lang"));
        Assert.Equal("true", queue.Document.QuerySelector("[data-testid=language-switch] button[value=en]")!.GetAttribute("aria-pressed"));

        using var switched = await session.SubmitAsync(queue, "繁體中文");

        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        Assert.Equal("/Complaints?view=mine", switched.Headers.Location!.PathAndQueryOf()); // back where they were
        var next = await session.FollowAsync(switched);
        Assert.Equal("案件佇列", next.Heading);
        Assert.Equal("zh-Hant", next.Document.DocumentElement.GetAttribute("lang"));
        Assert.Equal("true", next.Document.QuerySelector("[data-testid=language-switch] button[value=zh-Hant]")!.GetAttribute("aria-pressed"));
        Assert.Equal(("zh-Hant", "UTC"), await WorkspaceStaff.PreferencesAsync(app, agent.Id));

        // A fresh browser (no cookies at all): the language comes with the account.
        using var elsewhere = await PageSession.SignInAsync(app, agent);
        var again = await elsewhere.GetPageAsync("/Complaints");
        Assert.Equal("案件佇列", again.Heading);

        // And back to Simplified Chinese, then English, from a Chinese page.
        using var simplified = await elsewhere.SubmitAsync(again, "简体中文");
        Assert.Equal("案件队列", (await elsewhere.FollowAsync(simplified)).Heading);
        var page = await elsewhere.GetPageAsync("/Notifications");
        using var english = await elsewhere.SubmitAsync(page, "English");
        Assert.Equal("Notifications", (await elsewhere.FollowAsync(english)).Heading);
        Assert.Equal(("en", "UTC"), await WorkspaceStaff.PreferencesAsync(app, agent.Id));
    }

    [Fact]
    public async Task The_switch_is_a_form_post_with_the_anti_forgery_token_and_a_post_without_it_is_refused()
    {
        var agent = await app.CreateAgentAsync();
        using var session = await PageSession.SignInAsync(app, agent);
        var page = await session.GetPageAsync("/Notifications");

        var form = page.Button("简体中文").Form!;
        Assert.Equal("post", form.Method, ignoreCase: true);
        Assert.Equal("/Account/Language", form.GetAttribute("action"));
        Assert.False(string.IsNullOrEmpty(page.AntiforgeryToken("简体中文")));
        Assert.Equal(["en", "zh-Hant", "zh-Hans"], form.QuerySelectorAll("button").Select(b => b.GetAttribute("lang")));

        using var forged = await session.PostAsync("/Account/Language", [new("language", "zh-Hans"), new("returnUrl", "/Complaints")]);

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(("en", "UTC"), await WorkspaceStaff.PreferencesAsync(app, agent.Id));
    }

    [Fact]
    public async Task A_language_the_workspace_does_not_speak_and_a_return_address_elsewhere_are_refused()
    {
        var agent = await app.CreateAgentAsync();
        using var session = await PageSession.SignInAsync(app, agent);
        var page = await session.GetPageAsync("/Notifications");
        var token = page.AntiforgeryToken("English");

        using var french = await session.PostAsync("/Account/Language",
            [new("__RequestVerificationToken", token), new("language", "fr"), new("returnUrl", "/Complaints")]);
        using var offsite = await session.PostAsync("/Account/Language",
            [new("__RequestVerificationToken", token), new("language", "zh-Hant"), new("returnUrl", "https://evil.example/")]);

        Assert.Equal(HttpStatusCode.BadRequest, french.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, offsite.StatusCode);
        Assert.Equal("/", offsite.Headers.Location!.PathAndQueryOf());
    }

    [Fact]
    public async Task Signed_out_the_switch_sets_the_culture_cookie_for_the_sign_in_page()
    {
        using var session = PageSession.Anonymous(app);
        var login = await session.GetPageAsync("/Account/Login?ReturnUrl=%2FNotifications");
        Assert.Equal("Sign in", login.Heading);
        Assert.Equal("/Account/Login?handler=Language", login.Button("简体中文").Form!.GetAttribute("action"));

        using var switched = await session.SubmitAsync(login, "简体中文");

        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        Assert.Contains(switched.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Culture=c%3Dzh-Hans%7Cuic%3Dzh-Hans", StringComparison.Ordinal));
        var chinese = await session.FollowAsync(switched);
        Assert.Equal("登录", chinese.Heading);
        Assert.Equal("/Notifications", chinese.FieldValue("ReturnUrl")); // still going where they were going

        // The cookie only speaks for a signed-out browser: a signed-in person's own language wins.
        var agent = await app.CreateAgentAsync();
        using var signedIn = await session.SubmitAsync(chinese, "登录", new() { ["Email"] = agent.Email, ["Password"] = ComplaintDeskApp.Password });
        Assert.Equal("Notifications", (await session.FollowAsync(signedIn)).Heading);
    }

    [Fact]
    public async Task Signing_out_keeps_the_language_for_the_sign_in_page()
    {
        var agent = await app.CreateAgentAsync();
        using var session = await PageSession.SignInAsync(app, agent);
        using var switched = await session.SubmitAsync(await session.GetPageAsync("/Complaints"), "繁體中文");
        var page = await session.FollowAsync(switched);

        using var signedOut = await session.SubmitAsync(page, "登出");
        var login = await session.FollowAsync(signedOut);

        Assert.Equal("登入", login.Heading);
    }

    [Fact]
    public async Task My_settings_change_the_language_and_the_time_zone_together()
    {
        var agent = await app.CreateAgentAsync("Tia Zone");
        using var session = await PageSession.SignInAsync(app, agent);
        var settings = await session.GetPageAsync("/Account/Settings");
        Assert.Equal("My settings", settings.Heading);
        Assert.Equal("en", settings.FieldValue("Language"));
        Assert.Equal("UTC", settings.FieldValue("TimeZone"));
        Assert.Contains(settings.Document.QuerySelectorAll("#TimeZone option"), o => o.GetAttribute("value") == "Asia/Taipei" && o.TextContent == "(UTC+08:00) Taipei");
        Assert.Equal("page", settings.Document.QuerySelector("header a[href='/Account/Settings']")!.GetAttribute("aria-current"));

        using var saved = await session.SubmitAsync(settings, "Save settings", new() { ["Language"] = "zh-Hans", ["TimeZone"] = "Asia/Taipei" });

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var after = await session.FollowAsync(saved);
        Assert.Equal("我的设置", after.Heading);
        Assert.Equal("您的设置已保存。", after.TestId("status")!.TextContent.Trim());
        Assert.Equal("zh-Hans", after.FieldValue("Language"));
        Assert.Equal("Asia/Taipei", after.FieldValue("TimeZone"));
        Assert.Equal(("zh-Hans", "Asia/Taipei"), await WorkspaceStaff.PreferencesAsync(app, agent.Id));
    }

    [Theory]
    [InlineData("fr", "UTC", "Language", "Choose English, Traditional Chinese or Simplified Chinese.")]
    [InlineData("en", "Mars/Olympus_Mons", "TimeZone", "Choose a time zone from the list.")]
    [InlineData("en", "Taipei Standard Time", "TimeZone", "Choose a time zone from the list.")] // a Windows name, not IANA
    public async Task My_settings_refuse_what_is_not_on_the_lists(string language, string timeZone, string field, string message)
    {
        var agent = await app.CreateAgentAsync();
        using var session = await PageSession.SignInAsync(app, agent);
        var settings = await session.GetPageAsync("/Account/Settings");

        using var response = await session.PostAsync("/Account/Settings",
        [
            new("__RequestVerificationToken", settings.AntiforgeryToken("Save settings")), new("Language", language), new("TimeZone", timeZone),
        ]);
        var page = await HtmlPage.ReadAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(message, page.FieldError(field));
        Assert.Equal(("en", "UTC"), await WorkspaceStaff.PreferencesAsync(app, agent.Id));
    }

    [Fact]
    public async Task The_language_page_is_for_posts_of_signed_in_staff_only()
    {
        using var anonymous = PageSession.Anonymous(app);
        var login = await anonymous.GetPageAsync("/Account/Login");
        var token = login.AntiforgeryToken("English");
        var agent = await app.CreateAgentAsync();
        using var session = await PageSession.SignInAsync(app, agent);

        using var signedOutPost = await anonymous.PostAsync("/Account/Language", [new("__RequestVerificationToken", token), new("language", "zh-Hant")]);
        using var get = await session.GetAsync("/Account/Language");

        Assert.Equal(HttpStatusCode.Redirect, signedOutPost.StatusCode);
        Assert.StartsWith("/Account/Login", signedOutPost.Headers.Location!.PathAndQueryOf(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
    }
}
