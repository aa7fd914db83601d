using System.Net;
using ComplaintDesk.Application.Identity;
using ComplaintDesk.Domain.Complaints;
using ComplaintDesk.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ComplaintDesk.IntegrationTests.Pages.Admin;

public sealed class KeywordRulesPageTests(ComplaintDeskApp app) : IClassFixture<ComplaintDeskApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_rule_is_added_changed_and_deleted_through_the_forms()
    {
        using var admin = await PageSession.SignInAsync(app, await app.CreateUserAsync("Rules Admin", Roles.Admin));
        var page = await admin.GetPageAsync("/Admin/KeywordRules");
        Assert.Contains(page.Document.QuerySelectorAll("[data-testid=rule-row]"), r => r.TextContent.Contains("律師", StringComparison.Ordinal));

        page = await admin.FollowAsync(await admin.SubmitAsync(page, "Add rule", new()
        {
            ["Phrase"] = "食物中毒", ["Raise severity to at least"] = "Critical",
        }));
        Assert.Contains("Added the rule \"食物中毒\".", page.Text);
        var rule = await app.QueryDbAsync(db => db.KeywordRules.AsNoTracking().SingleAsync(r => r.Phrase == "食物中毒", Ct));
        Assert.Equal((Severity.Critical, true), (rule.MinimumSeverity, rule.RiskFlag)); // the form suggests the risk flag

        var edit = await admin.GetPageAsync(page.Link("食物中毒").GetAttribute("href")!);
        Assert.Equal("食物中毒", edit.FieldValue("Command.Phrase"));
        page = await admin.FollowAsync(await admin.PostAsync(edit.Url,
        [
            new("Command.Phrase", "食物中毒"), new("Command.MinimumSeverity", "High"), new("Command.RiskFlag", "false"),
            new("__RequestVerificationToken", edit.AntiforgeryToken("Save rule")),
        ]));
        rule = await app.QueryDbAsync(db => db.KeywordRules.AsNoTracking().SingleAsync(r => r.Id == rule.Id, Ct));
        Assert.Equal((Severity.High, false), (rule.MinimumSeverity, rule.RiskFlag));

        page = await admin.FollowAsync(await admin.SubmitAsync(page, "Delete 食物中毒"));
        Assert.Contains("The rule was deleted.", page.Text);
        Assert.False(await app.QueryDbAsync(db => db.KeywordRules.AnyAsync(r => r.Id == rule.Id, Ct)));
    }

    [Fact]
    public async Task A_duplicate_phrase_in_capitals_is_refused_next_to_the_field()
    {
        using var admin = await PageSession.SignInAsync(app, await app.CreateUserAsync("Rules Admin", Roles.Admin));
        var page = await admin.GetPageAsync("/Admin/KeywordRules");

        using var response = await admin.SubmitAsync(page, "Add rule", new() { ["Phrase"] = "JOURNALIST" });
        var refused = await HtmlPage.ReadAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("There is a rule for this phrase already", refused.FieldError("Command.Phrase"));
        Assert.Equal("JOURNALIST", refused.FieldValue("Command.Phrase"));
        Assert.Equal("true", refused.Document.QuerySelector("#Command_Phrase")!.GetAttribute("aria-invalid"));
    }
}
