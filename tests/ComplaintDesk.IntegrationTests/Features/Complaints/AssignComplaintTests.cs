using ComplaintDesk.Application.Common;
using ComplaintDesk.Application.Features.Complaints;
using ComplaintDesk.Application.Identity;
using ComplaintDesk.Domain;
using ComplaintDesk.Domain.Complaints;
using ComplaintDesk.IntegrationTests.Infrastructure;

namespace ComplaintDesk.IntegrationTests.Features.Complaints;

public sealed class AssignComplaintTests(ComplaintDeskApp app) : IClassFixture<ComplaintDeskApp>
{
    private readonly ComplaintSteps _steps = new(app);

    [Fact]
    public async Task Assigning_sets_the_owner_and_records_an_internal_event_without_moving_the_state()
    {
        var agent = await app.CreateAgentAsync();
        var owner = await app.CreateAgentAsync("Olga Owner");
        var complaint = await _steps.LogAsync(agent);
        app.Clock.Advance(TimeSpan.FromMinutes(3));

        var view = await _steps.SendAsync(agent, new AssignComplaintCommand { ComplaintId = complaint.Id, OwnerId = owner.Id });

        var stored = await _steps.StoredAsync(complaint.Id);
        Assert.Equal(ComplaintState.Received, stored.State);
        Assert.Equal(owner.Id, stored.OwnerId);
        Assert.Equal("Olga Owner", stored.OwnerName);
        Assert.Equal(owner.Id, view.OwnerId);
        var assigned = ComplaintSteps.AssertEvent((await _steps.EventsAsync(complaint.Id))[^1], TimelineEventKind.Assigned, null, null,
            Visibility.Internal, agent, app.Clock.GetUtcNow());
        Assert.Equal("Olga Owner", assigned.Text);
    }

    [Fact]
    public async Task A_supervisor_may_be_the_owner()
    {
        var agent = await app.CreateAgentAsync();
        var supervisor = await app.CreateSupervisorAsync("Sue Owner");
        var complaint = await _steps.InStateAsync(ComplaintState.Escalated, agent);

        await _steps.SendAsync(supervisor, new AssignComplaintCommand { ComplaintId = complaint.Id, OwnerId = supervisor.Id });

        var stored = await _steps.StoredAsync(complaint.Id);
        Assert.Equal(supervisor.Id, stored.OwnerId);
        Assert.Equal(ComplaintState.Escalated, stored.State);
    }

    [Fact]
    public async Task Assigning_to_a_user_who_does_not_exist_is_a_field_error_on_owner_id()
    {
        var agent = await app.CreateAgentAsync();
        var complaint = await _steps.LogAsync(agent);

        await _steps.RefusedOnFieldAsync(complaint.Id, nameof(AssignComplaintCommand.OwnerId),
            () => _steps.SendAsync(agent, new AssignComplaintCommand { ComplaintId = complaint.Id, OwnerId = Guid.NewGuid().ToString() }));
    }

    [Fact]
    public async Task Assigning_to_an_admin_who_handles_no_cases_is_a_field_error_on_owner_id()
    {
        var agent = await app.CreateAgentAsync();
        var admin = await app.CreateUserAsync("Ada Admin", Roles.Admin);
        var complaint = await _steps.LogAsync(agent);

        await _steps.RefusedOnFieldAsync(complaint.Id, nameof(AssignComplaintCommand.OwnerId),
            () => _steps.SendAsync(agent, new AssignComplaintCommand { ComplaintId = complaint.Id, OwnerId = admin.Id }));
    }

    [Fact]
    public async Task An_owner_is_required()
    {
        var agent = await app.CreateAgentAsync();
        var complaint = await _steps.LogAsync(agent);

        await _steps.RefusedOnFieldAsync(complaint.Id, nameof(AssignComplaintCommand.OwnerId),
            () => _steps.SendAsync(agent, new AssignComplaintCommand { ComplaintId = complaint.Id, OwnerId = "" }));
    }

    [Fact]
    public async Task A_closed_case_cannot_be_assigned()
    {
        var agent = await app.CreateAgentAsync();
        var other = await app.CreateAgentAsync("Other Agent");
        var complaint = await _steps.InStateAsync(ComplaintState.Closed, agent);

        var refusal = await _steps.RefusedAsync<ComplaintRuleException>(complaint.Id,
            () => _steps.SendAsync(agent, new AssignComplaintCommand { ComplaintId = complaint.Id, OwnerId = other.Id }));

        Assert.Equal(Rules.TransitionNotAllowed, refusal.Rule);
    }

    [Fact]
    public async Task An_admin_cannot_assign()
    {
        var agent = await app.CreateAgentAsync();
        var admin = await app.CreateUserAsync("Ada Admin", Roles.Admin);
        var complaint = await _steps.LogAsync(agent);

        await _steps.RefusedAsync<ActionForbiddenException>(complaint.Id,
            () => _steps.SendAsync(admin, new AssignComplaintCommand { ComplaintId = complaint.Id, OwnerId = agent.Id }));
    }

    [Fact]
    public async Task An_unknown_complaint_is_not_found()
    {
        var agent = await app.CreateAgentAsync();
        await Assert.ThrowsAsync<NotFoundException>(
            () => _steps.SendAsync(agent, new AssignComplaintCommand { ComplaintId = Guid.NewGuid(), OwnerId = agent.Id }));
    }
}
