using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using ComplaintDesk.Application.Identity;
using ComplaintDesk.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ComplaintDesk.IntegrationTests.Api;

/// <summary>
/// The token endpoint's side of account security: a disabled account gets no token, an existing token of a disabled
/// account stops at once on every instance, lockout after five failures, and one answer for every kind of failure.
/// </summary>
public sealed class AdminSignInApiTests(ComplaintDeskApp app) : IClassFixture<ComplaintDeskApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<HttpResponseMessage> RequestTokenAsync(string email, string password) =>
        await app.AnonymousClient().PostAsJsonAsync("/api/v1/auth/token", new { email, password }, Ct);

    private async Task DisableAsync(TestUser user)
    {
        var admin = await app.ClientForAsync(await app.CreateUserAsync("Disabling Admin", Roles.Admin));
        using var disabled = await admin.PatchAsJsonAsync($"/api/v1/users/{user.Id}", new { disabled = true }, Ct);
        Assert.Equal(HttpStatusCode.OK, disabled.StatusCode);
    }

    private static string WithoutTraceId(JsonElement problem) =>
        JsonSerializer.Serialize(problem.EnumerateObject().Where(p => p.Name != "traceId").ToDictionary(p => p.Name, p => p.Value.ToString()));

    [Fact]
    public async Task A_disabled_users_token_fails_on_the_very_next_request_on_every_instance()
    {
        var agent = await app.CreateAgentAsync();
        var first = await app.ClientForAsync(agent);
        await using var secondInstance = app.WithWebHostBuilder(_ => { });
        var second = secondInstance.CreateClient();
        second.DefaultRequestHeaders.Authorization = first.DefaultRequestHeaders.Authorization;
        using (var before = await second.GetAsync("/api/v1/complaints?limit=1", Ct))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode); // the token was good on both
        }

        await DisableAsync(agent);
        var complaintsBefore = await app.QueryDbAsync(db => db.Complaints.CountAsync(Ct));

        using var onFirst = await first.GetAsync("/api/v1/complaints?limit=1", Ct);
        using var onSecond = await second.GetAsync("/api/v1/complaints?limit=1", Ct);
        using var writeOnSecond = await second.PostAsJsonAsync("/api/v1/complaints", ApiKit.NewComplaintBody(), Ct);
        await onFirst.AssertProblemAsync(HttpStatusCode.Unauthorized, "/problems/unauthenticated");
        await onSecond.AssertProblemAsync(HttpStatusCode.Unauthorized, "/problems/unauthenticated");
        await writeOnSecond.AssertProblemAsync(HttpStatusCode.Unauthorized, "/problems/unauthenticated");
        Assert.Equal("Bearer", onFirst.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal(complaintsBefore, await app.QueryDbAsync(db => db.Complaints.CountAsync(Ct)));
    }

    [Fact]
    public async Task A_refused_token_gets_the_same_answer_as_a_token_that_never_was()
    {
        var agent = await app.CreateAgentAsync();
        var client = await app.ClientForAsync(agent);
        var forged = app.AnonymousClient();
        forged.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "CfDJ8not-a-real-token");
        await DisableAsync(agent);

        using var disabled = await client.GetAsync("/api/v1/complaints", Ct);
        using var never = await forged.GetAsync("/api/v1/complaints", Ct);

        Assert.Equal(
            WithoutTraceId(await never.AssertProblemAsync(HttpStatusCode.Unauthorized)),
            WithoutTraceId(await disabled.AssertProblemAsync(HttpStatusCode.Unauthorized)));
    }

    [Fact]
    public async Task A_new_security_stamp_ends_existing_tokens_even_without_disabling()
    {
        var agent = await app.CreateAgentAsync();
        var client = await app.ClientForAsync(agent);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
            var user = await users.FindByIdAsync(agent.Id);
            Assert.True((await users.UpdateSecurityStampAsync(user!)).Succeeded); // what a password change or role change does
        }

        using var response = await client.GetAsync("/api/v1/complaints", Ct);

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "/problems/unauthenticated");
        // …while a token issued afterwards works.
        using var fresh = await (await app.ClientForAsync(agent)).GetAsync("/api/v1/complaints", Ct);
        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
    }

    [Fact]
    public async Task A_disabled_user_gets_no_token_and_the_same_answer_as_an_unknown_one_until_enabled_again()
    {
        var agent = await app.CreateAgentAsync();
        await DisableAsync(agent);

        using var disabled = await RequestTokenAsync(agent.Email, ComplaintDeskApp.Password);
        using var unknown = await RequestTokenAsync($"nobody.{Guid.NewGuid():N}@example.test", ComplaintDeskApp.Password);

        Assert.Equal(
            WithoutTraceId(await unknown.AssertProblemAsync(HttpStatusCode.Unauthorized, "/problems/invalid-credentials")),
            WithoutTraceId(await disabled.AssertProblemAsync(HttpStatusCode.Unauthorized, "/problems/invalid-credentials")));

        var admin = await app.ClientForAsync(await app.CreateUserAsync("Enabling Admin", Roles.Admin));
        using (var enabled = await admin.PatchAsJsonAsync($"/api/v1/users/{agent.Id}", new { disabled = false }, Ct))
        {
            Assert.Equal(HttpStatusCode.OK, enabled.StatusCode);
        }
        using var again = await RequestTokenAsync(agent.Email, ComplaintDeskApp.Password);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_and_the_right_one_then_gets_the_same_answer_as_a_wrong_one()
    {
        var agent = await app.CreateAgentAsync();
        var answers = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            using var wrong = await RequestTokenAsync(agent.Email, $"Wrong-password-{i}");
            answers.Add(WithoutTraceId(await wrong.AssertProblemAsync(HttpStatusCode.Unauthorized, "/problems/invalid-credentials")));
        }

        using var right = await RequestTokenAsync(agent.Email, ComplaintDeskApp.Password);
        using var unknown = await RequestTokenAsync($"nobody.{Guid.NewGuid():N}@example.test", "Wrong-password-0");

        answers.Add(WithoutTraceId(await right.AssertProblemAsync(HttpStatusCode.Unauthorized, "/problems/invalid-credentials")));
        answers.Add(WithoutTraceId(await unknown.AssertProblemAsync(HttpStatusCode.Unauthorized, "/problems/invalid-credentials")));
        Assert.Single(answers.Distinct());
        var lockoutEnd = await app.QueryDbAsync(db => db.Users.Where(u => u.Id == agent.Id).Select(u => u.LockoutEnd).SingleAsync(Ct));
        Assert.NotNull(lockoutEnd);
        Assert.True(lockoutEnd > DateTimeOffset.UtcNow.AddMinutes(10), $"Locked until {lockoutEnd}.");
    }
}
