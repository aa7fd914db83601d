using System.Net;
using System.Text.Json;
using ComplaintDesk.Domain.Complaints;
using ComplaintDesk.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ComplaintDesk.IntegrationTests.Api;

/// <summary>Every transition of the lifecycle table, walked through the API, with the state checked after each.</summary>
public sealed class LifecycleApiTests(ComplaintDeskApp app) : IClassFixture<ComplaintDeskApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly Dictionary<string, ComplaintTrigger> Routes = new()
    {
        ["acknowledge"] = ComplaintTrigger.Acknowledge,
        ["start-resolving"] = ComplaintTrigger.StartResolving,
        ["escalate"] = ComplaintTrigger.Escalate,
        ["escalation-decision"] = ComplaintTrigger.DecideEscalation,
        ["resolve"] = ComplaintTrigger.Resolve,
        ["follow-up"] = ComplaintTrigger.StartFollowUp,
        ["confirm-satisfied"] = ComplaintTrigger.ConfirmSatisfied,
        ["reopen"] = ComplaintTrigger.Reopen,
    };

    private readonly List<(ComplaintState From, ComplaintTrigger Trigger)> _walked = [];

    [Fact]
    public async Task Every_transition_of_the_table_can_be_walked_through_the_api()
    {
        var agent = await app.CreateAgentAsync("Andy Agent");
        var supervisor = await app.CreateSupervisorAsync("Sue Supervisor");
        var colleague = await app.CreateAgentAsync("Cora Colleague");
        var asAgent = await app.ClientForAsync(agent);
        var asSupervisor = await app.ClientForAsync(supervisor);

        var main = await asAgent.CreateComplaintAsync();
        var id = main.Id;
        var etag = main.ETag;
        etag = await MoveAsync(asAgent, id, etag, "acknowledge", new { message = "We have your complaint." }, ComplaintState.Acknowledged);
        etag = await MoveAsync(asAgent, id, etag, "start-resolving", null, ComplaintState.Resolving);
        etag = await MoveAsync(asAgent, id, etag, "escalate", new { reason = "Customer mentions a lawyer." }, ComplaintState.Escalated);
        etag = await MoveAsync(asSupervisor, id, etag, "escalation-decision",
            new { approved = true, comment = "Cora takes it.", newOwnerId = colleague.Id }, ComplaintState.Resolving);
        var afterDecision = await asAgent.GetComplaintAsync(id);
        Assert.Equal(colleague.Id, afterDecision.Str("ownerId"));
        Assert.Equal("Cora Colleague", afterDecision.Str("ownerName"));
        Assert.Equal(1, afterDecision.GetProperty("escalationLevel").GetInt32());
        etag = await MoveAsync(asAgent, id, etag, "resolve", new { summary = "Sent a new jug.", outcome = "partlyUpheld" }, ComplaintState.Closed);
        var closed = await asAgent.GetComplaintAsync(id);
        Assert.Equal("partlyUpheld", closed.Str("outcome"));
        Assert.Equal("Sent a new jug.", closed.Str("resolutionSummary"));
        Assert.NotEqual(JsonValueKind.Null, closed.GetProperty("closedAt").ValueKind);
        etag = await MoveAsync(asAgent, id, etag, "follow-up", null, ComplaintState.FollowUp);
        etag = await MoveAsync(asAgent, id, etag, "reopen", new { reason = "Not satisfied: the new jug leaks." }, ComplaintState.Resolving);
        etag = await MoveAsync(asAgent, id, etag, "escalate", new { reason = "Second failure." }, ComplaintState.Escalated);
        etag = await MoveAsync(asSupervisor, id, etag, "resolve", new { summary = "Full refund.", outcome = "upheld" }, ComplaintState.Closed);
        etag = await MoveAsync(asAgent, id, etag, "follow-up", null, ComplaintState.FollowUp);
        etag = await MoveAsync(asAgent, id, etag, "confirm-satisfied", new { comment = "Thanks.", score = 5 }, ComplaintState.Closed);
        Assert.DoesNotContain("startFollowUp", (await asAgent.GetComplaintAsync(id)).GetProperty("allowedActions").EnumerateArray().Select(a => a.GetString()));
        await MoveAsync(asSupervisor, id, etag, "reopen", new { reason = "Refund never arrived." }, ComplaintState.Resolving);

        var straightFromReceived = await asAgent.CreateComplaintAsync();
        await MoveAsync(asAgent, straightFromReceived.Id, straightFromReceived.ETag, "escalate", new { reason = "Injury." }, ComplaintState.Escalated);
        await MoveAsync(asSupervisor, straightFromReceived.Id, null, "escalation-decision",
            new { approved = false, comment = "Handle it yourself, quickly." }, ComplaintState.Resolving);
        var decided = await asAgent.GetComplaintAsync(straightFromReceived.Id);
        Assert.NotEqual(JsonValueKind.Null, decided.GetProperty("acknowledgedAt").ValueKind);

        var fromAcknowledged = await asAgent.CreateComplaintAsync();
        await MoveAsync(asAgent, fromAcknowledged.Id, null, "acknowledge", null, ComplaintState.Acknowledged);
        await MoveAsync(asAgent, fromAcknowledged.Id, null, "escalate", new { reason = "Media enquiry." }, ComplaintState.Escalated);

        Assert.Equal(
            ComplaintLifecycle.Transitions.Select(t => (t.From, t.Trigger)).Order(),
            _walked.Distinct().Order());
    }

    /// <summary>POSTs an action (with If-Match when given), asserts 200, the new state and a new ETag; returns the ETag.</summary>
    private async Task<string> MoveAsync(HttpClient client, Guid id, string? etag, string route, object? body, ComplaintState expected)
    {
        var before = await client.GetComplaintAsync(id);
        var from = Enum.Parse<ComplaintState>(before.Str("state"), ignoreCase: true);
        Assert.Contains(JsonNamingPolicy.CamelCase.ConvertName(Routes[route].ToString()),
            before.GetProperty("allowedActions").EnumerateArray().Select(a => a.GetString()));

        using var response = await client.PostJsonAsync($"/api/v1/complaints/{id}/{route}", body, etag);

        var complaint = await response.JsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{route} from {from}: {(int)response.StatusCode} {complaint.GetRawText()}");
        Assert.Equal(JsonNamingPolicy.CamelCase.ConvertName(expected.ToString()), complaint.Str("state"));
        var newETag = response.ETag();
        Assert.NotNull(newETag);
        Assert.NotEqual(before.GetProperty("version").GetUInt32().ToString(System.Globalization.CultureInfo.InvariantCulture), newETag.Trim('"'));
        var stored = await app.QueryDbAsync(db => db.Complaints.AsNoTracking().SingleAsync(c => c.Id == id, Ct));
        Assert.Equal(expected, stored.State);
        _walked.Add((from, Routes[route]));
        return newETag;
    }

    [Fact]
    public async Task Assign_answers_200_with_the_new_owner()
    {
        var agent = await app.CreateAgentAsync();
        var owner = await app.CreateAgentAsync("Otto Owner");
        var client = await app.ClientForAsync(agent);
        var created = await client.CreateComplaintAsync();

        using var response = await client.PostJsonAsync($"/api/v1/complaints/{created.Id}/assign", new { ownerId = owner.Id }, created.ETag);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var complaint = await response.JsonAsync();
        Assert.Equal(owner.Id, complaint.Str("ownerId"));
        Assert.Equal("Otto Owner", complaint.Str("ownerName"));
        Assert.Equal("received", complaint.Str("state"));
        Assert.NotEqual(created.ETag, response.ETag());
    }

    [Fact]
    public async Task Notes_answer_201_and_the_timeline_lists_every_event_oldest_first()
    {
        var agent = await app.CreateAgentAsync("Nora Notes");
        var client = await app.ClientForAsync(agent);
        var created = await client.CreateComplaintAsync();
        var id = created.Id;
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        using (var acknowledged = await client.PostJsonAsync($"/api/v1/complaints/{id}/acknowledge", new { message = "Hello." }))
        {
            Assert.Equal(HttpStatusCode.OK, acknowledged.StatusCode);
        }
        app.Clock.Advance(TimeSpan.FromMinutes(1));

        using var note = await client.PostJsonAsync($"/api/v1/complaints/{id}/notes", new { body = "Called the customer.", visibility = "internal" });

        Assert.Equal(HttpStatusCode.Created, note.StatusCode);
        Assert.Equal($"/api/v1/complaints/{id}/timeline", note.Headers.Location?.OriginalString);
        var entry = await note.JsonAsync();
        Assert.Equal("note", entry.Str("kind"));
        Assert.Equal("internal", entry.Str("visibility"));
        Assert.Equal("Called the customer.", entry.Str("text"));
        Assert.Equal("Nora Notes", entry.Str("actor"));

        using var publicNote = await client.PostJsonAsync($"/api/v1/complaints/{id}/notes", new { body = "We called you.", visibility = "public" });
        Assert.Equal(HttpStatusCode.Created, publicNote.StatusCode);

        using var response = await client.GetAsync($"/api/v1/complaints/{id}/timeline", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var timeline = (await response.JsonAsync()).EnumerateArray().ToList();
        Assert.Equal(["logged", "acknowledged", "note", "note"], timeline.Select(e => e.Str("kind")));
        Assert.Equal(["public", "public", "internal", "public"], timeline.Select(e => e.Str("visibility")));
        var times = timeline.Select(e => e.GetProperty("at").GetDateTimeOffset()).ToList();
        Assert.Equal(times.Order(), times);
        Assert.True(times[^1] > times[0]);
        Assert.Equal("received", timeline[0].Str("to"));
        Assert.Equal(JsonValueKind.Null, timeline[0].GetProperty("from").ValueKind);
        Assert.Equal("received", timeline[1].Str("from"));
        Assert.Equal("acknowledged", timeline[1].Str("to"));
        Assert.Equal("Hello.", timeline[1].Str("text"));
        Assert.All(timeline, e => Assert.Equal("Nora Notes", e.Str("actor")));
        Assert.Equal(entry.GetProperty("id").GetInt64(), timeline[2].GetProperty("id").GetInt64());
    }
}
