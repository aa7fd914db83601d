using System.Net;
using ComplaintDesk.Application.Identity;
using ComplaintDesk.IntegrationTests.Features.Administration;
using ComplaintDesk.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ComplaintDesk.IntegrationTests.Pages.Admin;

/// <summary>Every page under /Admin is for administrators only.</summary>
public sealed class AdminPagesAccessTests(ComplaintDeskApp app) : IClassFixture<ComplaintDeskApp>
{
    public static TheoryData<string> AdminPages => new()
    {
        "/Admin", "/Admin/Users", "/Admin/Users/New", "/Admin/Categories", "/Admin/Templates", "/Admin/Templates/Edit",
        $"/Admin/Templates/Edit/{SeededTemplates.AcknowledgeEnglish}", "/Admin/KeywordRules", "/Admin/Outbox",
    };

    [Theory]
    [MemberData(nameof(AdminPages))]
    public async Task Agents_and_supervisors_are_denied_and_administrators_get_the_page(string url)
    {
        foreach (var user in new[] { await app.CreateAgentAsync(), await app.CreateSupervisorAsync() })
        {
            using var session = await PageSession.SignInAsync(app, user);
            using var response = await session.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/Account/AccessDenied", response.Headers.Location!.PathAndQueryOf());
        }
        using var admin = await PageSession.SignInAsync(app, await app.CreateUserAsync("Page Admin", Roles.Admin));
        var page = await admin.GetPageAsync(url);
        Assert.NotEmpty(page.Heading);
    }

    [Theory]
    [MemberData(nameof(AdminPages))]
    public async Task Anonymous_visitors_are_sent_to_sign_in(string url)
    {
        using var session = PageSession.Anonymous(app);

        using var response = await session.GetAsync(url);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location!.PathAndQueryOf());
    }

    [Fact]
    public async Task A_post_from_an_agent_changes_nothing()
    {
        var agent = await app.CreateAgentAsync();
        using var session = await PageSession.SignInAsync(app, agent);
        var queue = await session.GetPageAsync("/Complaints");
        var token = queue.AntiforgeryToken("Sign out");

        using var response = await session.PostAsync("/Admin/Categories?handler=Retire", [new("code", "billing"), new("__RequestVerificationToken", token)]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/AccessDenied", response.Headers.Location!.PathAndQueryOf());
        Assert.False(await app.QueryDbAsync(db => db.Categories.Where(c => c.Code == "billing").Select(c => c.Retired)
            .SingleAsync(TestContext.Current.CancellationToken)));
    }

    [Fact]
    public void Every_admin_page_requires_the_admin_role()
    {
        var pages = app.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .Where(e => e.Metadata.GetMetadata<ActionDescriptor>() is PageActionDescriptor { ViewEnginePath: var path } && path.StartsWith("/Admin/", StringComparison.Ordinal))
            .ToList();

        Assert.True(pages.Count >= 8, $"Only {pages.Count} admin page endpoints.");
        Assert.All(pages, e => Assert.Contains(e.Metadata.GetOrderedMetadata<IAuthorizeData>(), a => a.Roles == Roles.Admin));
    }
}
