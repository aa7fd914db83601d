using ComplaintDesk.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ComplaintDesk.IntegrationTests.Api;

/// <summary>Every endpoint says who may call it: protected (authorization metadata) or explicitly anonymous.</summary>
public sealed class EndpointAuthorizationTests(ComplaintDeskApp app) : IClassFixture<ComplaintDeskApp>
{
    private IReadOnlyList<Endpoint> Endpoints => app.Services.GetRequiredService<EndpointDataSource>().Endpoints;

    private static string Describe(Endpoint endpoint) =>
        $"{string.Join(",", endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["*"])} " +
        $"{(endpoint as RouteEndpoint)?.RoutePattern.RawText ?? endpoint.DisplayName}";

    [Fact]
    public void No_endpoint_is_left_without_an_authorization_decision()
    {
        Assert.NotEmpty(Endpoints);

        var undecided = Endpoints
            .Where(e => e.Metadata.GetMetadata<IAuthorizeData>() is null && e.Metadata.GetMetadata<IAllowAnonymous>() is null)
            .Select(Describe)
            .ToList();

        Assert.True(undecided.Count == 0, "Endpoints with neither authorization nor AllowAnonymous: " + string.Join("; ", undecided));
    }

    [Fact]
    public void The_complaint_api_is_protected_and_never_anonymous()
    {
        var complaintEndpoints = Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/v1/complaints", StringComparison.Ordinal) == true)
            .ToList();

        // list, counts, log, get, timeline, nine actions, notes, replies, information requests, customer messages,
        // classification, offers (list and make) (the evidence area's attachment routes are its own)
        Assert.Equal(23, complaintEndpoints.Count(e => !e.RoutePattern.RawText!.Contains("/attachments", StringComparison.Ordinal)));
        Assert.All(complaintEndpoints, e =>
        {
            Assert.Null(e.Metadata.GetMetadata<IAllowAnonymous>());
            Assert.NotEmpty(e.Metadata.GetOrderedMetadata<IAuthorizeData>());
        });
        var decision = complaintEndpoints.Single(e => e.RoutePattern.RawText!.EndsWith("/escalation-decision", StringComparison.Ordinal));
        // RequireAuthorization(policy => …) puts the built policy in the metadata: the supervisor role must be in it.
        Assert.Contains(decision.Metadata.GetOrderedMetadata<AuthorizationPolicy>(), policy => policy.Requirements
            .OfType<RolesAuthorizationRequirement>().Any(r => r.AllowedRoles.SequenceEqual(["Supervisor"])));
    }

    [Fact]
    public void The_sla_policy_and_calendar_api_requires_the_admin_role()
    {
        var sla = Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } route
                && (route.StartsWith("/api/v1/sla/policies", StringComparison.Ordinal) || route.StartsWith("/api/v1/sla/calendars", StringComparison.Ordinal)))
            .ToList();

        // policies GET/PUT; calendars GET/POST, {id} GET/PUT, {id}/holidays POST, {id}/holidays/{date} DELETE
        Assert.Equal(8, sla.Count);
        Assert.All(sla, e =>
        {
            Assert.Null(e.Metadata.GetMetadata<IAllowAnonymous>());
            Assert.Contains(e.Metadata.GetOrderedMetadata<AuthorizationPolicy>(), policy => policy.Requirements
                .OfType<RolesAuthorizationRequirement>().Any(r => r.AllowedRoles.SequenceEqual(["Admin"])));
        });
    }

    [Fact]
    public void The_outbox_api_requires_the_admin_role()
    {
        var outbox = Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/v1/outbox", StringComparison.Ordinal) == true)
            .ToList();

        // list, retry
        Assert.Equal(2, outbox.Count);
        Assert.All(outbox, e =>
        {
            Assert.Null(e.Metadata.GetMetadata<IAllowAnonymous>());
            Assert.Contains(e.Metadata.GetOrderedMetadata<AuthorizationPolicy>(), policy => policy.Requirements
                .OfType<RolesAuthorizationRequirement>().Any(r => r.AllowedRoles.SequenceEqual(["Admin"])));
        });
    }

    [Fact]
    public void Pages_are_protected_by_the_staff_policy_except_the_sign_in_and_error_pages()
    {
        var pages = Endpoints.Where(e => e.Metadata.GetMetadata<ActionDescriptor>() is PageActionDescriptor).ToList();

        Assert.NotEmpty(pages);
        var anonymous = pages.Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is not null).Select(e => e.DisplayName).ToList();
        Assert.All(pages.Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is null),
            e => Assert.Contains(e.Metadata.GetOrderedMetadata<IAuthorizeData>(), a => a.Policy == "Staff"));
        Assert.All(anonymous, name => Assert.Matches("^/(Account/Login|Account/AccessDenied|Error|Status/Index)$", name));
    }
}
