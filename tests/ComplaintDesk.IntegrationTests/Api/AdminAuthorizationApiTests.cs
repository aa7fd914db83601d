using System.Net;
using System.Net.Http.Json;
using ComplaintDesk.IntegrationTests.Features.Administration;
using ComplaintDesk.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ComplaintDesk.IntegrationTests.Api;

/// <summary>Administration routes: 401 without a token, 403 for agents and supervisors, and nothing changes.</summary>
public sealed class AdminAuthorizationApiTests(ComplaintDeskApp app) : IClassFixture<ComplaintDeskApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string SomeId = Guid.NewGuid().ToString();

    /// <summary>Every route only an administrator may call.</summary>
    public static TheoryData<string, string> AdminRoutes => new()
    {
        { "GET", "/api/v1/users" },
        { "GET", $"/api/v1/users/{SomeId}" },
        { "POST", "/api/v1/users" },
        { "PATCH", $"/api/v1/users/{SomeId}" },
        { "POST", $"/api/v1/users/{SomeId}/password" },
        { "POST", "/api/v1/categories" },
        { "PATCH", "/api/v1/categories/billing" },
        { "POST", "/api/v1/reply-templates" },
        { "PUT", $"/api/v1/reply-templates/{SeededTemplates.AcknowledgeEnglish}" },
        { "DELETE", $"/api/v1/reply-templates/{SeededTemplates.AcknowledgeEnglish}" },
        { "POST", "/api/v1/reply-templates/preview" },
        { "GET", "/api/v1/keyword-rules" },
        { "GET", $"/api/v1/keyword-rules/{SomeId}" },
        { "POST", "/api/v1/keyword-rules" },
        { "PUT", $"/api/v1/keyword-rules/{SomeId}" },
        { "DELETE", $"/api/v1/keyword-rules/{SomeId}" },
    };

    private static HttpRequestMessage Request(string method, string url) => new(new HttpMethod(method), url)
    {
        Content = method is "POST" or "PUT" or "PATCH"
            ? JsonContent.Create(new { code = "sneaky", name = "Sneaky", phrase = "sneaky", minimumSeverity = "high", disabled = true, roles = new[] { "Admin" } })
            : null,
    };

    [Theory]
    [MemberData(nameof(AdminRoutes))]
    public async Task Agents_and_supervisors_get_403_problem(string method, string url)
    {
        foreach (var user in new[] { await app.CreateAgentAsync(), await app.CreateSupervisorAsync() })
        {
            var client = await app.ClientForAsync(user);
            using var response = await client.SendAsync(Request(method, url), Ct);
            await response.AssertProblemAsync(HttpStatusCode.Forbidden, "/problems/forbidden");
        }
        Assert.True(await app.QueryDbAsync(db => db.ReplyTemplates.AnyAsync(t => t.Id == SeededTemplates.AcknowledgeEnglish, Ct)));
        Assert.False(await app.QueryDbAsync(db => db.Categories.Where(c => c.Code == "billing").Select(c => c.Retired).SingleAsync(Ct)));
        Assert.False(await app.QueryDbAsync(db => db.Categories.AnyAsync(c => c.Code == "sneaky", Ct)));
    }

    [Theory]
    [MemberData(nameof(AdminRoutes))]
    public async Task Without_a_token_the_answer_is_401_problem(string method, string url)
    {
        using var response = await app.AnonymousClient().SendAsync(Request(method, url), Ct);

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "/problems/unauthenticated");
    }

    [Fact]
    public async Task Staff_may_read_categories_and_templates_but_need_a_token()
    {
        var agent = await app.ClientForAsync(await app.CreateAgentAsync());

        using var categories = await agent.GetAsync("/api/v1/categories", Ct);
        using var templates = await agent.GetAsync("/api/v1/reply-templates?language=zh-Hant", Ct);
        using var template = await agent.GetAsync($"/api/v1/reply-templates/{SeededTemplates.AcknowledgeEnglish}", Ct);
        using var anonymous = await app.AnonymousClient().GetAsync("/api/v1/categories", Ct);

        Assert.Equal(HttpStatusCode.OK, categories.StatusCode);
        Assert.Equal(HttpStatusCode.OK, templates.StatusCode);
        Assert.Equal(5, (await templates.JsonAsync()).GetArrayLength());
        Assert.Equal(HttpStatusCode.OK, template.StatusCode);
        await anonymous.AssertProblemAsync(HttpStatusCode.Unauthorized, "/problems/unauthenticated");
    }

    [Fact]
    public void Every_administration_write_requires_the_admin_role_in_its_policy()
    {
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } route && new[] { "/api/v1/users", "/api/v1/categories", "/api/v1/reply-templates", "/api/v1/keyword-rules" }
                .Any(prefix => route.StartsWith(prefix, StringComparison.Ordinal)))
            .ToList();
        var readableByStaff = endpoints.Where(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods.SequenceEqual(["GET"])
            && (e.RoutePattern.RawText!.StartsWith("/api/v1/categories", StringComparison.Ordinal)
                || e.RoutePattern.RawText.StartsWith("/api/v1/reply-templates", StringComparison.Ordinal))).ToList();

        Assert.Equal(19, endpoints.Count); // users 5 (with the password reset), categories 3, reply templates 6 (with the preview), keyword rules 5
        Assert.Equal(3, readableByStaff.Count);
        Assert.All(endpoints.Except(readableByStaff), e =>
        {
            Assert.Null(e.Metadata.GetMetadata<IAllowAnonymous>());
            Assert.Contains(e.Metadata.GetOrderedMetadata<AuthorizationPolicy>(), policy => policy.Requirements
                .OfType<RolesAuthorizationRequirement>().Any(r => r.AllowedRoles.SequenceEqual(["Admin"])));
        });
    }
}
