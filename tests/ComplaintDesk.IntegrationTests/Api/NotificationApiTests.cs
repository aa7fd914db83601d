using System.Net;
using ComplaintDesk.IntegrationTests.Features.Notifications;
using ComplaintDesk.IntegrationTests.Infrastructure;

namespace ComplaintDesk.IntegrationTests.Api;

public sealed class NotificationApiTests(ComplaintDeskApp app) : IClassFixture<ComplaintDeskApp>
{
    private readonly NotificationSteps _notifications = new(app);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_assignment_shows_up_in_the_owners_list_with_the_unread_count()
    {
        var agent = await app.CreateAgentAsync("Api Assigner");
        var owner = await app.CreateAgentAsync("Api Owner");
        var assignerClient = await app.ClientForAsync(agent);
        var ownerClient = await app.ClientForAsync(owner);
        var complaint = await assignerClient.CreateComplaintAsync();
        using (var assigned = await assignerClient.PostJsonAsync($"/api/v1/complaints/{complaint.Id}/assign", new { ownerId = owner.Id }))
        {
            Assert.Equal(HttpStatusCode.OK, assigned.StatusCode);
        }

        using var response = await ownerClient.GetAsync("/api/v1/notifications", Ct);
        var body = await response.JsonAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, body.GetProperty("unreadCount").GetInt32());
        Assert.False(body.GetProperty("unreadCountCapped").GetBoolean());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, body.GetProperty("nextCursor").ValueKind);
        var item = Assert.Single(body.GetProperty("items").EnumerateArray());
        Assert.Equal("assigned", item.Str("kind"));
        Assert.Equal(complaint.Id, item.GetProperty("complaintId").GetGuid());
        Assert.Equal(complaint.Body.Str("reference"), item.Str("complaintReference"));
        Assert.Contains("Api Assigner assigned", item.Str("text"), StringComparison.Ordinal);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, item.GetProperty("readAt").ValueKind);
        Assert.True(item.GetProperty("id").GetInt64() > 0);
    }

    [Fact]
    public async Task Limit_cursor_and_unread_page_through_the_list()
    {
        var agent = await app.CreateAgentAsync();
        var client = await app.ClientForAsync(agent);
        var ids = await _notifications.SeedAsync(agent, 3);
        await app.SendAsync<Mediator.Unit>(agent.Actor, new Application.Features.Notifications.MarkNotificationReadCommand { NotificationId = ids[2] });

        using var first = await client.GetAsync("/api/v1/notifications?limit=2", Ct);
        var firstBody = await first.JsonAsync();
        using var second = await client.GetAsync($"/api/v1/notifications?limit=2&cursor={firstBody.Str("nextCursor")}", Ct);
        using var unread = await client.GetAsync("/api/v1/notifications?unread=true", Ct);

        Assert.Equal([ids[2], ids[1]], firstBody.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()));
        Assert.Equal([ids[0]], (await second.JsonAsync()).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()));
        Assert.Equal([ids[1], ids[0]], (await unread.JsonAsync()).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()));
        Assert.Equal(2, firstBody.GetProperty("unreadCount").GetInt32());
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=51", "limit")]
    [InlineData("limit=abc", "limit")]
    [InlineData("cursor=nonsense", "cursor")]
    [InlineData("unread=maybe", "unread")]
    public async Task Bad_query_values_are_field_errors(string query, string field)
    {
        var agent = await app.CreateAgentAsync();
        var client = await app.ClientForAsync(agent);

        using var response = await client.GetAsync("/api/v1/notifications?" + query, Ct);

        await response.AssertFieldErrorAsync(field);
    }

    [Fact]
    public async Task Marking_your_own_read_answers_204_and_lowers_the_count()
    {
        var agent = await app.CreateAgentAsync();
        var client = await app.ClientForAsync(agent);
        var ids = await _notifications.SeedAsync(agent, 2);

        using var read = await client.PostJsonAsync($"/api/v1/notifications/{ids[0]}/read");
        using var again = await client.PostJsonAsync($"/api/v1/notifications/{ids[0]}/read");
        using var list = await client.GetAsync("/api/v1/notifications", Ct);

        Assert.Equal(HttpStatusCode.NoContent, read.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, again.StatusCode);
        Assert.Equal(1, (await list.JsonAsync()).GetProperty("unreadCount").GetInt32());
    }

    [Fact]
    public async Task Someone_elses_or_an_unknown_notification_answers_404()
    {
        var owner = await app.CreateAgentAsync("Owner");
        var other = await app.CreateSupervisorAsync("Other");
        var otherClient = await app.ClientForAsync(other);
        var ids = await _notifications.SeedAsync(owner, 1);

        using var someoneElses = await otherClient.PostJsonAsync($"/api/v1/notifications/{ids[0]}/read");
        using var unknown = await otherClient.PostJsonAsync($"/api/v1/notifications/{long.MaxValue}/read");

        await someoneElses.AssertProblemAsync(HttpStatusCode.NotFound, "/problems/not-found");
        await unknown.AssertProblemAsync(HttpStatusCode.NotFound, "/problems/not-found");
        Assert.Null(Assert.Single(await _notifications.ForAsync(owner)).ReadAt);
    }

    [Fact]
    public async Task Read_all_answers_204_and_leaves_nothing_unread()
    {
        var agent = await app.CreateAgentAsync();
        var client = await app.ClientForAsync(agent);
        await _notifications.SeedAsync(agent, 3);

        using var readAll = await client.PostJsonAsync("/api/v1/notifications/read-all");
        using var list = await client.GetAsync("/api/v1/notifications?unread=true", Ct);

        Assert.Equal(HttpStatusCode.NoContent, readAll.StatusCode);
        var body = await list.JsonAsync();
        Assert.Equal(0, body.GetProperty("unreadCount").GetInt32());
        Assert.Empty(body.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task An_admin_has_notifications_too()
    {
        var admin = await app.CreateUserAsync("Ada Admin", Application.Identity.Roles.Admin);
        var client = await app.ClientForAsync(admin);

        using var response = await client.GetAsync("/api/v1/notifications", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("GET", "/api/v1/notifications")]
    [InlineData("POST", "/api/v1/notifications/1/read")]
    [InlineData("POST", "/api/v1/notifications/read-all")]
    public async Task Without_a_token_the_answer_is_401(string method, string url)
    {
        var client = app.AnonymousClient();

        using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), url), Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_cookie_is_not_a_token()
    {
        var agent = await app.CreateAgentAsync();
        using var session = await Pages.PageSession.SignInAsync(app, agent);

        using var response = await session.GetAsync("/api/v1/notifications");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
