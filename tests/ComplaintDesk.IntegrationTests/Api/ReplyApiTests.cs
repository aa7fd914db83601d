using System.Net;
using ComplaintDesk.Application.Identity;
using ComplaintDesk.Domain.Complaints;
using ComplaintDesk.IntegrationTests.Features.Replies;
using ComplaintDesk.IntegrationTests.Infrastructure;
using ComplaintDesk.IntegrationTests.Pages;
using Microsoft.EntityFrameworkCore;

namespace ComplaintDesk.IntegrationTests.Api;

/// <summary>POST /api/v1/complaints/{id}/replies: the rendered public reply, and every refusal as a problem.</summary>
public sealed class ReplyApiTests(ComplaintDeskApp app) : IClassFixture<ComplaintDeskApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Replies(Guid id) => $"/api/v1/complaints/{id}/replies";

    [Fact]
    public async Task A_reply_answers_201_with_the_public_reply_and_appears_in_the_timeline()
    {
        var agent = await app.CreateAgentAsync("Api Replier");
        var client = await app.ClientForAsync(agent);
        var complaint = await client.CreateComplaintAsync();

        using var response = await client.PostJsonAsync(Replies(complaint.Id), new { body = "We have sent a new jug today." });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal($"/api/v1/complaints/{complaint.Id}/timeline", response.Headers.Location!.PathAndQueryOf());
        var reply = await response.JsonAsync();
        Assert.Equal("We have sent a new jug today.", reply.Str("body"));
        Assert.Equal("Api Replier", reply.Str("author"));
        Assert.Equal(app.Clock.GetUtcNow(), reply.GetProperty("at").GetDateTimeOffset());
        using var timeline = await client.GetAsync($"/api/v1/complaints/{complaint.Id}/timeline", Ct);
        var last = (await timeline.JsonAsync()).EnumerateArray().Last();
        Assert.Equal(reply.GetProperty("id").GetInt64(), last.GetProperty("id").GetInt64());
        Assert.Equal(("reply", "public"), (last.Str("kind"), last.Str("visibility")));
    }

    [Fact]
    public async Task With_a_template_and_no_body_the_rendered_template_is_the_reply()
    {
        var agent = await app.CreateAgentAsync("Tina Agent");
        var client = await app.ClientForAsync(agent);
        var complaint = await client.CreateComplaintAsync();
        var template = await app.CreateTemplateAsync($"Api template {Guid.NewGuid():N}", "Dear {customerName}, about {reference}: {agentFirstName}");

        using var response = await client.PostJsonAsync(Replies(complaint.Id), new { templateId = template.Id });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal($"Dear Mia Customer, about {complaint.Body.Str("reference")}: Tina", (await response.JsonAsync()).Str("body"));
    }

    [Fact]
    public async Task A_closed_complaint_may_still_be_answered()
    {
        var client = await app.ClientForAsync(await app.CreateAgentAsync());
        var complaint = await client.CreateComplaintAsync();
        foreach (var (action, body) in new (string, object?)[]
        {
            ("acknowledge", null), ("start-resolving", null), ("resolve", new { summary = "New jug sent.", outcome = "upheld" }),
        })
        {
            using var moved = await client.PostJsonAsync($"/api/v1/complaints/{complaint.Id}/{action}", body);
            Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        }

        using var response = await client.PostJsonAsync(Replies(complaint.Id), new { body = "Glad it is sorted." });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(ComplaintState.Closed, await app.QueryDbAsync(db => db.Complaints.Where(c => c.Id == complaint.Id).Select(c => c.State).SingleAsync(Ct)));
    }

    [Fact]
    public async Task Bad_input_is_400_naming_the_field()
    {
        var client = await app.ClientForAsync(await app.CreateAgentAsync());
        var complaint = await client.CreateComplaintAsync();

        using var empty = await client.PostJsonAsync(Replies(complaint.Id), new { body = "" });
        using var unknownTemplate = await client.PostJsonAsync(Replies(complaint.Id), new { templateId = Guid.NewGuid() });
        using var notAGuid = await client.PostRawJsonAsync(Replies(complaint.Id), """{"templateId": "first-one"}""");

        await empty.AssertFieldErrorAsync("body");
        await unknownTemplate.AssertFieldErrorAsync("templateId");
        await notAGuid.AssertFieldErrorAsync("templateId");
        Assert.False(await app.QueryDbAsync(db => db.TimelineEvents.AnyAsync(e => e.ComplaintId == complaint.Id && e.Kind == TimelineEventKind.Reply, Ct)));
    }

    [Fact]
    public async Task Unknown_complaint_is_404_a_stale_etag_412_and_an_admin_403()
    {
        var agent = await app.CreateAgentAsync();
        var client = await app.ClientForAsync(agent);
        var complaint = await client.CreateComplaintAsync();
        using (var acknowledged = await client.PostJsonAsync($"/api/v1/complaints/{complaint.Id}/acknowledge"))
        {
            Assert.Equal(HttpStatusCode.OK, acknowledged.StatusCode);
        }
        var admin = await app.ClientForAsync(await app.CreateUserAsync("Ada Admin", Roles.Admin));

        using var missing = await client.PostJsonAsync(Replies(Guid.NewGuid()), new { body = "Hello." });
        using var stale = await client.PostJsonAsync(Replies(complaint.Id), new { body = "Hello." }, ifMatch: complaint.ETag);
        using var forbidden = await admin.PostJsonAsync(Replies(complaint.Id), new { body = "Hello." });
        using var anonymous = await app.AnonymousClient().PostJsonAsync(Replies(complaint.Id), new { body = "Hello." });

        await missing.AssertProblemAsync(HttpStatusCode.NotFound, "/problems/not-found");
        await stale.AssertProblemAsync(HttpStatusCode.PreconditionFailed, "/problems/precondition-failed");
        await forbidden.AssertProblemAsync(HttpStatusCode.Forbidden, "/problems/forbidden");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.False(await app.QueryDbAsync(db => db.TimelineEvents.AnyAsync(e => e.ComplaintId == complaint.Id && e.Kind == TimelineEventKind.Reply, Ct)));
    }
}
