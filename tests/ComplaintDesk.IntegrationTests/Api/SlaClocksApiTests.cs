using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ComplaintDesk.Application.Identity;
using ComplaintDesk.Domain.Sla;
using ComplaintDesk.IntegrationTests.Features.Complaints;
using ComplaintDesk.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ComplaintDesk.IntegrationTests.Api;

/// <summary>
/// The clocks on the complaint resource, and the three routes that move them by hand:
/// POST information-requests, POST customer-messages, PUT classification.
/// </summary>
public sealed class SlaClocksApiTests(ComplaintDeskApp app) : IClassFixture<ComplaintDeskApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly SlaSteps _sla = new(app);

    private static Dictionary<string, object?> MediumComplaint()
    {
        var body = ApiKit.NewComplaintBody();
        body["severity"] = "medium";
        return body;
    }

    private static Task<HttpResponseMessage> PutJsonAsync(HttpClient client, string url, object? body, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, url) { Content = body is null ? null : JsonContent.Create(body) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }
        return client.SendAsync(request, Ct);
    }

    private static JsonElement Clock(JsonElement complaint, string kind, string? state = null) =>
        complaint.GetProperty("slaClocks").EnumerateArray().Single(c => c.Str("kind") == kind && (state is null || c.Str("state") == state));

    [Fact]
    public async Task The_complaint_lists_its_clocks_in_camel_case_with_the_queue_summary()
    {
        var monday = _sla.ToMondayAtFivePmInTaipei();
        var client = await app.ClientForAsync(await app.CreateAgentAsync());

        var created = await client.CreateComplaintAsync(MediumComplaint());
        var complaint = await client.GetComplaintAsync(created.Id);

        var clocks = complaint.GetProperty("slaClocks").EnumerateArray().ToList();
        Assert.Equal(["acknowledge", "resolve", "regulatory"], clocks.Select(c => c.Str("kind")));
        Assert.All(clocks, c =>
        {
            Assert.Equal("running", c.Str("state"));
            Assert.Equal(monday, c.GetProperty("startedAt").GetDateTimeOffset());
            Assert.Equal(JsonValueKind.Null, c.GetProperty("breachedAt").ValueKind);
            Assert.Equal(JsonValueKind.Null, c.GetProperty("pausedSince").ValueKind);
            Assert.Equal(JsonValueKind.Null, c.GetProperty("stoppedAt").ValueKind);
        });
        var acknowledge = clocks[0];
        Assert.Equal(monday.AddDays(1), acknowledge.GetProperty("dueAt").GetDateTimeOffset()); // 8 business hours: Tuesday 17:00 in Taipei
        Assert.Equal(monday.AddHours(22), acknowledge.GetProperty("warnAt").GetDateTimeOffset()); // 6 business hours: Tuesday 15:00
        Assert.True(acknowledge.GetProperty("business").GetBoolean());
        Assert.Equal(monday.AddDays(7), clocks[1].GetProperty("dueAt").GetDateTimeOffset());
        Assert.Equal(monday.AddDays(15), clocks[2].GetProperty("dueAt").GetDateTimeOffset());
        Assert.False(clocks[2].GetProperty("business").GetBoolean());
        Assert.False(complaint.GetProperty("waitingOnCustomer").GetBoolean());
        Assert.False(complaint.GetProperty("overdue").GetBoolean());
        Assert.Equal(JsonValueKind.Null, complaint.GetProperty("resolveBy").ValueKind);
        Assert.Equal(monday.AddDays(1), complaint.GetProperty("nextDueAt").GetDateTimeOffset());
        Assert.Equal(created.Body.GetProperty("slaClocks").GetRawText(), complaint.GetProperty("slaClocks").GetRawText());
        Assert.DoesNotContain(clocks, c => c.TryGetProperty("isOpen", out _));
    }

    [Fact]
    public async Task A_breached_clock_shows_breached_at_and_the_complaint_is_overdue()
    {
        var client = await app.ClientForAsync(await app.CreateAgentAsync());
        var created = await client.CreateComplaintAsync(MediumComplaint());
        var due = Clock(created.Body, "acknowledge").GetProperty("dueAt").GetDateTimeOffset();
        app.Clock.SetUtcNow(due.AddMinutes(1));
        await app.SweepAsync();
        client = await app.ClientForAsync(await app.CreateAgentAsync()); // a token lives eight hours

        var complaint = await client.GetComplaintAsync(created.Id);

        var acknowledge = Clock(complaint, "acknowledge");
        Assert.Equal("breached", acknowledge.Str("state"));
        Assert.Equal(due, acknowledge.GetProperty("breachedAt").GetDateTimeOffset());
        Assert.True(complaint.GetProperty("overdue").GetBoolean());
        Assert.Equal("escalated", complaint.Str("state"));
        Assert.Equal("running", Clock(complaint, "escalationDecision").Str("state"));
    }

    [Fact]
    public async Task Information_requests_pause_the_resolve_clock_and_customer_messages_resume_it()
    {
        var client = await app.ClientForAsync(await app.CreateAgentAsync());
        var created = await client.CreateComplaintAsync(MediumComplaint());

        using var asked = await client.PostJsonAsync($"/api/v1/complaints/{created.Id}/information-requests",
            new { message = "Please send a photo." }, created.ETag);

        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        var waiting = await asked.JsonAsync();
        Assert.NotEqual(created.ETag, asked.ETag());
        Assert.Equal($"\"{waiting.GetProperty("version").GetUInt32()}\"", asked.ETag());
        Assert.True(waiting.GetProperty("waitingOnCustomer").GetBoolean());
        var paused = Clock(waiting, "resolve");
        Assert.Equal("paused", paused.Str("state"));
        Assert.Equal(app.Clock.GetUtcNow(), paused.GetProperty("pausedSince").GetDateTimeOffset());
        Assert.Contains("recordCustomerMessage", waiting.GetProperty("allowedActions").EnumerateArray().Select(a => a.GetString()));
        app.Clock.Advance(TimeSpan.FromDays(1));
        client = await app.ClientForAsync(await app.CreateAgentAsync()); // a token lives eight hours

        using var answered = await client.PostJsonAsync($"/api/v1/complaints/{created.Id}/customer-messages",
            new { message = "Photo attached to my e-mail." }, asked.ETag());

        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        var resumed = await answered.JsonAsync();
        Assert.False(resumed.GetProperty("waitingOnCustomer").GetBoolean());
        var running = Clock(resumed, "resolve");
        Assert.Equal("running", running.Str("state"));
        Assert.Equal(JsonValueKind.Null, running.GetProperty("pausedSince").ValueKind);
        var stored = await _sla.OpenAsync(created.Id, SlaClockKind.Resolve);
        Assert.Equal(stored.DueAt, running.GetProperty("dueAt").GetDateTimeOffset());
        Assert.True(stored.DueAt > paused.GetProperty("dueAt").GetDateTimeOffset());

        using var timeline = await client.GetAsync($"/api/v1/complaints/{created.Id}/timeline", Ct);
        var kinds = (await timeline.JsonAsync()).EnumerateArray().Select(e => e.Str("kind")).ToList();
        Assert.Equal(["informationRequested", "customerMessage"], kinds.TakeLast(2));
    }

    [Fact]
    public async Task Put_classification_recomputes_the_deadlines()
    {
        var client = await app.ClientForAsync(await app.CreateAgentAsync());
        var created = await client.CreateComplaintAsync(MediumComplaint());
        var before = Clock(created.Body, "acknowledge");

        using var response = await PutJsonAsync(client, $"/api/v1/complaints/{created.Id}/classification",
            new { severity = "high", category = "logistics" }, created.ETag);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var complaint = await response.JsonAsync();
        Assert.Equal("high", complaint.Str("severity"));
        Assert.Equal("logistics", complaint.Str("category"));
        Assert.Equal(before.GetProperty("dueAt").GetDateTimeOffset(), Clock(complaint, "acknowledge", "cancelled").GetProperty("dueAt").GetDateTimeOffset());
        var fresh = Clock(complaint, "acknowledge", "running");
        Assert.Equal(before.GetProperty("startedAt").GetDateTimeOffset(), fresh.GetProperty("startedAt").GetDateTimeOffset());
        var calendar = await _sla.OfficeHoursAsync();
        Assert.Equal(calendar.Add(fresh.GetProperty("startedAt").GetDateTimeOffset(), TimeSpan.FromHours(4)), fresh.GetProperty("dueAt").GetDateTimeOffset());
        Assert.Equal(fresh.GetProperty("dueAt").GetDateTimeOffset(), complaint.GetProperty("nextDueAt").GetDateTimeOffset());
        Assert.Equal(response.ETag(), (await client.GetAsync($"/api/v1/complaints/{created.Id}", Ct)).ETag());
    }

    [Fact]
    public async Task Bad_bodies_are_400_with_the_field_named()
    {
        var client = await app.ClientForAsync(await app.CreateAgentAsync());
        var created = await client.CreateComplaintAsync(MediumComplaint());
        var id = created.Id;

        using var noQuestion = await client.PostJsonAsync($"/api/v1/complaints/{id}/information-requests", new { message = "  " });
        using var noAnswer = await client.PostJsonAsync($"/api/v1/complaints/{id}/customer-messages", new { });
        using var unknownCategory = await PutJsonAsync(client, $"/api/v1/complaints/{id}/classification", new { severity = "high", category = "nope" });
        using var noSeverity = await PutJsonAsync(client, $"/api/v1/complaints/{id}/classification", new { category = "billing" });
        using var unknownSeverity = await PutJsonAsync(client, $"/api/v1/complaints/{id}/classification", new { severity = "urgent", category = "billing" });

        await noQuestion.AssertFieldErrorAsync("message");
        await noAnswer.AssertFieldErrorAsync("message");
        await unknownCategory.AssertFieldErrorAsync("category");
        await noSeverity.AssertFieldErrorAsync("severity");
        await unknownSeverity.AssertProblemAsync(HttpStatusCode.BadRequest, "/problems/validation");
        Assert.Equal(created.ETag, (await client.GetAsync($"/api/v1/complaints/{id}", Ct)).ETag());
    }

    [Fact]
    public async Task Unknown_complaints_are_404()
    {
        var client = await app.ClientForAsync(await app.CreateAgentAsync());
        var id = Guid.NewGuid();

        using var asked = await client.PostJsonAsync($"/api/v1/complaints/{id}/information-requests", new { message = "Photo?" });
        using var answered = await client.PostJsonAsync($"/api/v1/complaints/{id}/customer-messages", new { message = "Here." });
        using var classified = await PutJsonAsync(client, $"/api/v1/complaints/{id}/classification", new { severity = "high", category = "billing" });

        foreach (var response in new[] { asked, answered, classified })
        {
            await response.AssertProblemAsync(HttpStatusCode.NotFound, "/problems/not-found");
        }
    }

    [Fact]
    public async Task A_stale_if_match_is_412_and_changes_nothing()
    {
        var client = await app.ClientForAsync(await app.CreateAgentAsync());
        var created = await client.CreateComplaintAsync(MediumComplaint());
        using (var note = await client.PostJsonAsync($"/api/v1/complaints/{created.Id}/notes", new { body = "Newer.", visibility = "internal" }))
        {
            Assert.Equal(HttpStatusCode.Created, note.StatusCode);
        }
        var current = (await client.GetAsync($"/api/v1/complaints/{created.Id}", Ct)).ETag();

        using var asked = await client.PostJsonAsync($"/api/v1/complaints/{created.Id}/information-requests", new { message = "Photo?" }, created.ETag);
        using var answered = await client.PostJsonAsync($"/api/v1/complaints/{created.Id}/customer-messages", new { message = "Here." }, created.ETag);
        using var classified = await PutJsonAsync(client, $"/api/v1/complaints/{created.Id}/classification",
            new { severity = "high", category = "billing" }, created.ETag);
        using var malformed = await PutJsonAsync(client, $"/api/v1/complaints/{created.Id}/classification",
            new { severity = "high", category = "billing" }, "not-an-etag");

        foreach (var response in new[] { asked, answered, classified, malformed })
        {
            await response.AssertProblemAsync(HttpStatusCode.PreconditionFailed, "/problems/precondition-failed");
        }
        Assert.Equal(current, (await client.GetAsync($"/api/v1/complaints/{created.Id}", Ct)).ETag());
        Assert.Equal(3, await app.QueryDbAsync(db => db.SlaClocks.CountAsync(c => c.ComplaintId == created.Id, Ct)));
    }

    [Fact]
    public async Task A_closed_complaint_is_409_for_questions_and_classification_but_takes_the_customers_message()
    {
        var client = await app.ClientForAsync(await app.CreateAgentAsync());
        var created = await client.CreateComplaintAsync(MediumComplaint());
        foreach (var (route, body) in new (string, object?)[]
                 {
                     ("acknowledge", null), ("start-resolving", null), ("resolve", new { summary = "Refunded.", outcome = "upheld" }),
                 })
        {
            using var moved = await client.PostJsonAsync($"/api/v1/complaints/{created.Id}/{route}", body);
            Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        }

        using var asked = await client.PostJsonAsync($"/api/v1/complaints/{created.Id}/information-requests", new { message = "Photo?" });
        using var classified = await PutJsonAsync(client, $"/api/v1/complaints/{created.Id}/classification", new { severity = "high", category = "billing" });
        using var answered = await client.PostJsonAsync($"/api/v1/complaints/{created.Id}/customer-messages", new { message = "Thank you!" });

        await asked.AssertProblemAsync(HttpStatusCode.Conflict, "/problems/transition-not-allowed");
        await classified.AssertProblemAsync(HttpStatusCode.Conflict, "/problems/transition-not-allowed");
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        var closed = await answered.JsonAsync();
        Assert.Equal("closed", closed.Str("state"));
        Assert.DoesNotContain(closed.GetProperty("allowedActions").EnumerateArray().Select(a => a.GetString()),
            a => a is "requestInformation" or "changeClassification");
    }

    [Fact]
    public async Task An_admin_reads_the_clocks_but_may_not_move_them()
    {
        var agent = await app.ClientForAsync(await app.CreateAgentAsync());
        var admin = await app.ClientForAsync(await app.CreateUserAsync("Ada Admin", Roles.Admin));
        var created = await agent.CreateComplaintAsync(MediumComplaint());

        Assert.Equal(3, (await admin.GetComplaintAsync(created.Id)).GetProperty("slaClocks").GetArrayLength());
        using var asked = await admin.PostJsonAsync($"/api/v1/complaints/{created.Id}/information-requests", new { message = "Photo?" });
        using var classified = await PutJsonAsync(admin, $"/api/v1/complaints/{created.Id}/classification", new { severity = "high", category = "billing" });

        await asked.AssertProblemAsync(HttpStatusCode.Forbidden, "/problems/forbidden");
        await classified.AssertProblemAsync(HttpStatusCode.Forbidden, "/problems/forbidden");
    }

    [Fact]
    public async Task Without_a_token_the_routes_are_401()
    {
        var anonymous = app.AnonymousClient();
        var id = Guid.NewGuid();

        using var asked = await anonymous.PostJsonAsync($"/api/v1/complaints/{id}/information-requests", new { message = "Photo?" });
        using var classified = await PutJsonAsync(anonymous, $"/api/v1/complaints/{id}/classification", new { severity = "high", category = "billing" });

        await asked.AssertProblemAsync(HttpStatusCode.Unauthorized, "/problems/unauthenticated");
        await classified.AssertProblemAsync(HttpStatusCode.Unauthorized, "/problems/unauthenticated");
    }
}
