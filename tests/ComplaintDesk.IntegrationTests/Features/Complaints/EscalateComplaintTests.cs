using ComplaintDesk.Application.Common;
using ComplaintDesk.Application.Features.Complaints;
using ComplaintDesk.Domain;
using ComplaintDesk.Domain.Complaints;
using ComplaintDesk.IntegrationTests.Infrastructure;

namespace ComplaintDesk.IntegrationTests.Features.Complaints;

public sealed class EscalateComplaintTests(ComplaintDeskApp app) : IClassFixture<ComplaintDeskApp>
{
    private readonly ComplaintSteps _steps = new(app);

    [Theory]
    [InlineData(ComplaintState.Received)]
    [InlineData(ComplaintState.Acknowledged)]
    [InlineData(ComplaintState.Resolving)]
    public async Task Escalating_moves_to_escalated_raises_the_level_and_records_the_reason_internally(ComplaintState from)
    {
        var agent = await app.CreateAgentAsync();
        var complaint = await _steps.InStateAsync(from, agent);
        app.Clock.Advance(TimeSpan.FromMinutes(5));

        await _steps.SendAsync(agent, new EscalateComplaintCommand { ComplaintId = complaint.Id, Reason = "Customer mentions a lawyer." });

        var stored = await _steps.StoredAsync(complaint.Id);
        Assert.Equal(ComplaintState.Escalated, stored.State);
        Assert.Equal(1, stored.EscalationLevel);
        var escalated = ComplaintSteps.AssertEvent((await _steps.EventsAsync(complaint.Id))[^1], TimelineEventKind.Escalated, from,
            ComplaintState.Escalated, Visibility.Internal, agent, app.Clock.GetUtcNow());
        Assert.Equal("Customer mentions a lawyer.", escalated.Text);
    }

    [Fact]
    public async Task A_second_escalation_after_a_decision_raises_the_level_again()
    {
        var agent = await app.CreateAgentAsync();
        var supervisor = await app.CreateSupervisorAsync();
        var complaint = await _steps.InStateAsync(ComplaintState.Escalated, agent);
        await _steps.SendAsync(supervisor, new DecideEscalationCommand { ComplaintId = complaint.Id, Approved = false, Comment = "Offer a voucher first." });

        await _steps.SendAsync(agent, new EscalateComplaintCommand { ComplaintId = complaint.Id, Reason = "Voucher refused." });

        var stored = await _steps.StoredAsync(complaint.Id);
        Assert.Equal(ComplaintState.Escalated, stored.State);
        Assert.Equal(2, stored.EscalationLevel);
    }

    [Theory]
    [InlineData(ComplaintState.Escalated)]
    [InlineData(ComplaintState.Closed)]
    [InlineData(ComplaintState.FollowUp)]
    public async Task Escalating_from_a_state_the_table_does_not_allow_is_refused(ComplaintState state)
    {
        var agent = await app.CreateAgentAsync();
        var complaint = await _steps.InStateAsync(state, agent);

        var refusal = await _steps.RefusedAsync<ComplaintRuleException>(complaint.Id,
            () => _steps.SendAsync(agent, new EscalateComplaintCommand { ComplaintId = complaint.Id, Reason = "Again." }));

        Assert.Equal(Rules.TransitionNotAllowed, refusal.Rule);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public async Task A_reason_is_required(string? reason)
    {
        var agent = await app.CreateAgentAsync();
        var complaint = await _steps.LogAsync(agent);

        await _steps.RefusedOnFieldAsync(complaint.Id, nameof(EscalateComplaintCommand.Reason),
            () => _steps.SendAsync(agent, new EscalateComplaintCommand { ComplaintId = complaint.Id, Reason = reason }));
    }

    [Fact]
    public async Task An_unknown_complaint_is_not_found()
    {
        var agent = await app.CreateAgentAsync();
        await Assert.ThrowsAsync<NotFoundException>(
            () => _steps.SendAsync(agent, new EscalateComplaintCommand { ComplaintId = Guid.NewGuid(), Reason = "Lawyer." }));
    }
}
