using System.Net;
using ComplaintDesk.IntegrationTests.Infrastructure;

namespace ComplaintDesk.IntegrationTests.Api;

/// <summary>Moves this class's clock; a token is fetched after each move, because tokens expire by the same clock.</summary>
public sealed class ReopenWindowApiTests(ComplaintDeskApp app) : IClassFixture<ComplaintDeskApp>
{
    [Fact]
    public async Task Reopening_after_the_window_is_a_409_with_its_own_type_and_within_it_is_200()
    {
        var agent = await app.CreateAgentAsync();
        var client = await app.ClientForAsync(agent);
        var late = await CloseNewComplaintAsync(client);
        app.Clock.Advance(TimeSpan.FromDays(10));
        client = await app.ClientForAsync(agent);
        var early = await CloseNewComplaintAsync(client);
        app.Clock.Advance(TimeSpan.FromDays(21)); // late: closed 31 days ago; early: 21 days ago
        client = await app.ClientForAsync(agent);

        using var refused = await client.PostJsonAsync($"/api/v1/complaints/{late}/reopen", new { reason = "Broken again." });
        using var accepted = await client.PostJsonAsync($"/api/v1/complaints/{early}/reopen", new { reason = "Broken again." });

        await refused.AssertProblemAsync(HttpStatusCode.Conflict, "/problems/reopen-window-passed");
        Assert.Equal("closed", (await client.GetComplaintAsync(late)).Str("state"));
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal("resolving", (await accepted.JsonAsync()).Str("state"));
    }

    private static async Task<Guid> CloseNewComplaintAsync(HttpClient client)
    {
        var id = (await client.CreateComplaintAsync()).Id;
        foreach (var (route, body) in new (string, object?)[]
        {
            ("acknowledge", null), ("start-resolving", null), ("resolve", new { summary = "Done.", outcome = "notUpheld" }),
        })
        {
            using var response = await client.PostJsonAsync($"/api/v1/complaints/{id}/{route}", body);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        return id;
    }
}
