using System.Net;
using ComplaintDesk.Application.Identity;
using ComplaintDesk.IntegrationTests.Infrastructure;

namespace ComplaintDesk.IntegrationTests.Pages.Admin;

public sealed class CategoriesPageTests(ComplaintDeskApp app) : IClassFixture<ComplaintDeskApp>
{
    private static string Row(HtmlPage page, string code) =>
        page.Document.QuerySelectorAll("[data-testid=category-row]").Single(r => r.QuerySelector("code")!.TextContent == code).TextContent;

    private static IEnumerable<string> IntakeCategories(HtmlPage intake) =>
        intake.Document.QuerySelectorAll("select[name='Command.Category'] option").Select(o => o.GetAttribute("value") ?? "");

    [Fact]
    public async Task A_category_is_added_renamed_retired_from_intake_and_reinstated()
    {
        using var admin = await PageSession.SignInAsync(app, await app.CreateUserAsync("Category Admin", Roles.Admin));
        using var agent = await PageSession.SignInAsync(app, await app.CreateAgentAsync());
        var code = $"pets{Guid.NewGuid():N}"[..16];

        var page = await admin.GetPageAsync("/Admin/Categories");
        page = await admin.FollowAsync(await admin.SubmitAsync(page, "Add category", new() { ["Code"] = code, ["Name"] = "Pet food" }));
        Assert.Contains($"Added Pet food ({code}).", page.Text);
        Assert.Contains(code, IntakeCategories(await agent.GetPageAsync("/Complaints/New")));

        page = await admin.FollowAsync(await admin.SubmitAsync(page, $"Rename {code}", new() { [$"Name of {code}"] = "Pet food and toys" }));
        Assert.Contains("Active", Row(page, code));
        Assert.Equal("Pet food and toys", page.Document.GetElementById($"name-{code}")!.GetAttribute("value"));

        page = await admin.FollowAsync(await admin.SubmitAsync(page, $"Retire {code}"));
        Assert.Contains("Retired", Row(page, code));
        Assert.DoesNotContain(code, IntakeCategories(await agent.GetPageAsync("/Complaints/New")));

        page = await admin.FollowAsync(await admin.SubmitAsync(page, $"Reinstate {code}"));
        Assert.Contains("Active", Row(page, code));
        Assert.Contains(code, IntakeCategories(await agent.GetPageAsync("/Complaints/New")));
    }

    [Fact]
    public async Task A_taken_code_and_an_empty_name_are_shown_as_errors()
    {
        using var admin = await PageSession.SignInAsync(app, await app.CreateUserAsync("Category Admin", Roles.Admin));
        var page = await admin.GetPageAsync("/Admin/Categories");

        using var taken = await admin.SubmitAsync(page, "Add category", new() { ["Code"] = "billing", ["Name"] = "Billing 2" });
        var takenPage = await HtmlPage.ReadAsync(taken);
        using var emptyName = await admin.SubmitAsync(page, "Rename billing", new() { ["Name of billing"] = "" });
        var emptyNamePage = await HtmlPage.ReadAsync(emptyName);

        Assert.Equal(HttpStatusCode.OK, taken.StatusCode);
        Assert.StartsWith("There is a category with this code already", takenPage.FieldError("Command.Code"));
        Assert.Equal(HttpStatusCode.OK, emptyName.StatusCode);
        Assert.NotNull(emptyNamePage.Document.QuerySelector("[data-testid=errors]"));
        Assert.Equal("Billing", emptyNamePage.Document.GetElementById("name-billing")!.GetAttribute("value"));
    }
}
