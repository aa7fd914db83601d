using ComplaintDesk.Application.Common;
using ComplaintDesk.Application.Features.Complaints;
using ComplaintDesk.Application.Identity;
using ComplaintDesk.Domain;
using ComplaintDesk.Domain.Complaints;
using ComplaintDesk.IntegrationTests.Infrastructure;

namespace ComplaintDesk.IntegrationTests.Features.Complaints;

public sealed class DecideEscalationTests(ComplaintDeskApp app) : IClassFixture<ComplaintDeskApp>
{
    private readonly ComplaintSteps _steps = new(app);

    [Fact]
    public async Task Approving_with_a_new_owner_returns_the_case_to_resolving_and_reassigns_it()
    {
        var agent = await app.CreateAgentAsync();
        var supervisor = await app.CreateSupervisorAsync();
        var senior = await app.CreateAgentAsync("Sam Senior");
        var complaint = await _steps.InStateAsync(ComplaintState.Escalated, agent);
        var acknowledgedAt = (await _steps.StoredAsync(complaint.Id)).AcknowledgedAt;
        app.Clock.Advance(TimeSpan.FromHours(2));

        await _steps.SendAsync(supervisor, new DecideEscalationCommand
        {
            ComplaintId = complaint.Id, Approved = true, Comment = "Sam has the authority for this.", NewOwnerId = senior.Id,
        });

        var stored = await _steps.StoredAsync(complaint.Id);
        Assert.Equal(ComplaintState.Resolving, stored.State);
        Assert.Equal(senior.Id, stored.OwnerId);
        Assert.Equal("Sam Senior", stored.OwnerName);
        Assert.Equal(acknowledgedAt, stored.AcknowledgedAt); // an acknowledged case keeps its first acknowledgement
        var events = await _steps.EventsAsync(complaint.Id);
        var decision = ComplaintSteps.AssertEvent(events[^2], TimelineEventKind.EscalationApproved, ComplaintState.Escalated,
            ComplaintState.Resolving, Visibility.Internal, supervisor, app.Clock.GetUtcNow());
        Assert.Equal("Sam has the authority for this.", decision.Text);
        var assigned = ComplaintSteps.AssertEvent(events[^1], TimelineEventKind.Assigned, null, null, Visibility.Internal, supervisor,
            app.Clock.GetUtcNow());
        Assert.Equal("Sam Senior", assigned.Text);
    }

    [Fact]
    public async Task Declining_returns_the_case_to_resolving_with_its_owner()
    {
        var agent = await app.CreateAgentAsync();
        var supervisor = await app.CreateSupervisorAsync();
        var complaint = await _steps.InStateAsync(ComplaintState.Escalated, agent);

        await _steps.SendAsync(supervisor, new DecideEscalationCommand
        {
            ComplaintId = complaint.Id, Approved = false, Comment = "Within your authority: offer a refund.",
        });

        var stored = await _steps.StoredAsync(complaint.Id);
        Assert.Equal(ComplaintState.Resolving, stored.State);
        Assert.Equal(agent.Id, stored.OwnerId);
        var declined = ComplaintSteps.AssertEvent((await _steps.EventsAsync(complaint.Id))[^1], TimelineEventKind.EscalationDeclined,
            ComplaintState.Escalated, ComplaintState.Resolving, Visibility.Internal, supervisor, app.Clock.GetUtcNow());
        Assert.Equal("Within your authority: offer a refund.", declined.Text);
    }

    [Fact]
    public async Task A_decision_on_a_never_acknowledged_case_records_the_acknowledgement()
    {
        var agent = await app.CreateAgentAsync();
        var supervisor = await app.CreateSupervisorAsync();
        var complaint = await _steps.LogAsync(agent);
        await _steps.SendAsync(agent, new EscalateComplaintCommand { ComplaintId = complaint.Id, Reason = "Injury reported." });
        Assert.Null((await _steps.StoredAsync(complaint.Id)).AcknowledgedAt);
        app.Clock.Advance(TimeSpan.FromMinutes(45));

        await _steps.SendAsync(supervisor, new DecideEscalationCommand { ComplaintId = complaint.Id, Approved = true, Comment = "Handle today." });

        var stored = await _steps.StoredAsync(complaint.Id);
        Assert.Equal(ComplaintState.Resolving, stored.State);
        Assert.Equal(app.Clock.GetUtcNow(), stored.AcknowledgedAt);
        Assert.Null(stored.OwnerId); // approved without a new owner: nobody is assigned
    }

    [Fact]
    public async Task An_agent_cannot_decide_an_escalation()
    {
        var agent = await app.CreateAgentAsync();
        var complaint = await _steps.InStateAsync(ComplaintState.Escalated, agent);

        await _steps.RefusedAsync<ActionForbiddenException>(complaint.Id, () => _steps.SendAsync(agent,
            new DecideEscalationCommand { ComplaintId = complaint.Id, Approved = true, Comment = "I approve myself." }));
    }

    [Fact]
    public async Task An_admin_cannot_decide_an_escalation()
    {
        var agent = await app.CreateAgentAsync();
        var admin = await app.CreateUserAsync("Ada Admin", Roles.Admin);
        var complaint = await _steps.InStateAsync(ComplaintState.Escalated, agent);

        await _steps.RefusedAsync<ActionForbiddenException>(complaint.Id, () => _steps.SendAsync(admin,
            new DecideEscalationCommand { ComplaintId = complaint.Id, Approved = true, Comment = "Approved." }));
    }

    [Fact]
    public async Task Declining_with_a_new_owner_is_a_field_error()
    {
        var agent = await app.CreateAgentAsync();
        var supervisor = await app.CreateSupervisorAsync();
        var other = await app.CreateAgentAsync("Other Agent");
        var complaint = await _steps.InStateAsync(ComplaintState.Escalated, agent);

        await _steps.RefusedOnFieldAsync(complaint.Id, nameof(DecideEscalationCommand.NewOwnerId), () => _steps.SendAsync(supervisor,
            new DecideEscalationCommand { ComplaintId = complaint.Id, Approved = false, Comment = "No.", NewOwnerId = other.Id }));
    }

    [Fact]
    public async Task Approving_for_an_owner_who_does_not_exist_is_a_field_error()
    {
        var agent = await app.CreateAgentAsync();
        var supervisor = await app.CreateSupervisorAsync();
        var complaint = await _steps.InStateAsync(ComplaintState.Escalated, agent);

        await _steps.RefusedOnFieldAsync(complaint.Id, nameof(DecideEscalationCommand.NewOwnerId), () => _steps.SendAsync(supervisor,
            new DecideEscalationCommand { ComplaintId = complaint.Id, Approved = true, Comment = "Yes.", NewOwnerId = Guid.NewGuid().ToString() }));
    }

    [Fact]
    public async Task A_comment_and_a_decision_are_required()
    {
        var agent = await app.CreateAgentAsync();
        var supervisor = await app.CreateSupervisorAsync();
        var complaint = await _steps.InStateAsync(ComplaintState.Escalated, agent);

        await _steps.RefusedOnFieldAsync(complaint.Id, nameof(DecideEscalationCommand.Comment), () => _steps.SendAsync(supervisor,
            new DecideEscalationCommand { ComplaintId = complaint.Id, Approved = true, Comment = " " }));
        await _steps.RefusedOnFieldAsync(complaint.Id, nameof(DecideEscalationCommand.Approved), () => _steps.SendAsync(supervisor,
            new DecideEscalationCommand { ComplaintId = complaint.Id, Comment = "Undecided." }));
    }

    [Fact]
    public async Task A_case_that_is_not_escalated_cannot_be_decided()
    {
        var agent = await app.CreateAgentAsync();
        var supervisor = await app.CreateSupervisorAsync();
        var complaint = await _steps.InStateAsync(ComplaintState.Resolving, agent);

        var refusal = await _steps.RefusedAsync<ComplaintRuleException>(complaint.Id, () => _steps.SendAsync(supervisor,
            new DecideEscalationCommand { ComplaintId = complaint.Id, Approved = true, Comment = "Approved." }));

        Assert.Equal(Rules.TransitionNotAllowed, refusal.Rule);
    }

    [Fact]
    public async Task An_unknown_complaint_is_not_found()
    {
        var supervisor = await app.CreateSupervisorAsync();
        await Assert.ThrowsAsync<NotFoundException>(() => _steps.SendAsync(supervisor,
            new DecideEscalationCommand { ComplaintId = Guid.NewGuid(), Approved = true, Comment = "Approved." }));
    }
}
