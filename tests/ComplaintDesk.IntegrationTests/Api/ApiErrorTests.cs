using System.Net;
using System.Net.Http.Json;
using ComplaintDesk.Domain;
using ComplaintDesk.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ComplaintDesk.IntegrationTests.Api;

/// <summary>Each error of the contract, with its status, problem type and field; and never a 500 (see <see cref="NoServerErrorsHandler"/>).</summary>
public sealed class ApiErrorTests(ComplaintDeskApp app) : IClassFixture<ComplaintDeskApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Malformed_json_is_a_400_problem_with_errors()
    {
        var client = await app.ClientForAsync(await app.CreateAgentAsync());

        using var truncated = await client.PostRawJsonAsync("/api/v1/complaints", "{\"customer\": {\"name\": \"Ann\"");
        using var notJson = await client.PostRawJsonAsync("/api/v1/complaints", "this is not json");

        foreach (var response in new[] { truncated, notJson })
        {
            var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "/problems/validation");
            Assert.NotEmpty(problem.GetProperty("errors").EnumerateObject());
        }
    }

    [Theory]
    [InlineData("channel", "fax")]
    [InlineData("severity", "extreme")]
    [InlineData("severity", 2)]
    [InlineData("desiredResolution", "money")]
    [InlineData("purchaseDate", "yesterday")]
    public async Task An_unknown_or_ill_typed_value_is_a_400_naming_the_field(string field, object value)
    {
        var client = await app.ClientForAsync(await app.CreateAgentAsync());
        var body = ApiKit.NewComplaintBody($"Bad {field} {Guid.NewGuid():N}");
        body[field] = value;

        using var response = await client.PostAsJsonAsync("/api/v1/complaints", body, Ct);

        await response.AssertFieldErrorAsync(field);
        Assert.False(await app.QueryDbAsync(db => db.Complaints.AnyAsync(c => c.Subject == (string)body["subject"]!, Ct)));
    }

    [Fact]
    public async Task Over_long_text_is_a_400_with_errors_on_the_field()
    {
        var client = await app.ClientForAsync(await app.CreateAgentAsync());

        using var response = await client.PostAsJsonAsync("/api/v1/complaints", ApiKit.NewComplaintBody(new string('s', FieldLengths.Subject + 1)), Ct);

        await response.AssertFieldErrorAsync("subject");
    }

    [Fact]
    public async Task Missing_fields_are_named_as_the_json_names_them()
    {
        var client = await app.ClientForAsync(await app.CreateAgentAsync());
        var body = ApiKit.NewComplaintBody();
        body["customer"] = new { name = "No Contact" };
        body.Remove("channel");
        body["description"] = "";

        using var response = await client.PostAsJsonAsync("/api/v1/complaints", body, Ct);

        var problem = await response.AssertFieldErrorAsync("customer.email");
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("channel", out _), errors.GetRawText());
        Assert.True(errors.TryGetProperty("description", out _), errors.GetRawText());
    }

    [Fact]
    public async Task A_null_customer_is_a_400_on_customer()
    {
        var client = await app.ClientForAsync(await app.CreateAgentAsync());
        var body = ApiKit.NewComplaintBody();
        body["customer"] = null;

        using var response = await client.PostAsJsonAsync("/api/v1/complaints", body, Ct);

        await response.AssertFieldErrorAsync("customer");
    }

    [Fact]
    public async Task Bad_input_on_actions_is_a_400_naming_the_field()
    {
        var client = await app.ClientForAsync(await app.CreateAgentAsync());
        var created = await client.CreateComplaintAsync();
        var url = $"/api/v1/complaints/{created.Id}";

        using (var response = await client.PostJsonAsync($"{url}/escalate", new { reason = "" }))
        {
            await response.AssertFieldErrorAsync("reason");
        }
        using (var response = await client.PostJsonAsync($"{url}/notes", new { body = "Hi", visibility = "secret" }))
        {
            await response.AssertFieldErrorAsync("visibility");
        }
        using (var response = await client.PostJsonAsync($"{url}/notes", new { body = "Hi" }))
        {
            await response.AssertFieldErrorAsync("visibility");
        }
        using (var response = await client.PostJsonAsync($"{url}/assign", new { ownerId = "no-such-user" }))
        {
            await response.AssertFieldErrorAsync("ownerId");
        }
        using (var response = await client.PostJsonAsync($"{url}/resolve", new { summary = "Done.", outcome = "maybe" }))
        {
            await response.AssertFieldErrorAsync("outcome");
        }
        using (var response = await client.PostJsonAsync($"{url}/confirm-satisfied", new { score = 9 }))
        {
            await response.AssertFieldErrorAsync("score");
        }

        using var unchanged = await client.GetAsync(url, Ct);
        Assert.Equal(created.ETag, unchanged.ETag());
    }

    [Fact]
    public async Task A_move_the_table_forbids_is_a_409_with_a_stable_type()
    {
        var client = await app.ClientForAsync(await app.CreateAgentAsync());
        var created = await client.CreateComplaintAsync();
        var url = $"/api/v1/complaints/{created.Id}";

        using var resolve = await client.PostJsonAsync($"{url}/resolve", new { summary = "Done.", outcome = "upheld" });
        using var followUp = await client.PostJsonAsync($"{url}/follow-up");
        using var reopen = await client.PostJsonAsync($"{url}/reopen", new { reason = "Again." });

        foreach (var response in new[] { resolve, followUp, reopen })
        {
            var problem = await response.AssertProblemAsync(HttpStatusCode.Conflict, "/problems/transition-not-allowed");
            Assert.False(string.IsNullOrWhiteSpace(problem.Str("detail")));
        }
        using var unchanged = await client.GetAsync(url, Ct);
        Assert.Equal(created.ETag, unchanged.ETag());
    }

    [Fact]
    public async Task A_second_follow_up_is_a_409_with_its_own_type()
    {
        var client = await app.ClientForAsync(await app.CreateAgentAsync());
        var id = (await client.CreateComplaintAsync()).Id;
        foreach (var (route, body) in new (string, object?)[]
        {
            ("acknowledge", null), ("start-resolving", null), ("resolve", new { summary = "Done.", outcome = "upheld" }),
            ("follow-up", null), ("confirm-satisfied", null),
        })
        {
            using var step = await client.PostJsonAsync($"/api/v1/complaints/{id}/{route}", body);
            Assert.Equal(HttpStatusCode.OK, step.StatusCode);
        }

        using var response = await client.PostJsonAsync($"/api/v1/complaints/{id}/follow-up");

        await response.AssertProblemAsync(HttpStatusCode.Conflict, "/problems/follow-up-already-done");
    }

    [Fact]
    public async Task An_agent_deciding_an_escalation_is_403_and_nothing_changes()
    {
        var client = await app.ClientForAsync(await app.CreateAgentAsync());
        var id = (await client.CreateComplaintAsync()).Id;
        using (var escalated = await client.PostJsonAsync($"/api/v1/complaints/{id}/escalate", new { reason = "Lawyer." }))
        {
            Assert.Equal(HttpStatusCode.OK, escalated.StatusCode);
        }
        var before = await client.GetComplaintAsync(id);

        using var decision = await client.PostJsonAsync($"/api/v1/complaints/{id}/escalation-decision", new { approved = true, comment = "Self-approved." });
        using var resolve = await client.PostJsonAsync($"/api/v1/complaints/{id}/resolve", new { summary = "Done.", outcome = "upheld" });

        await decision.AssertProblemAsync(HttpStatusCode.Forbidden, "/problems/forbidden");
        await resolve.AssertProblemAsync(HttpStatusCode.Forbidden, "/problems/forbidden");
        var after = await client.GetComplaintAsync(id);
        Assert.Equal("escalated", after.Str("state"));
        Assert.Equal(before.GetProperty("version").GetUInt32(), after.GetProperty("version").GetUInt32());
    }

    [Fact]
    public async Task A_supervisor_declining_with_a_new_owner_is_a_400_on_new_owner_id()
    {
        var agent = await app.CreateAgentAsync();
        var supervisor = await app.ClientForAsync(await app.CreateSupervisorAsync());
        var client = await app.ClientForAsync(agent);
        var id = (await client.CreateComplaintAsync()).Id;
        using (var escalated = await client.PostJsonAsync($"/api/v1/complaints/{id}/escalate", new { reason = "Lawyer." }))
        {
            Assert.Equal(HttpStatusCode.OK, escalated.StatusCode);
        }

        using var response = await supervisor.PostJsonAsync($"/api/v1/complaints/{id}/escalation-decision",
            new { approved = false, comment = "No.", newOwnerId = agent.Id });

        await response.AssertFieldErrorAsync("newOwnerId");
    }

    /// <summary>Odd requests a careless or hostile client sends: each is a 4xx problem, never a 500.</summary>
    [Fact]
    public async Task Odd_requests_are_answered_with_4xx_problems()
    {
        var client = await app.ClientForAsync(await app.CreateAgentAsync());
        var id = (await client.CreateComplaintAsync()).Id;
        var url = $"/api/v1/complaints/{id}";

        var requests = new (string Url, string Json)[]
        {
            ("/api/v1/complaints", "null"),
            ("/api/v1/complaints", "[]"),
            ("/api/v1/complaints", "{}"),
            ("/api/v1/complaints", "{\"customer\": null, \"channel\": \"email\", \"category\": \"billing\", \"subject\": \"s\", \"description\": \"d\"}"),
            ("/api/v1/complaints", "{\"customer\": \"Ann\"}"),
            ("/api/v1/complaints", "{\"customer\": {\"name\": 42}}"),
            ("/api/v1/complaints", "{\"subject\": [\"a\"]}"),
            ("/api/v1/complaints", "{\"category\": \"" + new string('c', 500) + "\"}"),
            ("/api/v1/complaints", "{\"purchaseDate\": \"2026-13-45\"}"),
            ($"{url}/escalate", "null"),
            ($"{url}/escalate", "\"reason\""),
            ($"{url}/escalation-decision", "{\"approved\": \"yes\", \"comment\": \"c\"}"),
            ($"{url}/confirm-satisfied", "{\"score\": 4.5}"),
            ($"{url}/confirm-satisfied", "{\"score\": 99999999999}"),
            ($"{url}/acknowledge", "{\"message\": {\"nested\": true}}"),
            ($"{url}/notes", "{\"body\": \"x\", \"visibility\": 1}"),
            ($"{url}/assign", "{\"ownerId\": null}"),
        };
        foreach (var (target, json) in requests)
        {
            using var response = await client.PostRawJsonAsync(target, json);
            var body = await response.Content.ReadAsStringAsync(Ct);
            Assert.True((int)response.StatusCode is >= 400 and < 500, $"POST {target} {json} answered {(int)response.StatusCode}: {body}");
            Assert.Equal(ApiKit.ProblemJson, response.Content.Headers.ContentType?.MediaType);
        }

        using var noContentType = await client.PostAsync($"{url}/escalate", new ByteArrayContent("{\"reason\":\"r\"}"u8.ToArray()), Ct);
        Assert.True((int)noContentType.StatusCode is >= 400 and < 500, $"No content type answered {(int)noContentType.StatusCode}");

        foreach (var query in new[] { "limit=abc", "limit=99999999999", "state=", "q=" + new string('q', 500), "cursor=%00%01", "ownerId=" + new string('o', 100) })
        {
            using var response = await client.GetAsync("/api/v1/complaints?" + query, Ct);
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"?{query} answered {(int)response.StatusCode}");
        }

        Assert.Equal("received", (await client.GetComplaintAsync(id)).Str("state"));
    }
}
