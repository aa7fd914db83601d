using System.Net;
using AngleSharp.Html.Dom;
using ComplaintDesk.Application.Features.Complaints;
using ComplaintDesk.IntegrationTests.Features.Notifications;
using ComplaintDesk.IntegrationTests.Infrastructure;

namespace ComplaintDesk.IntegrationTests.Pages;

public sealed class NotificationPageTests(ComplaintDeskApp app) : IClassFixture<ComplaintDeskApp>
{
    private readonly NotificationSteps _notifications = new(app);

    /// <summary>The bell's accessible text, as a screen reader reads the link.</summary>
    private static string Bell(HtmlPage page) => Normalise(page.Document.QuerySelector("[data-testid=notification-bell]")!.TextContent);

    private static string Normalise(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static IHtmlButtonElement MarkReadButton(HtmlPage page, long id) =>
        page.Document.QuerySelector($"li[data-notification-id=\"{id}\"] form button") as IHtmlButtonElement
        ?? throw new InvalidOperationException($"Notification {id} has no Mark read button.");

    /// <summary>Submits the Mark read form of one notification as the browser would.</summary>
    private static Task<HttpResponseMessage> MarkReadAsync(PageSession session, HtmlPage page, long id)
    {
        var form = MarkReadButton(page, id).Form!;
        var values = form.Elements.OfType<IHtmlInputElement>().Select(i => new KeyValuePair<string, string>(i.Name!, i.Value));
        return session.PostAsync(new Uri(new Uri(page.Url), form.GetAttribute("action")).PathAndQuery, values);
    }

    [Fact]
    public async Task The_bell_shows_the_unread_count_after_an_assignment_and_marking_it_read_clears_it()
    {
        var assigner = await app.CreateAgentAsync("Page Assigner");
        var owner = await app.CreateAgentAsync("Page Owner");
        var complaint = await PageSteps.LogAsync(app, assigner, "Bell test");
        using var session = await PageSession.SignInAsync(app, owner);
        Assert.Equal("Notifications", Bell(await session.GetPageAsync("/Notifications")));

        await app.SendAsync<ComplaintView>(assigner.Actor, new AssignComplaintCommand { ComplaintId = complaint.Id, OwnerId = owner.Id });
        var page = await session.GetPageAsync("/Notifications");

        Assert.Equal("Notifications, 1 unread", Bell(page));
        Assert.Equal("1", page.Document.QuerySelector(".bell-count")!.TextContent.Trim());
        var item = Assert.Single(page.Document.QuerySelectorAll("li[data-notification-id]"));
        Assert.Contains("unread", item.ClassList);
        var link = item.QuerySelector("a") as IHtmlAnchorElement;
        Assert.Equal($"/Complaints/{complaint.Id}", link!.GetAttribute("href"));
        Assert.Equal($"Page Assigner assigned {complaint.Reference} to you.", link.TextContent.Trim());

        var id = long.Parse(item.GetAttribute("data-notification-id")!, System.Globalization.CultureInfo.InvariantCulture);
        using var marked = await MarkReadAsync(session, page, id);
        var after = await session.FollowAsync(marked);

        Assert.Equal("Notifications", Bell(after));
        Assert.Null(after.Document.QuerySelector(".bell-count"));
        Assert.DoesNotContain("unread", after.Document.QuerySelector("li[data-notification-id]")!.ClassList);
        Assert.Null(after.Document.QuerySelector($"li[data-notification-id=\"{id}\"] form"));
    }

    [Fact]
    public async Task Mark_all_read_clears_the_bell()
    {
        var agent = await app.CreateAgentAsync();
        await _notifications.SeedAsync(agent, 3);
        using var session = await PageSession.SignInAsync(app, agent);
        var page = await session.GetPageAsync("/Notifications");
        Assert.Equal("Notifications, 3 unread", Bell(page));

        using var marked = await session.SubmitAsync(page, "Mark all read");
        var after = await session.FollowAsync(marked);

        Assert.Equal("Notifications", Bell(after));
        Assert.Equal(3, after.Document.QuerySelectorAll("li.read").Length);
        Assert.Throws<InvalidOperationException>(() => after.Button("Mark all read"));
    }

    [Fact]
    public async Task The_bell_says_99_plus_beyond_99()
    {
        var agent = await app.CreateAgentAsync();
        await _notifications.SeedAsync(agent, 100);
        using var session = await PageSession.SignInAsync(app, agent);

        var page = await session.GetPageAsync("/Notifications");

        Assert.Equal("Notifications, 99+ unread", Bell(page));
        Assert.Contains("More than 99 unread.", page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Older_notifications_are_reached_by_the_older_link()
    {
        var agent = await app.CreateAgentAsync();
        var ids = await _notifications.SeedAsync(agent, 25);
        using var session = await PageSession.SignInAsync(app, agent);

        var first = await session.GetPageAsync("/Notifications");
        var second = await session.GetPageAsync(first.Link("Older").GetAttribute("href")!);

        static IEnumerable<long> Ids(HtmlPage page) => page.Document.QuerySelectorAll("li[data-notification-id]")
            .Select(li => long.Parse(li.GetAttribute("data-notification-id")!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(Enumerable.Reverse(ids), Ids(first).Concat(Ids(second)));
        Assert.False(second.HasLink("Older"));
        Assert.True(second.HasLink("Newest"));
    }

    [Fact]
    public async Task Marking_someone_elses_notification_read_is_the_not_found_page()
    {
        var owner = await app.CreateAgentAsync("Real Owner");
        var other = await app.CreateAgentAsync("Other Person");
        var ownerIds = await _notifications.SeedAsync(owner, 1);
        var otherIds = await _notifications.SeedAsync(other, 1);
        using var session = await PageSession.SignInAsync(app, other);
        var page = await session.GetPageAsync("/Notifications");
        var form = MarkReadButton(page, otherIds[0]).Form!;
        var token = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        using var response = await session.PostAsync("/Notifications?handler=Read",
            [new("notificationId", ownerIds[0].ToString(System.Globalization.CultureInfo.InvariantCulture)), new("__RequestVerificationToken", token)]);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Null(Assert.Single(await _notifications.ForAsync(owner)).ReadAt);
    }

    [Fact]
    public async Task Marking_read_without_the_anti_forgery_token_is_refused()
    {
        var agent = await app.CreateAgentAsync();
        var ids = await _notifications.SeedAsync(agent, 1);
        using var session = await PageSession.SignInAsync(app, agent);

        using var response = await session.PostAsync("/Notifications?handler=Read",
            [new("notificationId", ids[0].ToString(System.Globalization.CultureInfo.InvariantCulture))]);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(Assert.Single(await _notifications.ForAsync(agent)).ReadAt);
    }

    [Fact]
    public async Task Anonymous_visitors_are_sent_to_sign_in()
    {
        using var session = PageSession.Anonymous(app);

        using var response = await session.GetAsync("/Notifications");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location!.PathAndQueryOf(), StringComparison.Ordinal);
    }
}
