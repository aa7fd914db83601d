using ComplaintDesk.Application.Features.Complaints;
using ComplaintDesk.Application.Features.Evidence;
using ComplaintDesk.Application.Features.Notifications;
using ComplaintDesk.Domain.Actors;
using ComplaintDesk.Domain.Complaints;
using ComplaintDesk.Domain.Notifications;
using ComplaintDesk.IntegrationTests.Features.Evidence;
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
    public async Task A_photo_sent_alone_through_the_link_notifies_the_owner_and_answers_the_information_request()
    {
        var agent = await app.CreateAgentAsync();
        await app.CreateSupervisorAsync();
        var linked = await _steps.AcknowledgedAsync(agent, resolving: true);
        await _steps.Complaints.SendAsync(agent, new RequestInformationCommand { ComplaintId = linked.Id, Message = "Please send a photo of the label." });
        Assert.True((await _steps.Complaints.StoredAsync(linked.Id)).WaitingOnCustomer);
        var eventsBefore = (await _steps.Complaints.EventsAsync(linked.Id)).Count;

        // What the page sends for a photo without words: AddEvidence, the customer as the actor.
        await app.SendAsync<AttachmentView>(Actor.Customer("Ann"), EvidenceSamples.Upload(linked.Id, "label.jpg", EvidenceSamples.Jpeg));

        var notification = Assert.Single(await NotificationsAsync(linked.Id));
        Assert.Equal(agent.Id, notification.UserId);
        Assert.Equal(NotificationText.Compose(NotificationKind.CustomerMessage, new NotificationFacts(linked.Reference, "Ann") { PhotoOnly = true }, "en"),
            notification.Text);
        Assert.Contains("photo", notification.Text, StringComparison.Ordinal);
        Assert.False((await _steps.Complaints.StoredAsync(linked.Id)).WaitingOnCustomer);
        // A photo has no text for the keyword rules to read: the photo is the only new event, and no alert rings.
        var added = (await _steps.Complaints.EventsAsync(linked.Id)).Skip(eventsBefore).ToList();
        Assert.Equal([TimelineEventKind.EvidenceAdded], added.Select(e => e.Kind));
        Assert.Empty(await app.QueryDbAsync(db => db.Notifications.AsNoTracking()
            .Where(n => n.ComplaintId == linked.Id && n.Kind == NotificationKind.KeywordAlert).ToListAsync(Ct)));
    }

    [Fact]
    public async Task A_photo_staff_add_notifies_nobody()
    {
        var agent = await app.CreateAgentAsync();
        var linked = await _steps.AcknowledgedAsync(agent, resolving: true);

        await app.SendAsync<AttachmentView>(agent.Actor, EvidenceSamples.Upload(linked.Id, "label.jpg", EvidenceSamples.Jpeg));

        Assert.Empty(await NotificationsAsync(linked.Id));
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
