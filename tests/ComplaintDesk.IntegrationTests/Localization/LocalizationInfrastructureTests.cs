using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using ComplaintDesk.IntegrationTests.Infrastructure;
using ComplaintDesk.Web;
using ComplaintDesk.Web.Localization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace ComplaintDesk.IntegrationTests.Localization;

public sealed class LocalizationInfrastructureTests(ComplaintDeskApp app) : IClassFixture<ComplaintDeskApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("zh-Hant", "客訴處理台")]
    [InlineData("zh-Hans", "投诉处理台")]
    [InlineData("en", "ComplaintDesk")]
    public void The_shared_resource_speaks_each_language(string culture, string expected)
    {
        var localizer = app.Services.GetRequiredService<IStringLocalizer<SharedResource>>();
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            Assert.Equal(expected, localizer["ComplaintDesk"].Value);
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    [Theory]
    [InlineData("zh-Hant", "不能為空")]
    [InlineData("zh-Hans", "不能为空")]
    public async Task Validation_messages_follow_the_request_language(string language, string expected)
    {
        var client = await app.CreateApiClientAsync(await app.CreateAgentAsync());
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);

        using var response = await client.PostAsJsonAsync("/api/v1/complaints",
            new { customer = new { name = "Ann", email = "ann@example.test" }, channel = "email", category = "billing", subject = "", description = "x" }, Ct);

        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        var message = problem.RootElement.GetProperty("errors").GetProperty("subject")[0].GetString();
        Assert.Contains(expected, message);
    }
}
