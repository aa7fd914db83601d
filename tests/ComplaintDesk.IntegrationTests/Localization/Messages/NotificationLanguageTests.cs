using System.Net;
using ComplaintDesk.Application.Identity;
using ComplaintDesk.Domain.Notifications;
using ComplaintDesk.IntegrationTests.Api;
using ComplaintDesk.IntegrationTests.Features.Notifications;
using ComplaintDesk.IntegrationTests.Infrastructure;
using ComplaintDesk.IntegrationTests.Localization.AdminPages;

namespace ComplaintDesk.IntegrationTests.Localization.Messages;

/// <summary>
/// Notifications are stored text, read later by someone else: each is written in its recipient's language
/// (<see cref="StaffUser.PreferredLanguage"/>), never in the language of whoever caused it.
/// </summary>
public sealed class NotificationLanguageTests(ComplaintDeskApp app) : IClassFixture<ComplaintDeskApp>
{
    private readonly NotificationSteps _notifications = new(app);

    [Fact]
    public async Task Each_supervisor_reads_an_english_agents_escalation_and_keyword_alert_in_their_own_language()
    {
        var simplified = await ChineseStaff.CreateAsync(app, "赵主管", "zh-Hans", Roles.Supervisor);
        var traditional = await ChineseStaff.CreateAsync(app, "趙主管", "zh-Hant", Roles.Supervisor);
        var english = await app.CreateSupervisorAsync("Elena English");
        var agent = await app.CreateAgentAsync("Andy English");
        var client = await app.ClientForAsync(agent);
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en"); // the agent works in English
        var body = ApiKit.NewComplaintBody("Blender cracked, my 律师 will call");
        body["severity"] = "low";

        var created = await client.CreateComplaintAsync(body);
        var reference = created.Body.Str("reference");
        using var escalated = await client.PostJsonAsync($"/api/v1/complaints/{created.Id}/escalate", new { reason = "Customer is angry." });
        Assert.Equal(HttpStatusCode.OK, escalated.StatusCode);

        Assert.Equal(
            [
                $"{reference} 触发关键词警报：“律师”。严重程度现为“高”，并已标记风险。",
                $"Andy English 将 {reference} 升级，需要主管决定：Customer is angry.",
            ],
            await TextsAsync(simplified, created.Id));
        Assert.Equal(
            [
                $"{reference} 觸發關鍵字警示：「律师」。嚴重程度現為「高」，並已標記風險。",
                $"Andy English 將 {reference} 升級，需要主管決定：Customer is angry.",
            ],
            await TextsAsync(traditional, created.Id));
        Assert.Equal(
            [
                $"Keyword alert on {reference}: \"律师\". Severity is now High and the case carries a risk flag.",
                $"Andy English escalated {reference}; it needs a supervisor's decision: Customer is angry.",
            ],
            await TextsAsync(english, created.Id));
    }

    [Fact]
    public async Task An_assignment_by_someone_working_in_english_reaches_a_chinese_agent_in_chinese()
    {
        var owner = await ChineseStaff.CreateAsync(app, "林小華", "zh-Hant", Roles.Agent);
        var agent = await app.CreateAgentAsync("Amy English");
        var client = await app.ClientForAsync(agent);
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        var created = await client.CreateComplaintAsync();

        using var assigned = await client.PostJsonAsync($"/api/v1/complaints/{created.Id}/assign", new { ownerId = owner.Id });

        Assert.Equal(HttpStatusCode.OK, assigned.StatusCode);
        var notification = Assert.Single(await _notifications.ForComplaintAsync(owner, created.Id));
        Assert.Equal(NotificationKind.Assigned, notification.Kind);
        Assert.Equal($"Amy English 將 {created.Body.Str("reference")} 指派給您。", notification.Text);
    }

    private async Task<List<string>> TextsAsync(TestUser user, Guid complaintId) =>
        (await _notifications.ForComplaintAsync(user, complaintId)).Select(n => n.Text).ToList();
}
