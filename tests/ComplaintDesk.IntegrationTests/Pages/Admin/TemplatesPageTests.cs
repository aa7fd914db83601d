using System.Net;
using ComplaintDesk.Application.Identity;
using ComplaintDesk.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ComplaintDesk.IntegrationTests.Pages.Admin;

public sealed class TemplatesPageTests(ComplaintDeskApp app) : IClassFixture<ComplaintDeskApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string Xss = "<script>alert('x')</script><img src=x onerror=alert(1)>";

    private async Task<PageSession> AdminAsync() => await PageSession.SignInAsync(app, await app.CreateUserAsync("Template Admin", Roles.Admin));

    [Fact]
    public async Task The_list_shows_the_seeded_templates_of_each_language()
    {
        using var admin = await AdminAsync();

        foreach (var (language, title) in new[] { ("en", "Follow-up: are you satisfied?"), ("zh-Hant", "後續追蹤：是否滿意？"), ("zh-Hans", "跟进回访：是否满意？") })
        {
            var page = await admin.GetPageAsync($"/Admin/Templates?language={language}");
            var rows = page.Document.QuerySelectorAll("[data-testid=template-row]");
            Assert.Equal(5, rows.Length);
            Assert.Contains(rows, r => r.TextContent.Contains(title, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task The_preview_fills_sample_values_encodes_what_was_typed_and_saves_nothing()
    {
        using var admin = await AdminAsync();
        var before = await app.QueryDbAsync(db => db.ReplyTemplates.CountAsync(Ct));
        var form = await admin.GetPageAsync("/Admin/Templates/Edit");

        using var response = await admin.SubmitAsync(form, "Preview", new()
        {
            ["Title"] = "Sample", ["Body"] = $"Dear {{customerName}}, about {{reference}}: {Xss}",
        });
        var page = await HtmlPage.ReadAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var preview = page.Document.QuerySelector("[data-testid=preview]")!;
        Assert.Equal($"Dear Mia Chen, about CD-2026-000123: {Xss}",
            preview.TextContent);
        Assert.Empty(preview.QuerySelectorAll("script, img"));
        Assert.Equal(before, await app.QueryDbAsync(db => db.ReplyTemplates.CountAsync(Ct)));
    }

    [Fact]
    public async Task A_template_is_created_changed_and_deleted_through_the_forms()
    {
        using var admin = await AdminAsync();
        var form = await admin.GetPageAsync("/Admin/Templates/Edit");

        var edit = await admin.FollowAsync(await admin.SubmitAsync(form, "Save template", new()
        {
            ["Title"] = "物流延遲致歉", ["Language"] = "zh-Hant", ["Category"] = "Logistics / delivery",
            ["Body"] = "{customerName} 您好：由於物流高峰期導致延誤，我們深感歉意。",
        }));
        var stored = await app.QueryDbAsync(db => db.ReplyTemplates.AsNoTracking().SingleAsync(t => t.Title == "物流延遲致歉", Ct));
        Assert.Equal(("zh-Hant", "logistics"), (stored.Language, stored.CategoryCode));
        Assert.Contains("Saved the template", edit.Text);

        var changed = await admin.FollowAsync(await admin.SubmitAsync(edit, "Save template", new() { ["Category"] = "" }));
        Assert.Null(await app.QueryDbAsync(db => db.ReplyTemplates.Where(t => t.Id == stored.Id).Select(t => t.CategoryCode).SingleAsync(Ct)));

        var list = await admin.FollowAsync(await admin.SubmitAsync(changed, "Delete template"));
        Assert.Contains("The template was deleted.", list.Text);
        Assert.False(await app.QueryDbAsync(db => db.ReplyTemplates.AnyAsync(t => t.Id == stored.Id, Ct)));
    }

    [Fact]
    public async Task An_unknown_placeholder_is_a_field_error_and_the_body_is_kept()
    {
        using var admin = await AdminAsync();
        var form = await admin.GetPageAsync("/Admin/Templates/Edit");

        using var response = await admin.SubmitAsync(form, "Save template", new() { ["Title"] = "Typo", ["Body"] = "Hello {custmerName}" });
        var page = await HtmlPage.ReadAsync(response);

        Assert.Contains("{custmerName}", page.FieldError("Command.Body"));
        Assert.Equal("Hello {custmerName}", page.FieldValue("Command.Body"));
    }
}
