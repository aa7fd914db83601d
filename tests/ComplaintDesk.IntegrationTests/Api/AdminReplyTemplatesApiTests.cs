using System.Net;
using System.Net.Http.Json;
using ComplaintDesk.Application.Identity;
using ComplaintDesk.IntegrationTests.Infrastructure;

namespace ComplaintDesk.IntegrationTests.Api;

public sealed class AdminReplyTemplatesApiTests(ComplaintDeskApp app) : IClassFixture<ComplaintDeskApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_template_goes_through_post_get_put_and_delete()
    {
        var admin = await app.ClientForAsync(await app.CreateUserAsync("Template Admin", Roles.Admin));

        using var created = await admin.PostAsJsonAsync("/api/v1/reply-templates",
            new { title = "Refund sent", category = "billing", language = "en", body = "Dear {customerName}, your refund for {reference} is on its way." }, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.JsonAsync()).GetProperty("id").GetGuid();
        Assert.Equal($"/api/v1/reply-templates/{id}", created.Headers.Location!.OriginalString);

        using var replaced = await admin.PutAsJsonAsync($"/api/v1/reply-templates/{id}",
            new { title = "退款已發出", category = (string?)null, language = "zh-Hant", body = "{customerName} 您好，您的退款已發出。" }, Ct);
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);

        using var fetched = await admin.GetAsync($"/api/v1/reply-templates/{id}", Ct);
        var template = await fetched.JsonAsync();
        Assert.Equal("退款已發出", template.Str("title"));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, template.GetProperty("category").ValueKind);
        Assert.Equal("zh-Hant", template.Str("language"));

        using var deleted = await admin.DeleteAsync($"/api/v1/reply-templates/{id}", Ct);
        using var gone = await admin.GetAsync($"/api/v1/reply-templates/{id}", Ct);
        using var deletedAgain = await admin.DeleteAsync($"/api/v1/reply-templates/{id}", Ct);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await gone.AssertProblemAsync(HttpStatusCode.NotFound, "/problems/not-found");
        await deletedAgain.AssertProblemAsync(HttpStatusCode.NotFound, "/problems/not-found");
    }

    [Theory]
    [InlineData("language", "{\"title\":\"T\",\"language\":\"de\",\"body\":\"Hallo\"}")]
    [InlineData("body", "{\"title\":\"T\",\"language\":\"en\",\"body\":\"Hi {firstName}\"}")]
    [InlineData("category", "{\"title\":\"T\",\"language\":\"en\",\"body\":\"Hi\",\"category\":\"nope\"}")]
    [InlineData("title", "{\"language\":\"en\",\"body\":\"Hi\"}")]
    public async Task An_invalid_template_is_a_400_naming_the_field(string field, string json)
    {
        var admin = await app.ClientForAsync(await app.CreateUserAsync("Template Admin", Roles.Admin));

        using var response = await admin.PostRawJsonAsync("/api/v1/reply-templates", json);

        await response.AssertFieldErrorAsync(field);
    }

    [Fact]
    public async Task The_list_answers_by_language_with_the_seeded_templates_and_the_preview_fills_samples()
    {
        var admin = await app.ClientForAsync(await app.CreateUserAsync("Template Admin", Roles.Admin));

        foreach (var language in new[] { "en", "zh-Hant", "zh-Hans" })
        {
            using var list = await admin.GetAsync($"/api/v1/reply-templates?language={language}", Ct);
            var templates = (await list.JsonAsync()).EnumerateArray().ToList();
            Assert.Equal(5, templates.Count);
            Assert.All(templates, t => Assert.Equal(language, t.Str("language")));
        }
        using var badLanguage = await admin.GetAsync("/api/v1/reply-templates?language=klingon", Ct);
        await badLanguage.AssertFieldErrorAsync("language");

        using var preview = await admin.PostAsJsonAsync("/api/v1/reply-templates/preview", new { body = "Dear {customerName} ({reference})" }, Ct);
        Assert.Equal("Dear Mia Chen (CD-2026-000123)",
            (await preview.JsonAsync()).Str("text"));
    }
}
