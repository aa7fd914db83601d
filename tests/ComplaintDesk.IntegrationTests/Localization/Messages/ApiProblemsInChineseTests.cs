using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using ComplaintDesk.IntegrationTests.Api;
using ComplaintDesk.IntegrationTests.Infrastructure;

namespace ComplaintDesk.IntegrationTests.Localization.Messages;

/// <summary>
/// The API answers in the language of Accept-Language (zh-TW and zh-CN reach zh-Hant and zh-Hans): problem titles, the
/// domain's refusals (translated from their English template, the state and the action named in the reader's words),
/// not-found details and the commands' own validation messages. English stays as it was; the problem <c>type</c> and
/// the field names never change.
/// </summary>
public sealed class ApiProblemsInChineseTests(ComplaintDeskApp app) : IClassFixture<ComplaintDeskApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("zh-Hant", "客訴目前不允許這個動作", "狀態為「已收到」的客訴不能執行「解決」。")]
    [InlineData("zh-TW", "客訴目前不允許這個動作", "狀態為「已收到」的客訴不能執行「解決」。")]
    [InlineData("zh-Hans", "投诉当前不允许此操作", "状态为“已接收”的投诉不能执行“解决”。")]
    [InlineData("zh-CN", "投诉当前不允许此操作", "状态为“已接收”的投诉不能执行“解决”。")]
    [InlineData("en", "The complaint does not allow this now", "A complaint in state Received cannot take the action Resolve.")]
    public async Task A_refused_transition_is_a_409_in_the_request_language(string language, string title, string detail)
    {
        var client = await ClientAsync(language);
        var created = await client.CreateComplaintAsync();

        using var response = await client.PostJsonAsync($"/api/v1/complaints/{created.Id}/resolve", new { summary = "退款。", outcome = "upheld" });

        var problem = await response.AssertProblemAsync(HttpStatusCode.Conflict, "/problems/transition-not-allowed");
        Assert.Equal(title, problem.Str("title"));
        Assert.Equal(detail, problem.Str("detail"));
    }

    [Theory]
    [InlineData("zh-Hant", "找不到", "找不到客訴 {0}。")]
    [InlineData("zh-Hans", "未找到", "找不到投诉 {0}。")]
    [InlineData("en", "Not found", "Complaint {0} was not found.")]
    public async Task A_missing_complaint_is_a_404_in_the_request_language(string language, string title, string detail)
    {
        var client = await ClientAsync(language);
        var id = Guid.NewGuid();

        using var response = await client.GetAsync($"/api/v1/complaints/{id}", Ct);

        var problem = await response.AssertProblemAsync(HttpStatusCode.NotFound, "/problems/not-found");
        Assert.Equal(title, problem.Str("title"));
        Assert.Equal(string.Format(CultureInfo.InvariantCulture, detail, id), problem.Str("detail"));
    }

    [Theory]
    [InlineData("zh-Hant", "有些欄位需要修正。", "購買日期不能晚於發生日期。")]
    [InlineData("zh-Hans", "部分字段需要修改。", "购买日期不能晚于发生日期。")]
    [InlineData("en", "Some fields need attention.", "The purchase cannot come after the incident.")]
    public async Task Our_own_validation_message_is_a_400_in_the_request_language(string language, string title, string message)
    {
        var client = await ClientAsync(language);
        var body = ApiKit.NewComplaintBody();
        body["purchaseDate"] = "2026-10-05";
        body["incidentDate"] = "2026-10-03";

        using var response = await client.PostAsJsonAsync("/api/v1/complaints", body, Ct);

        var problem = await response.AssertFieldErrorAsync("purchaseDate");
        Assert.Equal(title, problem.Str("title"));
        Assert.Equal([message], problem.GetProperty("errors").GetProperty("purchaseDate").EnumerateArray().Select(m => m.GetString() ?? ""));
    }

    [Theory]
    [InlineData("zh-Hant", "'主旨' 不能為空。")]
    [InlineData("zh-Hans", "'主题' 不能为空。")]
    [InlineData("en", "'Subject' must not be empty.")]
    public async Task FluentValidations_own_messages_name_the_field_in_the_request_language(string language, string message)
    {
        var client = await ClientAsync(language);

        using var response = await client.PostAsJsonAsync("/api/v1/complaints", ApiKit.NewComplaintBody(subject: ""), Ct);

        var problem = await response.AssertFieldErrorAsync("subject");
        Assert.Contains(message, problem.GetProperty("errors").GetProperty("subject").EnumerateArray().Select(m => m.GetString()));
    }

    [Theory]
    [InlineData("zh-Hant", "您的角色不允許這個動作", "您無權在「已升級」狀態執行「解決」。")]
    [InlineData("zh-Hans", "您的角色不允许此操作", "您无权在“已升级”状态下执行“解决”。")]
    [InlineData("en", "Not allowed for your role", "Resolve from Escalated is not yours to do.")]
    public async Task A_move_that_is_not_the_callers_to_make_is_a_403_in_the_request_language(string language, string title, string detail)
    {
        var client = await ClientAsync(language);
        var created = await client.CreateComplaintAsync();
        using var escalated = await client.PostJsonAsync($"/api/v1/complaints/{created.Id}/escalate", new { reason = "客戶要求主管回覆。" });
        Assert.Equal(HttpStatusCode.OK, escalated.StatusCode);

        // Only a supervisor resolves an escalated complaint: the table has the move, not for an agent.
        using var response = await client.PostJsonAsync($"/api/v1/complaints/{created.Id}/resolve", new { summary = "退款。", outcome = "upheld" });

        var problem = await response.AssertProblemAsync(HttpStatusCode.Forbidden, "/problems/forbidden");
        Assert.Equal(title, problem.Str("title"));
        Assert.Equal(detail, problem.Str("detail"));
    }

    [Theory]
    [InlineData("zh-Hant", "沒有權限")]
    [InlineData("zh-Hans", "没有权限")]
    [InlineData("en", "Forbidden")]
    public async Task A_problem_the_framework_writes_gets_its_title_in_the_request_language(string language, string title)
    {
        var client = await ClientAsync(language); // an agent: administration answers 403

        using var response = await client.GetAsync("/api/v1/users", Ct);

        var problem = await response.AssertProblemAsync(HttpStatusCode.Forbidden, "/problems/forbidden");
        Assert.Equal(title, problem.Str("title"));
    }

    [Theory]
    [InlineData("zh-Hant", "找不到")]
    [InlineData("zh-Hans", "未找到")]
    [InlineData("en", "Not Found")]
    public async Task An_unknown_route_is_a_404_titled_in_the_request_language(string language, string title)
    {
        var client = await ClientAsync(language);

        using var response = await client.GetAsync("/api/v1/complaints/not-a-guid", Ct);

        var problem = await response.AssertProblemAsync(HttpStatusCode.NotFound, "/problems/not-found");
        Assert.Equal(title, problem.Str("title"));
    }

    /// <summary>An agent whose own language is English: an API answer follows the request's Accept-Language.</summary>
    private async Task<HttpClient> ClientAsync(string language)
    {
        var client = await app.ClientForAsync(await app.CreateAgentAsync());
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        return client;
    }
}
