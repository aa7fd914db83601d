using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using ComplaintDesk.IntegrationTests.Infrastructure;

namespace ComplaintDesk.IntegrationTests.Api;

public sealed class AuthTokenApiTests(ComplaintDeskApp app) : IClassFixture<ComplaintDeskApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_right_password_gets_a_bearer_token_that_opens_the_api()
    {
        var agent = await app.CreateAgentAsync();
        var client = app.AnonymousClient();

        using var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { email = agent.Email, password = ComplaintDeskApp.Password }, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.JsonAsync();
        var token = body.Str("accessToken");
        Assert.False(string.IsNullOrWhiteSpace(token));
        Assert.Equal(8 * 3600, body.GetProperty("expiresIn").GetInt64());

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/complaints");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var list = await client.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
    }

    [Fact]
    public async Task A_wrong_password_and_an_unknown_email_get_the_same_401_problem()
    {
        var agent = await app.CreateAgentAsync();
        var client = app.AnonymousClient();

        using var wrongPassword = await client.PostAsJsonAsync("/api/v1/auth/token", new { email = agent.Email, password = "Not-the-password-1" }, Ct);
        using var unknownEmail = await client.PostAsJsonAsync("/api/v1/auth/token", new { email = "nobody@example.test", password = "Not-the-password-1" }, Ct);

        var first = await wrongPassword.AssertProblemAsync(HttpStatusCode.Unauthorized, "/problems/invalid-credentials");
        var second = await unknownEmail.AssertProblemAsync(HttpStatusCode.Unauthorized, "/problems/invalid-credentials");
        Assert.Equal(WithoutTraceId(first), WithoutTraceId(second));
        Assert.False(wrongPassword.Headers.Contains("Set-Cookie"));
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"email\":\"\",\"password\":\"\"}")]
    [InlineData("{\"email\":\"someone@example.test\"}")]
    public async Task Missing_credentials_get_401(string json)
    {
        using var response = await app.AnonymousClient().PostRawJsonAsync("/api/v1/auth/token", json);

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "/problems/invalid-credentials");
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_a_400_not_a_500()
    {
        using var response = await app.AnonymousClient().PostRawJsonAsync("/api/v1/auth/token", "email=a&password=b");

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "/problems/validation");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not-a-token")]
    public async Task Without_a_valid_token_the_complaint_routes_answer_401_problem(string? token)
    {
        var agent = await app.CreateAgentAsync();
        var existing = await (await app.ClientForAsync(agent)).CreateComplaintAsync();
        var client = app.AnonymousClient();
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        foreach (var (method, url) in new[]
        {
            (HttpMethod.Get, "/api/v1/complaints"),
            (HttpMethod.Post, "/api/v1/complaints"),
            (HttpMethod.Get, $"/api/v1/complaints/{existing.Id}"),
            (HttpMethod.Get, $"/api/v1/complaints/{existing.Id}/timeline"),
            (HttpMethod.Post, $"/api/v1/complaints/{existing.Id}/acknowledge"),
            (HttpMethod.Post, $"/api/v1/complaints/{existing.Id}/escalation-decision"),
            (HttpMethod.Post, $"/api/v1/complaints/{existing.Id}/notes"),
        })
        {
            using var request = new HttpRequestMessage(method, url);
            if (method == HttpMethod.Post)
            {
                request.Content = JsonContent.Create(new { });
            }
            using var response = await client.SendAsync(request, Ct);
            await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "/problems/unauthenticated");
        }

        var stored = await (await app.ClientForAsync(agent)).GetComplaintAsync(existing.Id);
        Assert.Equal("received", stored.Str("state"));
    }

    private static string WithoutTraceId(JsonElement problem) =>
        JsonSerializer.Serialize(problem.EnumerateObject().Where(p => p.Name != "traceId").ToDictionary(p => p.Name, p => p.Value.ToString()));
}
