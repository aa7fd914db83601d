using ComplaintDesk.Application.Features.Complaints;
using ComplaintDesk.Domain.Complaints;
using ComplaintDesk.Domain.Notifications;
using ComplaintDesk.IntegrationTests.Features.Complaints;
using ComplaintDesk.IntegrationTests.Features.Notifications;
using ComplaintDesk.IntegrationTests.Infrastructure;
using Severity = ComplaintDesk.Domain.Complaints.Severity;

namespace ComplaintDesk.IntegrationTests.Features.Alerts;

/// <summary>A keyword rule matching at intake raises the complaint and tells the supervisors, in the same save.</summary>
public sealed class KeywordAlertNotificationTests(ComplaintDeskApp app) : IClassFixture<ComplaintDeskApp>
{
    private readonly ComplaintSteps _complaints = new(app);
    private readonly NotificationSteps _notifications = new(app);

    [Fact]
    public async Task A_complaint_naming_a_lawyer_in_chinese_raises_severity_and_notifies_every_active_supervisor()
    {
        await _notifications.AddKeywordRuleAsync("律師", Severity.High, riskFlag: true);
        var agent = await app.CreateAgentAsync();
        var sue = await app.CreateSupervisorAsync("Sue Supervisor");
        var sam = await app.CreateSupervisorAsync("Sam Supervisor");
        var gone = await app.CreateSupervisorAsync("Gone Supervisor");
        await _notifications.DisableAsync(gone);

        var command = ComplaintSteps.NewComplaint("退款一直沒有處理") with { Severity = Severity.Low, Description = "如果再不處理，我會請律師處理。" };
        var complaint = await _complaints.LogAsync(agent, command);

        var stored = await _complaints.StoredAsync(complaint.Id);
        Assert.Equal(Severity.High, stored.Severity);
        Assert.True(stored.RiskFlag);
        Assert.Contains(await _complaints.EventsAsync(complaint.Id), e => e.Kind == TimelineEventKind.KeywordAlert && e.Text!.Contains("律師", StringComparison.Ordinal));
        foreach (var supervisor in new[] { sue, sam })
        {
            var notification = Assert.Single(await _notifications.ForComplaintAsync(supervisor, complaint.Id));
            Assert.Equal(NotificationKind.KeywordAlert, notification.Kind);
            Assert.Equal(complaint.Reference, notification.ComplaintReference);
            Assert.StartsWith($"Keyword alert on {complaint.Reference}: ", notification.Text, StringComparison.Ordinal);
            Assert.Contains("\"律師\"", notification.Text, StringComparison.Ordinal);
            Assert.EndsWith("Severity is now High and the case carries a risk flag.", notification.Text, StringComparison.Ordinal);
            Assert.Null(notification.ReadAt);
        }
        Assert.Empty(await _notifications.ForComplaintAsync(gone, complaint.Id));
        Assert.Empty(await _notifications.ForComplaintAsync(agent, complaint.Id));
    }

    [Fact]
    public async Task Several_matching_rules_make_one_alert_naming_every_phrase_strongest_first()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        await _notifications.AddKeywordRuleAsync($"zorbex {tag}", Severity.Medium, riskFlag: true);
        await _notifications.AddKeywordRuleAsync($"quillon {tag}", Severity.Critical, riskFlag: false);
        var agent = await app.CreateAgentAsync();
        var supervisor = await app.CreateSupervisorAsync();

        var complaint = await _complaints.LogAsync(agent, ComplaintSteps.NewComplaint() with
        {
            Severity = Severity.Low,
            Description = $"The QUILLON {tag.ToUpperInvariant()} broke; my ZORBEX {tag} friend saw it.",
        });

        var notification = Assert.Single(await _notifications.ForComplaintAsync(supervisor, complaint.Id));
        Assert.Equal(
            $"Keyword alert on {complaint.Reference}: \"quillon {tag}\", \"zorbex {tag}\". Severity is now Critical and the case carries a risk flag.",
            notification.Text);
    }

    [Fact]
    public async Task A_rule_that_changes_nothing_alerts_nobody()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        await _notifications.AddKeywordRuleAsync($"frimble {tag}", Severity.Medium, riskFlag: false);
        var agent = await app.CreateAgentAsync();
        var supervisor = await app.CreateSupervisorAsync();

        var complaint = await _complaints.LogAsync(agent, ComplaintSteps.NewComplaint($"frimble {tag} please") with { Severity = Severity.High });

        Assert.DoesNotContain(await _complaints.EventsAsync(complaint.Id), e => e.Kind == TimelineEventKind.KeywordAlert);
        Assert.Empty(await _notifications.ForComplaintAsync(supervisor, complaint.Id));
    }
}
