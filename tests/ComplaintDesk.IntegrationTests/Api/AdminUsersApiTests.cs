using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using ComplaintDesk.Application.Identity;
using ComplaintDesk.IntegrationTests.Features.Administration;
using ComplaintDesk.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ComplaintDesk.IntegrationTests.Api;

public sealed class AdminUsersApiTests(ComplaintDeskApp app) : IClassFixture<ComplaintDeskApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<HttpClient> AdminAsync() => await app.ClientForAsync(await app.CreateUserAsync("Api Admin", Roles.Admin));

    private static Dictionary<string, object?> NewUserBody(string? email = null, string? password = null) => new()
    {
        ["email"] = email ?? $"li.{Guid.NewGuid():N}@staff.example",
        ["displayName"] = "Li Hua",
        ["roles"] = new[] { "Agent" },
        ["initialPassword"] = password ?? AdminSteps.StrongPassword(),
        ["preferredLanguage"] = "zh-Hant",
        ["timeZone"] = "Asia/Taipei",
    };

    [Fact]
    public async Task An_administrator_creates_a_user_who_can_then_get_a_token_and_use_the_api()
    {
        var admin = await AdminAsync();
        var body = NewUserBody();

        using var created = await admin.PostAsJsonAsync("/api/v1/users", body, Ct);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var user = await created.JsonAsync();
        var id = user.Str("id");
        Assert.Equal($"/api/v1/users/{id}", created.Headers.Location!.OriginalString);
        Assert.Equal(body["email"], user.Str("email"));
        Assert.Equal("Li Hua", user.Str("displayName"));
        Assert.Equal(["Agent"], user.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.False(user.GetProperty("disabled").GetBoolean());
        Assert.Equal("zh-Hant", user.Str("preferredLanguage"));
        Assert.Equal("Asia/Taipei", user.Str("timeZone"));

        using var fetched = await admin.GetAsync($"/api/v1/users/{id}", Ct);
        Assert.Equal(id, (await fetched.JsonAsync()).Str("id"));

        var newcomer = app.AnonymousClient();
        using var token = await newcomer.PostAsJsonAsync("/api/v1/auth/token", new { email = body["email"], password = body["initialPassword"] }, Ct);
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
        newcomer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await token.JsonAsync()).Str("accessToken"));
        using var queue = await newcomer.GetAsync("/api/v1/complaints?limit=1", Ct);
        Assert.Equal(HttpStatusCode.OK, queue.StatusCode);
    }

    [Theory]
    [InlineData("email", "not-an-email")]
    [InlineData("initialPassword", "weak")]
    [InlineData("roles", null)]
    [InlineData("timeZone", "Nowhere/Special")]
    public async Task An_invalid_user_is_a_400_naming_the_field(string field, string? value)
    {
        var admin = await AdminAsync();
        var body = NewUserBody();
        body[field] = field == "roles" ? Array.Empty<string>() : value;

        using var response = await admin.PostAsJsonAsync("/api/v1/users", body, Ct);

        await response.AssertFieldErrorAsync(field);
    }

    [Fact]
    public async Task A_taken_email_is_a_400_on_email()
    {
        var admin = await AdminAsync();
        var existing = await app.CreateAgentAsync();

        using var response = await admin.PostAsJsonAsync("/api/v1/users", NewUserBody(existing.Email.ToUpperInvariant()), Ct);

        await response.AssertFieldErrorAsync("email");
    }

    [Fact]
    public async Task The_list_pages_with_a_cursor_and_refuses_a_bad_limit()
    {
        var admin = await AdminAsync();
        await app.CreateAgentAsync("Listed One");
        await app.CreateAgentAsync("Listed Two");

        using var first = await admin.GetAsync("/api/v1/users?limit=1", Ct);
        var firstPage = await first.JsonAsync();
        var cursor = firstPage.Str("nextCursor");
        using var second = await admin.GetAsync($"/api/v1/users?limit=1&cursor={Uri.EscapeDataString(cursor)}", Ct);
        var secondPage = await second.JsonAsync();
        using var tooMany = await admin.GetAsync("/api/v1/users?limit=1000", Ct);
        using var notANumber = await admin.GetAsync("/api/v1/users?limit=many", Ct);

        Assert.Equal(1, firstPage.GetProperty("items").GetArrayLength());
        Assert.NotEqual(firstPage.GetProperty("items")[0].Str("id"), secondPage.GetProperty("items")[0].Str("id"));
        await tooMany.AssertFieldErrorAsync("limit");
        await notANumber.AssertFieldErrorAsync("limit");
    }

    [Fact]
    public async Task Patch_changes_only_what_it_is_given()
    {
        var admin = await AdminAsync();
        var agent = await app.CreateAgentAsync("Patch Me");

        using var renamed = await admin.PatchAsJsonAsync($"/api/v1/users/{agent.Id}", new { displayName = "Patched" }, Ct);
        using var promoted = await admin.PatchAsJsonAsync($"/api/v1/users/{agent.Id}", new { roles = new[] { "Agent", "Supervisor" } }, Ct);

        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        var afterRename = await renamed.JsonAsync();
        Assert.Equal("Patched", afterRename.Str("displayName"));
        Assert.Equal(["Agent"], afterRename.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        var afterPromotion = await promoted.JsonAsync();
        Assert.Equal("Patched", afterPromotion.Str("displayName"));
        Assert.Equal(["Agent", "Supervisor"], afterPromotion.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.False(afterPromotion.GetProperty("disabled").GetBoolean());
    }

    [Fact]
    public async Task Patch_refuses_an_unknown_user_an_unknown_role_and_disabling_oneself()
    {
        var adminUser = await app.CreateUserAsync("Self Admin", Roles.Admin);
        var admin = await app.ClientForAsync(adminUser);

        using var unknown = await admin.PatchAsJsonAsync($"/api/v1/users/{Guid.NewGuid()}", new { disabled = true }, Ct);
        using var badRole = await admin.PatchAsJsonAsync($"/api/v1/users/{adminUser.Id}", new { roles = new[] { "Admin", "Root" } }, Ct);
        using var self = await admin.PatchAsJsonAsync($"/api/v1/users/{adminUser.Id}", new { disabled = true }, Ct);

        await unknown.AssertProblemAsync(HttpStatusCode.NotFound, "/problems/not-found");
        await badRole.AssertFieldErrorAsync("roles");
        await self.AssertFieldErrorAsync("disabled");
        Assert.False(await app.QueryDbAsync(db => db.Users.Where(u => u.Id == adminUser.Id).Select(u => u.Disabled).SingleAsync(Ct)));
    }
    [Fact]
    public async Task An_administrator_sets_a_new_password_which_then_gets_a_token_while_old_tokens_stop()
    {
        var admin = await AdminAsync();
        var agent = await app.CreateAgentAsync();
        var oldToken = await app.ClientForAsync(agent);
        var password = AdminSteps.StrongPassword();

        using var weak = await admin.PostAsJsonAsync($"/api/v1/users/{agent.Id}/password", new { newPassword = "weak" }, Ct);
        using var reset = await admin.PostAsJsonAsync($"/api/v1/users/{agent.Id}/password", new { newPassword = password }, Ct);
        using var unknown = await admin.PostAsJsonAsync($"/api/v1/users/{Guid.NewGuid()}/password", new { newPassword = password }, Ct);

        await weak.AssertFieldErrorAsync("newPassword");
        Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        await unknown.AssertProblemAsync(HttpStatusCode.NotFound, "/problems/not-found");
        using var old = await oldToken.GetAsync("/api/v1/complaints", Ct);
        await old.AssertProblemAsync(HttpStatusCode.Unauthorized, "/problems/unauthenticated");
        using var token = await app.AnonymousClient().PostAsJsonAsync("/api/v1/auth/token", new { email = agent.Email, password }, Ct);
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
    }
}
