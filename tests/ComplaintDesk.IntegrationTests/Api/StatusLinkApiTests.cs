using System.Net;
using ComplaintDesk.Domain.StatusLinks;
using ComplaintDesk.IntegrationTests.Features.StatusLinks;
using ComplaintDesk.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ComplaintDesk.IntegrationTests.Api;

/// <summary>
/// The status link in the API: the acknowledgement's answer carries it (the only time it can be read), POST …/status-link
/// re-issues it (the old ones stop opening; the answer is the complaint with the new link), DELETE …/status-link revokes
/// every link of the case.
/// </summary>
public sealed class StatusLinkApiTests(ComplaintDeskApp app) : IClassFixture<ComplaintDeskApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<bool> IsLiveAsync(string token)
    {
        var hash = StatusLinkToken.Hash(token);
        return await app.QueryDbAsync(db => db.StatusLinks.AnyAsync(l => l.TokenHash == hash && l.RevokedAt == null, Ct));
    }

    [Fact]
    public async Task The_acknowledgement_answers_with_the_link_once_and_only_its_hash_is_stored()
    {
        var agent = await app.ClientForAsync(await app.CreateAgentAsync());
        var created = await agent.CreateComplaintAsync();

        using var acknowledged = await agent.PostJsonAsync($"/api/v1/complaints/{created.Id}/acknowledge", new { message = "Thank you" });

        Assert.Equal(HttpStatusCode.OK, acknowledged.StatusCode);
        Assert.Equal("no-store", acknowledged.Headers.CacheControl?.ToString());
        var link = (await acknowledged.JsonAsync()).Str("statusLink");
        var token = StatusLinkSteps.TokenOf(link);
        Assert.True(StatusLinkToken.IsWellFormed(token));
        Assert.True(await IsLiveAsync(token));
        // Afterwards the resource never shows it again.
        var read = await agent.GetComplaintAsync(created.Id);
        Assert.False(read.TryGetProperty("statusLink", out _));
        using var started = await agent.PostJsonAsync($"/api/v1/complaints/{created.Id}/start-resolving");
        Assert.False((await started.JsonAsync()).TryGetProperty("statusLink", out _));
    }

    [Fact]
    public async Task Reissuing_answers_the_complaint_with_a_new_link_and_its_new_etag_and_revokes_the_old_ones()
    {
        var agent = await app.ClientForAsync(await app.CreateAgentAsync());
        var created = await agent.CreateComplaintAsync();
        using var acknowledged = await agent.PostJsonAsync($"/api/v1/complaints/{created.Id}/acknowledge");
        var first = StatusLinkSteps.TokenOf((await acknowledged.JsonAsync()).Str("statusLink"));

        using var reissued = await agent.PostJsonAsync($"/api/v1/complaints/{created.Id}/status-link", ifMatch: acknowledged.ETag());

        Assert.Equal(HttpStatusCode.OK, reissued.StatusCode);
        Assert.Equal("no-store", reissued.Headers.CacheControl?.ToString());
        var body = await reissued.JsonAsync();
        Assert.Equal(created.Id.ToString(), body.Str("id"));
        var second = StatusLinkSteps.TokenOf(body.Str("statusLink"));
        Assert.NotEqual(first, second);
        // The issue is on the timeline, so the version moved: the answer's ETag is the one the next write must send.
        Assert.NotNull(reissued.ETag());
        Assert.NotEqual(acknowledged.ETag(), reissued.ETag());
        using var read = await agent.GetAsync($"/api/v1/complaints/{created.Id}", Ct);
        Assert.Equal(read.ETag(), reissued.ETag());
        Assert.Equal(body.GetProperty("version").GetUInt32().ToString(System.Globalization.CultureInfo.InvariantCulture), reissued.ETag()!.Trim('"'));
        Assert.False(await IsLiveAsync(first));
        Assert.True(await IsLiveAsync(second));
        var events = await app.QueryDbAsync(db => db.TimelineEvents.Where(e => e.ComplaintId == created.Id)
            .Select(e => e.Kind).ToListAsync(Ct));
        Assert.Contains(Domain.Complaints.TimelineEventKind.StatusLinkIssued, events);
    }

    [Fact]
    public async Task Revoking_leaves_no_live_link_and_is_recorded()
    {
        var agent = await app.ClientForAsync(await app.CreateAgentAsync());
        var created = await agent.CreateComplaintAsync();
        using var acknowledged = await agent.PostJsonAsync($"/api/v1/complaints/{created.Id}/acknowledge");
        var token = StatusLinkSteps.TokenOf((await acknowledged.JsonAsync()).Str("statusLink"));

        using var request = new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/complaints/{created.Id}/status-link");
        using var revoked = await agent.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        Assert.False(await IsLiveAsync(token));
        Assert.Equal(0, await app.QueryDbAsync(db => db.StatusLinks.CountAsync(l => l.ComplaintId == created.Id && l.RevokedAt == null, Ct)));
    }

    [Fact]
    public async Task Status_link_routes_answer_404_for_an_unknown_case_403_for_an_administrator_and_412_for_a_stale_etag()
    {
        var agent = await app.ClientForAsync(await app.CreateAgentAsync());
        var admin = await app.ClientForAsync(await app.CreateUserAsync("Ada Admin", Application.Identity.Roles.Admin));
        var created = await agent.CreateComplaintAsync();

        using var unknown = await agent.PostJsonAsync($"/api/v1/complaints/{Guid.NewGuid()}/status-link");
        using var byAdmin = await admin.PostJsonAsync($"/api/v1/complaints/{created.Id}/status-link");
        using var stale = await agent.PostJsonAsync($"/api/v1/complaints/{created.Id}/status-link", ifMatch: "\"1\"");

        await unknown.AssertProblemAsync(HttpStatusCode.NotFound);
        await byAdmin.AssertProblemAsync(HttpStatusCode.Forbidden);
        await stale.AssertProblemAsync(HttpStatusCode.PreconditionFailed); // a lost race with If-Match is always 412
        Assert.Equal(0, await app.QueryDbAsync(db => db.StatusLinks.CountAsync(l => l.ComplaintId == created.Id, Ct)));
    }
}
