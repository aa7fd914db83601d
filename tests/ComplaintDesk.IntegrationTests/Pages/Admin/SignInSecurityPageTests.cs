using System.Net;
using System.Net.Http.Json;
using ComplaintDesk.Application.Identity;
using ComplaintDesk.IntegrationTests.Api;
using ComplaintDesk.IntegrationTests.Infrastructure;
using ComplaintDesk.Web.Pages.Account;
using Microsoft.EntityFrameworkCore;

namespace ComplaintDesk.IntegrationTests.Pages.Admin;

/// <summary>The sign-in page's side of account security: disabled and locked accounts, one answer for every failure.</summary>
public sealed class SignInSecurityPageTests(ComplaintDeskApp app) : IClassFixture<ComplaintDeskApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<string> FailureAsync(PageSession session, string email, string password)
    {
        using var response = await session.SignInAsync(email, password);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode); // no redirect: not signed in
        Assert.Null(Pages.Admin.AdminPageSteps.AuthCookie(response));
        var page = await HtmlPage.ReadAsync(response);
        return page.Document.QuerySelector("[role=alert]")!.TextContent.Trim();
    }

    private async Task DisableAsync(TestUser user)
    {
        var admin = await app.ClientForAsync(await app.CreateUserAsync("Disabling Admin", Roles.Admin));
        using var response = await admin.PatchAsJsonAsync($"/api/v1/users/{user.Id}", new { disabled = true }, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Unknown_wrong_password_disabled_and_locked_accounts_all_get_the_same_message()
    {
        var wrong = await app.CreateAgentAsync();
        var disabled = await app.CreateAgentAsync();
        var locked = await app.CreateAgentAsync();
        await DisableAsync(disabled);
        using var session = PageSession.Anonymous(app);
        for (var i = 0; i < 5; i++)
        {
            await FailureAsync(session, locked.Email, $"Wrong-password-{i}");
        }

        var messages = new[]
        {
            await FailureAsync(session, $"nobody.{Guid.NewGuid():N}@example.test", ComplaintDeskApp.Password),
            await FailureAsync(session, wrong.Email, "Wrong-password-9"),
            await FailureAsync(session, disabled.Email, ComplaintDeskApp.Password), // the right password
            await FailureAsync(session, locked.Email, ComplaintDeskApp.Password), // the right password
        };

        Assert.Single(messages.Distinct());
        Assert.Contains(LoginModel.FailedMessage, messages[0]);
    }

    [Fact]
    public async Task Five_wrong_passwords_on_the_page_lock_the_account_for_the_token_endpoint_too()
    {
        var agent = await app.CreateAgentAsync();
        using var session = PageSession.Anonymous(app);

        for (var i = 0; i < 5; i++)
        {
            await FailureAsync(session, agent.Email, $"Wrong-password-{i}");
        }

        var lockoutEnd = await app.QueryDbAsync(db => db.Users.Where(u => u.Id == agent.Id).Select(u => u.LockoutEnd).SingleAsync(Ct));
        Assert.True(lockoutEnd > DateTimeOffset.UtcNow.AddMinutes(14), $"Locked until {lockoutEnd}.");
        using var token = await app.AnonymousClient().PostAsJsonAsync("/api/v1/auth/token", new { email = agent.Email, password = ComplaintDeskApp.Password }, Ct);
        await token.AssertProblemAsync(HttpStatusCode.Unauthorized, "/problems/invalid-credentials");
    }
}
