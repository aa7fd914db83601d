using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ComplaintDesk.IntegrationTests.Infrastructure;

namespace ComplaintDesk.IntegrationTests.Api;

/// <summary>
/// Every API test talks through this handler: any 5xx answer fails the test on the spot, with the request and the
/// body in the message. So "never 500" is asserted by every request of every API test, not only by a few.
/// </summary>
public sealed class NoServerErrorsHandler : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if ((int)response.StatusCode >= 500)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            Assert.Fail($"{request.Method} {request.RequestUri} answered {(int)response.StatusCode}: {body}");
        }
        return response;
    }
}

/// <summary>HTTP steps for the API tests: clients with a bearer token, JSON in and out, problem assertions.</summary>
public static class ApiKit
{
    public const string ProblemJson = "application/problem+json";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static HttpClient AnonymousClient(this ComplaintDeskApp app) => app.CreateDefaultClient(new NoServerErrorsHandler());

    /// <summary>A client holding a bearer token from POST /api/v1/auth/token, as an integration gets one.</summary>
    public static async Task<HttpClient> ClientForAsync(this ComplaintDeskApp app, TestUser user)
    {
        var client = app.AnonymousClient();
        using var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { email = user.Email, password = ComplaintDeskApp.Password }, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var token = (await response.JsonAsync()).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync(Ct);
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    public static string Str(this JsonElement element, string property) =>
        element.GetProperty(property).GetString() ?? throw new InvalidOperationException($"{property} is null.");

    public static string? ETag(this HttpResponseMessage response) => response.Headers.ETag?.ToString();

    /// <summary>Asserts an error answer: the status, problem+json, the problem type when given; returns the problem.</summary>
    public static async Task<JsonElement> AssertProblemAsync(this HttpResponseMessage response, HttpStatusCode status, string? type = null)
    {
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == status, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal(ProblemJson, response.Content.Headers.ContentType?.MediaType);
        using var document = JsonDocument.Parse(body);
        var problem = document.RootElement.Clone();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        if (type is not null)
        {
            Assert.Equal(type, problem.Str("type"));
        }
        return problem;
    }

    /// <summary>A 400 whose <c>errors</c> name <paramref name="field"/> (as the JSON spells it).</summary>
    public static async Task<JsonElement> AssertFieldErrorAsync(this HttpResponseMessage response, string field)
    {
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "/problems/validation");
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out var messages),
            $"No error for '{field}'; errors were {errors.GetRawText()}");
        Assert.Contains(messages.EnumerateArray(), m => !string.IsNullOrWhiteSpace(m.GetString()));
        return problem;
    }

    public static Dictionary<string, object?> NewComplaintBody(string subject = "Blender arrived cracked") => new()
    {
        ["customer"] = new Dictionary<string, object?>
        {
            ["name"] = "Mia Customer", ["email"] = $"mia.{Guid.NewGuid():N}@example.test", ["phone"] = $"+44 20 {Random.Shared.Next(1000, 9999)} {Random.Shared.Next(1000, 9999)}",
            ["externalId"] = "SHOP-42", ["preferredLanguage"] = "en",
        },
        ["channel"] = "webForm",
        ["category"] = "productQuality",
        ["severity"] = "high",
        ["subject"] = subject,
        ["description"] = "The jug has a crack along the side.",
        ["orderReference"] = "ORD-9001",
        ["productName"] = "Blender X2",
        ["purchaseDate"] = "2026-10-01",
        ["incidentDate"] = "2026-10-03",
        ["desiredResolution"] = "replacement",
        ["desiredResolutionText"] = "A new jug.",
    };

    public sealed record Created(Guid Id, string ETag, JsonElement Body);

    public static async Task<Created> CreateComplaintAsync(this HttpClient client, IDictionary<string, object?>? body = null)
    {
        using var response = await client.PostAsJsonAsync("/api/v1/complaints", body ?? NewComplaintBody(), Ct);
        var json = await response.JsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, json.GetRawText());
        return new Created(json.GetProperty("id").GetGuid(), response.ETag()!, json);
    }

    /// <summary>POST a JSON body (or none) with an optional If-Match.</summary>
    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string url, object? body = null, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = body is null ? null : JsonContent.Create(body) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }
        return client.SendAsync(request, Ct);
    }

    /// <summary>POST text exactly as given, as application/json.</summary>
    public static Task<HttpResponseMessage> PostRawJsonAsync(this HttpClient client, string url, string json) =>
        client.PostAsync(url, new StringContent(json, Encoding.UTF8, "application/json"), Ct);

    public static async Task<JsonElement> GetComplaintAsync(this HttpClient client, Guid id)
    {
        using var response = await client.GetAsync($"/api/v1/complaints/{id}", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.JsonAsync();
    }
}
