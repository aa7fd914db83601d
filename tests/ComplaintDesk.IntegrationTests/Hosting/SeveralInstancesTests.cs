using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using ComplaintDesk.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace ComplaintDesk.IntegrationTests.Hosting;

/// <summary>Two app instances on one database: what one signs, the other reads (keys live in the database).</summary>
public sealed class SeveralInstancesTests(ComplaintDeskApp app) : IClassFixture<ComplaintDeskApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_token_issued_by_one_instance_is_accepted_by_another()
    {
        var agent = await app.CreateAgentAsync();
        var first = await app.CreateApiClientAsync(agent);
        // A second host: its own DI container and key ring cache, the same database.
        await using var secondInstance = app.WithWebHostBuilder(_ => { });
        var second = secondInstance.CreateClient();
        second.DefaultRequestHeaders.Authorization = first.DefaultRequestHeaders.Authorization;

        using var response = await second.GetAsync("/api/v1/complaints?limit=1", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_forged_token_is_refused_by_every_instance()
    {
        await using var secondInstance = app.WithWebHostBuilder(_ => { });
        var client = secondInstance.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "CfDJ8not-a-real-token");

        using var response = await client.GetAsync("/api/v1/complaints?limit=1", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_page_sign_in_on_one_instance_is_honoured_by_another()
    {
        var agent = await app.CreateAgentAsync();
        var options = new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false };
        var first = app.CreateClient(options);
        using var form = await first.GetAsync("/Account/Login", Ct);
        var login = await form.Content.ReadAsStringAsync(Ct);
        var token = System.Text.RegularExpressions.Regex.Match(login, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        var antiforgeryCookie = form.Headers.GetValues("Set-Cookie").First(c => c.Contains("Antiforgery", StringComparison.Ordinal));
        Assert.NotEmpty(token);

        await using var secondInstance = app.WithWebHostBuilder(_ => { });
        var second = secondInstance.CreateClient(options);
        // The form was rendered by the first instance; the second one checks its anti-forgery token and signs in.
        using var post = new HttpRequestMessage(HttpMethod.Post, "/Account/Login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Email"] = agent.Email, ["Password"] = ComplaintDeskApp.Password, ["__RequestVerificationToken"] = token,
            }),
        };
        post.Headers.Add("Cookie", antiforgeryCookie.Split(';')[0]);
        using var signedIn = await second.SendAsync(post, Ct);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var authCookie = signedIn.Headers.GetValues("Set-Cookie").First(c => c.StartsWith("ComplaintDesk.Auth", StringComparison.Ordinal)).Split(';')[0];

        // …and the first instance accepts the cookie the second one issued.
        using var queue = new HttpRequestMessage(HttpMethod.Get, "/Complaints");
        queue.Headers.Add("Cookie", authCookie);
        using var page = await first.SendAsync(queue, Ct);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }
}
