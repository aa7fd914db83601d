using System.Net;
using ComplaintDesk.IntegrationTests.Infrastructure;

namespace ComplaintDesk.IntegrationTests.Api;

public sealed class HostingEndpointsTests(ComplaintDeskApp app) : IClassFixture<ComplaintDeskApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Health_endpoints_answer_200_without_signing_in(string url)
    {
        using var response = await app.AnonymousClient().GetAsync(url, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync(Ct));
    }

    [Theory]
    [InlineData("/Account/Login")]
    [InlineData("/api/v1/complaints")]
    [InlineData("/health/live")]
    public async Task Every_answer_carries_the_security_headers(string url)
    {
        using var response = await app.AnonymousClient().GetAsync(url, Ct);

        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self'", policy);
        Assert.Contains("frame-ancestors 'none'", policy);
        Assert.DoesNotContain("unsafe-inline", policy);
    }

    [Fact]
    public async Task The_openapi_document_describes_every_route_of_the_contract()
    {
        using var response = await app.AnonymousClient().GetAsync("/openapi/v1.json", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var document = await response.JsonAsync();
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToHashSet();
        Assert.Contains("/api/v1/complaints/{id}/resolve", paths);
        foreach (var path in new[]
        {
            "/api/v1/auth/token", "/api/v1/complaints", "/api/v1/complaints/{id}", "/api/v1/complaints/{id}/timeline",
            "/api/v1/complaints/{id}/acknowledge", "/api/v1/complaints/{id}/start-resolving", "/api/v1/complaints/{id}/escalate",
            "/api/v1/complaints/{id}/escalation-decision", "/api/v1/complaints/{id}/follow-up",
            "/api/v1/complaints/{id}/confirm-satisfied", "/api/v1/complaints/{id}/reopen", "/api/v1/complaints/{id}/assign",
            "/api/v1/complaints/{id}/notes", "/api/v1/complaints/{id}/information-requests",
            "/api/v1/complaints/{id}/customer-messages", "/api/v1/complaints/{id}/classification",
            "/api/v1/complaints/{id}/status-link",
            "/api/v1/sla/policies", "/api/v1/sla/calendars", "/api/v1/sla/calendars/{id}", "/api/v1/sla/calendars/{id}/holidays",
            "/api/v1/sla/at-risk", "/api/v1/escalations", "/api/v1/customers/{id}/vip",
            "/api/v1/complaints/{id}/offers", "/api/v1/offers/pending-approval", "/api/v1/offers/{offerId}/decision",
            "/api/v1/offers/{offerId}/answer", "/api/v1/offers/{offerId}/fulfil", "/api/v1/offers/{offerId}",
            "/api/v1/compensation/ledger", "/api/v1/compensation/policy",
            "/api/v1/outbox", "/api/v1/outbox/{id}/retry",
        })
        {
            Assert.Contains(path, paths);
        }
    }

    /// <summary>Scalar answers /api/docs with a redirect to /api/docs/ (so its relative asset paths resolve), which a browser follows.</summary>
    [Fact]
    public async Task The_api_reference_is_browsable()
    {
        var client = app.AnonymousClient();

        using var entry = await client.GetAsync("/api/docs", Ct);
        Assert.Equal(HttpStatusCode.Found, entry.StatusCode);
        Assert.Equal(new Uri("http://localhost/api/docs/"), new Uri(new Uri("http://localhost/api/docs"), entry.Headers.Location!));
        using var response = await client.GetAsync("/api/docs/", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("openapi/v1.json", await response.Content.ReadAsStringAsync(Ct));
    }
}
