using ComplaintDesk.Application.Features.Complaints;
using ComplaintDesk.Application.Features.Notifications;
using ComplaintDesk.Domain.Actors;
using ComplaintDesk.Domain.Notifications;
using ComplaintDesk.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ComplaintDesk.IntegrationTests.Features.StatusLinks;

public sealed class CustomerMessageNotificationTests(ComplaintDeskApp app) : IClassFixture<ComplaintDeskApp>
{
    private readonly StatusLinkSteps _steps = new(app);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<List<Notification>> NotificationsAsync(Guid complaintId) =>
        app.QueryDbAsync(db => db.Notifications.AsNoTracking().Where(n => n.ComplaintId == complaintId && n.Kind == NotificationKind.CustomerMessage)
            .OrderBy(n => n.Id).ToListAsync(Ct));

    [Fact]
    public async Task The_customers_message_notifies_the_owner_in_the_owners_language()
    {
        var agent = await app.CreateAgentAsync();
        await app.QueryDbAsync(db => db.Users.Where(u => u.Id == agent.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.PreferredLanguage, "zh-Hant"), Ct));
        await app.CreateSupervisorAsync();
        var linked = await _steps.AcknowledgedAsync(agent, resolving: true);

        await app.SendAsync<ComplaintView>(Actor.Customer("Ann"), new RecordCustomerMessageCommand { ComplaintId = linked.Id, Message = "Any news?" });

        var notification = Assert.Single(await NotificationsAsync(linked.Id));
        Assert.Equal(agent.Id, notification.UserId);
        Assert.Contains(linked.Reference, notification.Text);
        Assert.Equal(NotificationText.Compose(NotificationKind.CustomerMessage, new NotificationFacts(linked.Reference, "Ann"), "zh-Hant"),
            notification.Text);
    }

    [Fact]
    public async Task An_unowned_case_notifies_every_active_supervisor()
    {
        var agent = await app.CreateAgentAsync();
        await app.CreateSupervisorAsync("Sam Senior");
        await app.CreateSupervisorAsync("Sal Senior");
        var linked = await _steps.AcknowledgedAsync(agent); // acknowledged, nobody took it yet
        var supervisors = await app.QueryDbAsync(db => StaffDirectory.Supervisors(db).ToListAsync(Ct));

        await app.SendAsync<ComplaintView>(Actor.Customer("Ann"), new RecordCustomerMessageCommand { ComplaintId = linked.Id, Message = "Hello?" });

        var notified = (await NotificationsAsync(linked.Id)).Select(n => n.UserId).Order().ToList();
        Assert.True(notified.Count >= 2);
        Assert.Equal(supervisors.Order().ToList(), notified);
    }

    [Fact]
    public async Task A_message_staff_record_from_a_call_notifies_nobody()
    {
        var agent = await app.CreateAgentAsync();
        var linked = await _steps.AcknowledgedAsync(agent, resolving: true);

        await _steps.Complaints.SendAsync(agent, new RecordCustomerMessageCommand { ComplaintId = linked.Id, Message = "Customer called." });

        Assert.Empty(await NotificationsAsync(linked.Id));
    }
}
