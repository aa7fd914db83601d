using System.Net;
using System.Net.Http.Json;
using ComplaintDesk.Application.Identity;
using ComplaintDesk.IntegrationTests.Infrastructure;

namespace ComplaintDesk.IntegrationTests.Api;

public sealed class AdminKeywordRulesApiTests(ComplaintDeskApp app) : IClassFixture<ComplaintDeskApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_agent_cannot_add_a_rule()
    {
        var agent = await app.ClientForAsync(await app.CreateAgentAsync());

        using var response = await agent.PostAsJsonAsync("/api/v1/keyword-rules", new { phrase = "food poisoning", minimumSeverity = "critical", riskFlag = true }, Ct);

        await response.AssertProblemAsync(HttpStatusCode.Forbidden, "/problems/forbidden");
    }

    [Fact]
    public async Task A_rule_an_administrator_adds_raises_the_next_complaint_that_mentions_it_in_capitals_or_full_width()
    {
        var admin = await app.ClientForAsync(await app.CreateUserAsync("Rules Admin", Roles.Admin));
        var agent = await app.ClientForAsync(await app.CreateAgentAsync());

        using var created = await admin.PostAsJsonAsync("/api/v1/keyword-rules", new { phrase = "Food poisoning", minimumSeverity = "critical", riskFlag = true }, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var rule = await created.JsonAsync();
        Assert.Equal("Food poisoning", rule.Str("phrase"));
        Assert.Equal("critical", rule.Str("minimumSeverity"));

        var body = ApiKit.NewComplaintBody("Bad soup");
        body["severity"] = "low";
        body["description"] = "Two of us got ＦＯＯＤ ＰＯＩＳＯＮＩＮＧ after the soup.";
        var complaint = await agent.CreateComplaintAsync(body);

        Assert.Equal("critical", complaint.Body.Str("severity"));
        Assert.True(complaint.Body.GetProperty("riskFlag").GetBoolean());
        using var timeline = await agent.GetAsync($"/api/v1/complaints/{complaint.Id}/timeline", Ct);
        var alert = Assert.Single((await timeline.JsonAsync()).EnumerateArray(), e => e.Str("kind") == "keywordAlert");
        Assert.Contains("Food poisoning", alert.Str("text"));
    }

    [Fact]
    public async Task Rules_are_listed_replaced_and_deleted_and_a_duplicate_after_folding_is_a_400()
    {
        var admin = await app.ClientForAsync(await app.CreateUserAsync("Rules Admin", Roles.Admin));

        using var created = await admin.PostAsJsonAsync("/api/v1/keyword-rules", new { phrase = "chargeback", minimumSeverity = "medium" }, Ct);
        var id = (await created.JsonAsync()).GetProperty("id").GetGuid();
        using var duplicate = await admin.PostAsJsonAsync("/api/v1/keyword-rules", new { phrase = "ＣＨＡＲＧＥＢＡＣＫ", minimumSeverity = "high" }, Ct);
        using var seededDuplicate = await admin.PostAsJsonAsync("/api/v1/keyword-rules", new { phrase = "Lawyer", minimumSeverity = "high" }, Ct);
        using var badSeverity = await admin.PostAsJsonAsync("/api/v1/keyword-rules", new { phrase = "refund now", minimumSeverity = "apocalyptic" }, Ct);
        using var replaced = await admin.PutAsJsonAsync($"/api/v1/keyword-rules/{id}", new { phrase = "charge back", minimumSeverity = "high", riskFlag = true }, Ct);
        using var list = await admin.GetAsync("/api/v1/keyword-rules", Ct);

        await duplicate.AssertFieldErrorAsync("phrase");
        await seededDuplicate.AssertFieldErrorAsync("phrase");
        await badSeverity.AssertFieldErrorAsync("minimumSeverity");
        var rule = await replaced.JsonAsync();
        Assert.Equal(("charge back", "high", true), (rule.Str("phrase"), rule.Str("minimumSeverity"), rule.GetProperty("riskFlag").GetBoolean()));
        var rules = (await list.JsonAsync()).EnumerateArray().ToList();
        Assert.Contains(rules, r => r.Str("phrase") == "charge back");
        Assert.Contains(rules, r => r.Str("phrase") == "律師");

        using var deleted = await admin.DeleteAsync($"/api/v1/keyword-rules/{id}", Ct);
        using var gone = await admin.GetAsync($"/api/v1/keyword-rules/{id}", Ct);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await gone.AssertProblemAsync(HttpStatusCode.NotFound, "/problems/not-found");
    }
}
