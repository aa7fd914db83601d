using ComplaintDesk.Application.Features.Complaints;
using ComplaintDesk.Domain.Complaints;
using ComplaintDesk.Domain.Notifications;
using ComplaintDesk.IntegrationTests.Features.Complaints;
using ComplaintDesk.IntegrationTests.Infrastructure;

namespace ComplaintDesk.IntegrationTests.Features.Notifications;

/// <summary>The interceptor: the change that causes a notification writes it, in the same SaveChanges.</summary>
public sealed class NotificationsWrittenWithChangesTests(ComplaintDeskApp app) : IClassFixture<ComplaintDeskApp>
{
    private readonly ComplaintSteps _complaints = new(app);
    private readonly NotificationSteps _notifications = new(app);

    [Fact]
    public async Task Assigning_a_case_to_someone_else_gives_them_exactly_one_unread_notification()
    {
        var agent = await app.CreateAgentAsync("Amy Assigner");
        var owner = await app.CreateAgentAsync("Olga Owner");
        var complaint = await _complaints.LogAsync(agent);
        app.Clock.Advance(TimeSpan.FromMinutes(2));

        await _complaints.SendAsync(agent, new AssignComplaintCommand { ComplaintId = complaint.Id, OwnerId = owner.Id });

        var notification = Assert.Single(await _notifications.ForAsync(owner));
        Assert.Equal(NotificationKind.Assigned, notification.Kind);
        Assert.Equal(complaint.Id, notification.ComplaintId);
        Assert.Equal(complaint.Reference, notification.ComplaintReference);
        Assert.Equal($"Amy Assigner assigned {complaint.Reference} to you.", notification.Text);
        Assert.Equal(app.Clock.GetUtcNow(), notification.CreatedAt);
        Assert.Null(notification.ReadAt);
        Assert.Empty(await _notifications.ForAsync(agent));
        Assert.Equal(1, (await _notifications.UnreadAsync(owner)).Count);
    }

    [Fact]
    public async Task Taking_a_case_yourself_notifies_nobody()
    {
        var agent = await app.CreateAgentAsync();
        var assigned = await _complaints.LogAsync(agent);
        var started = await _complaints.InStateAsync(ComplaintState.Acknowledged, agent);

        await _complaints.SendAsync(agent, new AssignComplaintCommand { ComplaintId = assigned.Id, OwnerId = agent.Id });
        await _complaints.SendAsync(agent, new StartResolvingCommand { ComplaintId = started.Id }); // an unowned case becomes the actor's

        Assert.Equal(agent.Id, (await _complaints.StoredAsync(started.Id)).OwnerId);
        Assert.Empty(await _notifications.ForAsync(agent));
    }

    [Fact]
    public async Task Reassigning_notifies_each_new_owner_once()
    {
        var agent = await app.CreateAgentAsync();
        var first = await app.CreateAgentAsync("First Owner");
        var second = await app.CreateAgentAsync("Second Owner");
        var complaint = await _complaints.LogAsync(agent);

        await _complaints.SendAsync(agent, new AssignComplaintCommand { ComplaintId = complaint.Id, OwnerId = first.Id });
        await _complaints.SendAsync(agent, new AssignComplaintCommand { ComplaintId = complaint.Id, OwnerId = second.Id });
        await app.SendAsync<TimelineEntry>(agent.Actor, new AddNoteCommand { ComplaintId = complaint.Id, Body = "Nothing to notify.", Visibility = Visibility.Internal });

        Assert.Single(await _notifications.ForAsync(first));
        Assert.Single(await _notifications.ForAsync(second));
    }

    [Fact]
    public async Task Escalating_notifies_every_active_supervisor_but_not_a_disabled_one_nor_the_agent()
    {
        var agent = await app.CreateAgentAsync("Eddie Escalator");
        var sue = await app.CreateSupervisorAsync("Sue Supervisor");
        var sam = await app.CreateSupervisorAsync("Sam Supervisor");
        var gone = await app.CreateSupervisorAsync("Gone Supervisor");
        await _notifications.DisableAsync(gone);
        var complaint = await _complaints.InStateAsync(ComplaintState.Resolving, agent);

        await _complaints.SendAsync(agent, new EscalateComplaintCommand { ComplaintId = complaint.Id, Reason = "Customer threatens to sue." });

        foreach (var supervisor in new[] { sue, sam })
        {
            var notification = Assert.Single(await _notifications.ForComplaintAsync(supervisor, complaint.Id));
            Assert.Equal(NotificationKind.EscalationRequested, notification.Kind);
            Assert.Equal(complaint.Reference, notification.ComplaintReference);
            Assert.Contains(complaint.Reference, notification.Text, StringComparison.Ordinal);
            Assert.Contains("Customer threatens to sue.", notification.Text, StringComparison.Ordinal);
            Assert.StartsWith("Eddie Escalator escalated", notification.Text, StringComparison.Ordinal);
        }
        Assert.Empty(await _notifications.ForComplaintAsync(gone, complaint.Id));
        Assert.Empty(await _notifications.ForComplaintAsync(agent, complaint.Id));
    }

    [Fact]
    public async Task A_supervisor_who_escalates_is_not_told_about_it_but_the_other_supervisors_are()
    {
        var escalating = await app.CreateSupervisorAsync("Self Escalating");
        var other = await app.CreateSupervisorAsync("Other Supervisor");
        var complaint = await _complaints.LogAsync(escalating);

        await _complaints.SendAsync(escalating, new EscalateComplaintCommand { ComplaintId = complaint.Id, Reason = "Needs a second opinion." });

        Assert.Empty(await _notifications.ForComplaintAsync(escalating, complaint.Id));
        Assert.Single(await _notifications.ForComplaintAsync(other, complaint.Id));
    }

    [Fact]
    public async Task Approving_an_escalation_with_a_new_owner_tells_the_new_owner()
    {
        var agent = await app.CreateAgentAsync();
        var supervisor = await app.CreateSupervisorAsync("Decider Supervisor");
        var senior = await app.CreateAgentAsync("Senior Agent");
        var complaint = await _complaints.InStateAsync(ComplaintState.Escalated, agent);

        await _complaints.SendAsync(supervisor, new DecideEscalationCommand
        {
            ComplaintId = complaint.Id, Approved = true, Comment = "Senior takes it.", NewOwnerId = senior.Id,
        });

        var notification = Assert.Single(await _notifications.ForAsync(senior));
        Assert.Equal(NotificationKind.Assigned, notification.Kind);
        Assert.Equal($"Decider Supervisor assigned {complaint.Reference} to you.", notification.Text);
    }
}
