using ComplaintDesk.Application.Common;
using ComplaintDesk.Application.Features.Complaints;
using ComplaintDesk.Domain;
using ComplaintDesk.Domain.Complaints;
using ComplaintDesk.IntegrationTests.Infrastructure;

namespace ComplaintDesk.IntegrationTests.Features.Complaints;

public sealed class ResolveComplaintTests(ComplaintDeskApp app) : IClassFixture<ComplaintDeskApp>
{
    private readonly ComplaintSteps _steps = new(app);

    [Fact]
    public async Task An_agent_resolves_a_case_in_resolving_it_closes_with_the_summary_and_outcome()
    {
        var agent = await app.CreateAgentAsync();
        var complaint = await _steps.InStateAsync(ComplaintState.Resolving, agent);
        app.Clock.Advance(TimeSpan.FromDays(1));

        await _steps.SendAsync(agent, new ResolveComplaintCommand
        {
            ComplaintId = complaint.Id, Summary = " Refunded the second charge. ", Outcome = ResolutionOutcome.PartlyUpheld,
        });

        var stored = await _steps.StoredAsync(complaint.Id);
        Assert.Equal(ComplaintState.Closed, stored.State);
        Assert.Equal(app.Clock.GetUtcNow(), stored.ClosedAt);
        Assert.Equal(ResolutionOutcome.PartlyUpheld, stored.Outcome);
        Assert.Equal("Refunded the second charge.", stored.ResolutionSummary);
        var resolved = ComplaintSteps.AssertEvent((await _steps.EventsAsync(complaint.Id))[^1], TimelineEventKind.Resolved,
            ComplaintState.Resolving, ComplaintState.Closed, Visibility.Public, agent, app.Clock.GetUtcNow());
        Assert.Equal("Refunded the second charge.", resolved.Text);
    }

    [Fact]
    public async Task A_supervisor_resolves_an_escalated_case_directly()
    {
        var agent = await app.CreateAgentAsync();
        var supervisor = await app.CreateSupervisorAsync();
        var complaint = await _steps.InStateAsync(ComplaintState.Escalated, agent);

        await _steps.SendAsync(supervisor, new ResolveComplaintCommand
        {
            ComplaintId = complaint.Id, Summary = "Goodwill refund approved and paid.", Outcome = ResolutionOutcome.Upheld,
        });

        var stored = await _steps.StoredAsync(complaint.Id);
        Assert.Equal(ComplaintState.Closed, stored.State);
        Assert.Equal(ResolutionOutcome.Upheld, stored.Outcome);
        ComplaintSteps.AssertEvent((await _steps.EventsAsync(complaint.Id))[^1], TimelineEventKind.Resolved,
            ComplaintState.Escalated, ComplaintState.Closed, Visibility.Public, supervisor, app.Clock.GetUtcNow());
    }

    [Fact]
    public async Task An_agent_cannot_resolve_an_escalated_case()
    {
        var agent = await app.CreateAgentAsync();
        var complaint = await _steps.InStateAsync(ComplaintState.Escalated, agent);

        await _steps.RefusedAsync<ActionForbiddenException>(complaint.Id, () => _steps.SendAsync(agent,
            new ResolveComplaintCommand { ComplaintId = complaint.Id, Summary = "Done.", Outcome = ResolutionOutcome.NotUpheld }));
    }

    [Theory]
    [InlineData(ComplaintState.Received)]
    [InlineData(ComplaintState.Acknowledged)]
    [InlineData(ComplaintState.Closed)]
    public async Task Resolving_from_a_state_the_table_does_not_allow_is_refused(ComplaintState state)
    {
        var agent = await app.CreateAgentAsync();
        var complaint = await _steps.InStateAsync(state, agent);

        var refusal = await _steps.RefusedAsync<ComplaintRuleException>(complaint.Id, () => _steps.SendAsync(agent,
            new ResolveComplaintCommand { ComplaintId = complaint.Id, Summary = "Done.", Outcome = ResolutionOutcome.Upheld }));

        Assert.Equal(Rules.TransitionNotAllowed, refusal.Rule);
    }

    [Fact]
    public async Task A_summary_and_an_outcome_are_required()
    {
        var agent = await app.CreateAgentAsync();
        var complaint = await _steps.InStateAsync(ComplaintState.Resolving, agent);

        await _steps.RefusedOnFieldAsync(complaint.Id, nameof(ResolveComplaintCommand.Outcome), () => _steps.SendAsync(agent,
            new ResolveComplaintCommand { ComplaintId = complaint.Id, Summary = "Done." }));
        await _steps.RefusedOnFieldAsync(complaint.Id, nameof(ResolveComplaintCommand.Outcome), () => _steps.SendAsync(agent,
            new ResolveComplaintCommand { ComplaintId = complaint.Id, Summary = "Done.", Outcome = (ResolutionOutcome)42 }));
        await _steps.RefusedOnFieldAsync(complaint.Id, nameof(ResolveComplaintCommand.Summary), () => _steps.SendAsync(agent,
            new ResolveComplaintCommand { ComplaintId = complaint.Id, Summary = "", Outcome = ResolutionOutcome.Upheld }));
        await _steps.RefusedOnFieldAsync(complaint.Id, nameof(ResolveComplaintCommand.Summary), () => _steps.SendAsync(agent,
            new ResolveComplaintCommand { ComplaintId = complaint.Id, Summary = new string('x', FieldLengths.Summary + 1), Outcome = ResolutionOutcome.Upheld }));
    }

    [Fact]
    public async Task An_unknown_complaint_is_not_found()
    {
        var agent = await app.CreateAgentAsync();
        await Assert.ThrowsAsync<NotFoundException>(() => _steps.SendAsync(agent,
            new ResolveComplaintCommand { ComplaintId = Guid.NewGuid(), Summary = "Done.", Outcome = ResolutionOutcome.Upheld }));
    }
}
