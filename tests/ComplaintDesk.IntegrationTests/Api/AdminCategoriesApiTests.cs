using System.Net;
using System.Net.Http.Json;
using ComplaintDesk.Application.Identity;
using ComplaintDesk.IntegrationTests.Infrastructure;

namespace ComplaintDesk.IntegrationTests.Api;

public sealed class AdminCategoriesApiTests(ComplaintDeskApp app) : IClassFixture<ComplaintDeskApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string NewCode() => $"giftCards{Guid.NewGuid():N}"[..20];

    [Fact]
    public async Task Retiring_a_category_hides_it_from_intake_while_old_complaints_keep_it()
    {
        var admin = await app.ClientForAsync(await app.CreateUserAsync("Category Admin", Roles.Admin));
        var agent = await app.ClientForAsync(await app.CreateAgentAsync());
        var code = NewCode();

        using var added = await admin.PostAsJsonAsync("/api/v1/categories", new { code, name = "Gift cards" }, Ct);
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        Assert.Equal($"/api/v1/categories/{code}", added.Headers.Location!.OriginalString);
        var body = ApiKit.NewComplaintBody();
        body["category"] = code;
        var old = await agent.CreateComplaintAsync(body);

        using var retired = await admin.PatchAsJsonAsync($"/api/v1/categories/{code}", new { retired = true }, Ct);
        Assert.True((await retired.JsonAsync()).GetProperty("retired").GetBoolean());

        using var active = await agent.GetAsync("/api/v1/categories", Ct);
        using var all = await agent.GetAsync("/api/v1/categories?includeRetired=true", Ct);
        Assert.DoesNotContain((await active.JsonAsync()).EnumerateArray(), c => c.Str("code") == code);
        Assert.Contains((await all.JsonAsync()).EnumerateArray(), c => c.Str("code") == code && c.GetProperty("retired").GetBoolean());
        using var refused = await agent.PostAsJsonAsync("/api/v1/complaints", body, Ct);
        await refused.AssertFieldErrorAsync("category");
        Assert.Equal(code, (await agent.GetComplaintAsync(old.Id)).Str("category"));

        using var reinstated = await admin.PatchAsJsonAsync($"/api/v1/categories/{code}", new { retired = false, name = "Gift cards and vouchers" }, Ct);
        var category = await reinstated.JsonAsync();
        Assert.False(category.GetProperty("retired").GetBoolean());
        Assert.Equal("Gift cards and vouchers", category.Str("name"));
        await agent.CreateComplaintAsync(body);
    }

    [Fact]
    public async Task A_taken_code_is_400_an_unknown_code_404_and_there_is_no_delete()
    {
        var admin = await app.ClientForAsync(await app.CreateUserAsync("Category Admin", Roles.Admin));

        using var taken = await admin.PostAsJsonAsync("/api/v1/categories", new { code = "billing", name = "Billing again" }, Ct);
        using var unknown = await admin.PatchAsJsonAsync("/api/v1/categories/noSuchThing", new { retired = true }, Ct);
        using var delete = await admin.DeleteAsync("/api/v1/categories/billing", Ct);

        await taken.AssertFieldErrorAsync("code");
        await unknown.AssertProblemAsync(HttpStatusCode.NotFound, "/problems/not-found");
        Assert.Equal(HttpStatusCode.MethodNotAllowed, delete.StatusCode);
    }
}
