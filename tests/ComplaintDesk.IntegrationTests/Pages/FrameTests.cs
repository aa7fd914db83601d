using System.Net;
using AngleSharp.Dom;
using ComplaintDesk.Application.Identity;
using ComplaintDesk.IntegrationTests.Infrastructure;

namespace ComplaintDesk.IntegrationTests.Pages;

/// <summary>The workspace frame every page shares: skip link, navigation by role, user menu, bell, local assets only.</summary>
public sealed class FrameTests(ComplaintDeskApp app) : IClassFixture<ComplaintDeskApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static IReadOnlyList<string> NavLinks(HtmlPage page) =>
        page.Document.QuerySelectorAll("nav[aria-label=Main] a").Select(a => a.TextContent.Trim()).ToList();

    private static IElement NavLink(HtmlPage page, string text) =>
        page.Document.QuerySelectorAll("nav[aria-label=Main] a").Single(a => a.TextContent.Trim() == text);

    private async Task<HtmlPage> PageAsAsync(TestUser user, string url = "/Notifications")
    {
        using var session = await PageSession.SignInAsync(app, user);
        return await session.GetPageAsync(url);
    }

    [Fact]
    public async Task An_agent_sees_the_queue_and_new_complaint_but_not_escalations_approvals_or_administration()
    {
        var page = await PageAsAsync(await app.CreateAgentAsync());

        Assert.Equal(["Queue", "New complaint"], NavLinks(page));
        Assert.Equal("/Complaints", NavLink(page, "Queue").GetAttribute("href"));
        Assert.Equal("/Complaints/New", NavLink(page, "New complaint").GetAttribute("href"));
    }

    [Fact]
    public async Task A_supervisor_also_sees_escalations_approvals_and_the_ledger()
    {
        var page = await PageAsAsync(await app.CreateSupervisorAsync());

        Assert.Equal(["Queue", "New complaint", "Escalations", "Approvals", "Ledger"], NavLinks(page));
        Assert.Equal("/Escalations", NavLink(page, "Escalations").GetAttribute("href"));
        Assert.Equal("/Approvals", NavLink(page, "Approvals").GetAttribute("href"));
    }

    [Fact]
    public async Task An_admin_sees_administration_and_no_intake()
    {
        var page = await PageAsAsync(await app.CreateUserAsync("Ada Admin", Roles.Admin));

        Assert.Equal(["Queue", "Ledger", "Administration", "Outbox"], NavLinks(page));
        Assert.Equal("/Admin", NavLink(page, "Administration").GetAttribute("href"));
    }

    [Fact]
    public async Task Someone_with_every_role_sees_every_link()
    {
        var page = await PageAsAsync(await app.CreateUserAsync("All Roles", Roles.Agent, Roles.Supervisor, Roles.Admin));

        Assert.Equal(["Queue", "New complaint", "Escalations", "Approvals", "Ledger", "Administration", "Outbox"], NavLinks(page));
    }

    [Fact]
    public async Task The_current_page_is_marked_in_the_navigation()
    {
        var supervisor = await app.CreateSupervisorAsync();
        using var session = await PageSession.SignInAsync(app, supervisor);

        var queue = await session.GetPageAsync("/Complaints");
        var notifications = await session.GetPageAsync("/Notifications");

        Assert.Equal("page", NavLink(queue, "Queue").GetAttribute("aria-current"));
        Assert.Null(NavLink(queue, "Escalations").GetAttribute("aria-current"));
        Assert.Single(queue.Document.QuerySelectorAll("header [aria-current]"));
        Assert.Equal("page", notifications.Document.QuerySelector("[data-testid=notification-bell]")!.GetAttribute("aria-current"));
        Assert.Empty(notifications.Document.QuerySelectorAll("nav[aria-label=Main] [aria-current]"));
    }

    [Fact]
    public async Task The_skip_link_comes_first_and_leads_to_the_main_content()
    {
        var page = await PageAsAsync(await app.CreateAgentAsync());

        var first = page.Document.Body!.QuerySelector("a[href], button, input, select, textarea, summary")!;
        Assert.Equal("Skip to main content", first.TextContent.Trim());
        Assert.Equal("#main", first.GetAttribute("href"));
        Assert.Equal("main", page.Document.GetElementById("main")!.LocalName);
        Assert.Equal("-1", page.Document.GetElementById("main")!.GetAttribute("tabindex")); // focus moves there, not only the scroll
    }

    [Fact]
    public async Task The_stylesheet_hides_the_skip_link_until_it_has_the_focus_and_marks_focus_visibly()
    {
        using var session = PageSession.Anonymous(app);
        var login = await session.GetPageAsync("/Account/Login");
        var href = login.Document.QuerySelector("link[rel=stylesheet]")!.GetAttribute("href")!;

        using var response = await session.GetAsync(href);
        var css = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/css", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(".skip-link:not(:focus) { position: absolute; width: 1px; height: 1px;", css, StringComparison.Ordinal);
        Assert.Contains(".skip-link:focus {", css, StringComparison.Ordinal);
        Assert.Contains(":focus-visible { outline:", css, StringComparison.Ordinal);
        Assert.Contains("@media (max-width: 800px)", css, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_user_menu_has_the_name_change_password_and_a_sign_out_form_with_the_anti_forgery_token()
    {
        var page = await PageAsAsync(await app.CreateAgentAsync("Menu Person"));

        var menu = page.Document.QuerySelector("header details.user-menu")!;
        Assert.Equal("Signed in as Menu Person", string.Join(' ', menu.QuerySelector("summary")!.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)));
        Assert.Equal("/Account/ChangePassword", menu.QuerySelectorAll("a").Single(a => a.TextContent.Trim() == "Change password").GetAttribute("href"));
        var signOut = page.Button("Sign out").Form!;
        Assert.Equal("post", signOut.Method, ignoreCase: true);
        Assert.Equal("/Account/Logout", signOut.GetAttribute("action"));
        Assert.False(string.IsNullOrEmpty(page.AntiforgeryToken("Sign out")));
    }

    [Fact]
    public async Task Sign_out_from_the_menu_ends_the_session()
    {
        var agent = await app.CreateAgentAsync();
        using var session = await PageSession.SignInAsync(app, agent);
        var page = await session.GetPageAsync("/Notifications");

        using var signedOut = await session.SubmitAsync(page, "Sign out");
        using var afterwards = await session.GetAsync("/Notifications");

        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, afterwards.StatusCode);
        Assert.StartsWith("/Account/Login", afterwards.Headers.Location!.PathAndQueryOf(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_signed_out_visitor_sees_no_navigation_bell_or_user_menu()
    {
        using var session = PageSession.Anonymous(app);

        var login = await session.GetPageAsync("/Account/Login");

        Assert.Null(login.Document.QuerySelector("nav[aria-label=Main]"));
        Assert.Null(login.Document.QuerySelector("[data-testid=notification-bell]"));
        Assert.Null(login.Document.QuerySelector("details.user-menu"));
        Assert.Equal("#main", login.Document.QuerySelector("a.skip-link")!.GetAttribute("href"));
    }

    [Theory]
    [InlineData("/Notifications")]
    [InlineData("/Complaints")]
    [InlineData("/Account/Login")]
    public async Task Every_script_and_style_is_local_and_nothing_is_inline(string url)
    {
        var user = await app.CreateUserAsync("Every Role", Roles.Agent, Roles.Supervisor, Roles.Admin);
        using var session = url == "/Account/Login" ? PageSession.Anonymous(app) : await PageSession.SignInAsync(app, user);

        var page = await session.GetPageAsync(url);
        var document = page.Document;

        var references = document.QuerySelectorAll("script[src]").Select(s => s.GetAttribute("src")!)
            .Concat(document.QuerySelectorAll("link[href]").Select(l => l.GetAttribute("href")!))
            .Concat(document.QuerySelectorAll("img[src]").Select(i => i.GetAttribute("src")!))
            .ToList();
        Assert.NotEmpty(references);
        Assert.All(references, reference =>
        {
            Assert.StartsWith("/", reference, StringComparison.Ordinal);
            Assert.False(reference.StartsWith("//", StringComparison.Ordinal), $"{reference} is on another host.");
        });
        Assert.All(document.QuerySelectorAll("script"), script =>
        {
            Assert.True(script.HasAttribute("src"), "An inline script: " + script.OuterHtml);
            Assert.True(string.IsNullOrWhiteSpace(script.TextContent), "A script with a body: " + script.OuterHtml);
        });
        Assert.Empty(document.QuerySelectorAll("style"));
        Assert.Empty(document.QuerySelectorAll("[style]").Select(e => e.OuterHtml));
        Assert.Empty(document.All.Where(e => e.Attributes.Any(a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase))).Select(e => e.OuterHtml));
        Assert.Empty(document.QuerySelectorAll("a[href^='javascript:' i]"));
    }

    [Fact]
    public async Task The_severity_suggestion_script_is_served_locally_as_javascript()
    {
        using var session = PageSession.Anonymous(app);

        using var response = await session.GetAsync("/js/severity-suggestion.js");
        var script = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("severity-suggestion", script, StringComparison.Ordinal);
        Assert.DoesNotContain("innerHTML", script, StringComparison.Ordinal);
    }
}
