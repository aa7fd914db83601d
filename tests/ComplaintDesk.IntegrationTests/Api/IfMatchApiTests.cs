using System.Net;
using ComplaintDesk.IntegrationTests.Infrastructure;

namespace ComplaintDesk.IntegrationTests.Api;

/// <summary>The ETag is the complaint's version; If-Match makes a write conditional on it.</summary>
public sealed class IfMatchApiTests(ComplaintDeskApp app) : IClassFixture<ComplaintDeskApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_current_etag_is_accepted_and_a_new_etag_comes_back()
    {
        var client = await app.ClientForAsync(await app.CreateAgentAsync());
        var created = await client.CreateComplaintAsync();

        using var response = await client.PostJsonAsync($"/api/v1/complaints/{created.Id}/acknowledge", null, created.ETag);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var newETag = response.ETag();
        Assert.NotNull(newETag);
        Assert.NotEqual(created.ETag, newETag);
        using var get = await client.GetAsync($"/api/v1/complaints/{created.Id}", Ct);
        Assert.Equal(newETag, get.ETag());
        Assert.Equal("acknowledged", (await get.JsonAsync()).Str("state"));
    }

    [Fact]
    public async Task A_stale_etag_is_a_412_and_nothing_changes()
    {
        var client = await app.ClientForAsync(await app.CreateAgentAsync());
        var created = await client.CreateComplaintAsync();
        using (var acknowledged = await client.PostJsonAsync($"/api/v1/complaints/{created.Id}/acknowledge"))
        {
            Assert.Equal(HttpStatusCode.OK, acknowledged.StatusCode);
        }
        using var current = await client.GetAsync($"/api/v1/complaints/{created.Id}", Ct);
        var timelineBefore = await TimelineLengthAsync(client, created.Id);

        using var escalate = await client.PostJsonAsync($"/api/v1/complaints/{created.Id}/escalate", new { reason = "Stale view." }, created.ETag);
        using var note = await client.PostJsonAsync($"/api/v1/complaints/{created.Id}/notes", new { body = "Stale.", visibility = "internal" }, created.ETag);

        await escalate.AssertProblemAsync(HttpStatusCode.PreconditionFailed, "/problems/precondition-failed");
        await note.AssertProblemAsync(HttpStatusCode.PreconditionFailed, "/problems/precondition-failed");
        using var after = await client.GetAsync($"/api/v1/complaints/{created.Id}", Ct);
        Assert.Equal(current.ETag(), after.ETag());
        Assert.Equal("acknowledged", (await after.JsonAsync()).Str("state"));
        Assert.Equal(timelineBefore, await TimelineLengthAsync(client, created.Id));
    }

    [Fact]
    public async Task Two_requests_with_the_same_etag_at_once_one_200_one_412()
    {
        var agent = await app.CreateAgentAsync();
        var first = await app.CreateAgentAsync("First Owner");
        var second = await app.CreateAgentAsync("Second Owner");
        var client = await app.ClientForAsync(agent);
        var created = await client.CreateComplaintAsync();
        var url = $"/api/v1/complaints/{created.Id}/assign";

        var responses = await Task.WhenAll(
            client.PostJsonAsync(url, new { ownerId = first.Id }, created.ETag),
            client.PostJsonAsync(url, new { ownerId = second.Id }, created.ETag));

        try
        {
            var ok = Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
            var refused = Assert.Single(responses, r => r.StatusCode != HttpStatusCode.OK);
            await refused.AssertProblemAsync(HttpStatusCode.PreconditionFailed, "/problems/precondition-failed");
            var winner = (await ok.JsonAsync()).Str("ownerId");
            var stored = await client.GetComplaintAsync(created.Id);
            Assert.Equal(winner, stored.Str("ownerId"));
            Assert.Equal(ok.ETag(), $"\"{stored.GetProperty("version").GetUInt32()}\"");
        }
        finally
        {
            foreach (var response in responses)
            {
                response.Dispose();
            }
        }
    }

    [Fact]
    public async Task Two_notes_with_the_same_etag_at_once_one_201_one_412()
    {
        var client = await app.ClientForAsync(await app.CreateAgentAsync());
        var created = await client.CreateComplaintAsync();
        var url = $"/api/v1/complaints/{created.Id}/notes";

        var responses = await Task.WhenAll(
            client.PostJsonAsync(url, new { body = "One.", visibility = "internal" }, created.ETag),
            client.PostJsonAsync(url, new { body = "Two.", visibility = "internal" }, created.ETag));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.PreconditionFailed);
        Assert.Equal(2, await TimelineLengthAsync(client, created.Id)); // logged + the one note
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Theory]
    [InlineData("W/\"1\"")]
    [InlineData("\"not-a-version\"")]
    [InlineData("12345")]
    public async Task An_if_match_we_never_gave_out_changes_nothing(string ifMatch)
    {
        var client = await app.ClientForAsync(await app.CreateAgentAsync());
        var created = await client.CreateComplaintAsync();

        using var response = await client.PostJsonAsync($"/api/v1/complaints/{created.Id}/acknowledge", null, ifMatch);

        await response.AssertProblemAsync(HttpStatusCode.PreconditionFailed, "/problems/precondition-failed");
        using var after = await client.GetAsync($"/api/v1/complaints/{created.Id}", Ct);
        Assert.Equal(created.ETag, after.ETag());
    }

    [Fact]
    public async Task If_match_star_means_any_version()
    {
        var client = await app.ClientForAsync(await app.CreateAgentAsync());
        var created = await client.CreateComplaintAsync();

        using var response = await client.PostJsonAsync($"/api/v1/complaints/{created.Id}/acknowledge", null, "*");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static async Task<int> TimelineLengthAsync(HttpClient client, Guid id)
    {
        using var response = await client.GetAsync($"/api/v1/complaints/{id}/timeline", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.JsonAsync()).GetArrayLength();
    }
}
