using System.Net;
using System.Net.Http.Json;
using ComplaintDesk.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace ComplaintDesk.IntegrationTests.Hosting;

public sealed class SignInThrottleTests(ComplaintDeskApp app) : IClassFixture<ComplaintDeskApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task One_address_trying_too_many_sign_ins_in_a_minute_is_told_to_slow_down()
    {
        await using var throttled = app.WithWebHostBuilder(b => b.UseSetting("SignIn:AttemptsPerMinute", "3"));
        var client = throttled.CreateClient();

        var statuses = new List<HttpStatusCode>();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            using var response = await client.PostAsJsonAsync("/api/v1/auth/token",
                new { email = $"nobody{attempt}@example.test", password = "wrong-password" }, Ct);
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized,
            HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task The_sign_in_page_is_throttled_too()
    {
        await using var throttled = app.WithWebHostBuilder(b => b.UseSetting("SignIn:AttemptsPerMinute", "2"));
        var client = throttled.CreateClient();

        var statuses = new List<HttpStatusCode>();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            using var response = await client.PostAsync("/Account/Login",
                new FormUrlEncodedContent(new Dictionary<string, string> { ["Email"] = "x@example.test", ["Password"] = "y" }), Ct);
            statuses.Add(response.StatusCode);
        }

        // The first two reach the page (refused there for the missing anti-forgery token); the third never does.
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[2]);
        Assert.DoesNotContain(HttpStatusCode.TooManyRequests, statuses.Take(2));
    }
}
