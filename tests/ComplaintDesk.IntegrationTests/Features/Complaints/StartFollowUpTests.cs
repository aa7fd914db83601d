using ComplaintDesk.Application.Common;
using ComplaintDesk.Application.Features.Complaints;
using ComplaintDesk.Domain;
using ComplaintDesk.Domain.Complaints;
using ComplaintDesk.IntegrationTests.Infrastructure;

namespace ComplaintDesk.IntegrationTests.Features.Complaints;

public sealed class StartFollowUpTests(ComplaintDeskApp app) : IClassFixture<ComplaintDeskApp>
{
    private readonly ComplaintSteps _steps = new(app);

    [Fact]
    public async Task Following_up_a_closed_case_moves_it_to_follow_up()
    {
        var agent = await app.CreateAgentAsync();
        var complaint = await _steps.InStateAsync(ComplaintState.Closed, agent);
        var closedAt = (await _steps.StoredAsync(complaint.Id)).ClosedAt;
        app.Clock.Advance(TimeSpan.FromHours(30));

        await _steps.SendAsync(agent, new StartFollowUpCommand { ComplaintId = complaint.Id });

        var stored = await _steps.StoredAsync(complaint.Id);
        Assert.Equal(ComplaintState.FollowUp, stored.State);
        Assert.Equal(closedAt, stored.ClosedAt);
        Assert.False(stored.FollowUpDone);
        ComplaintSteps.AssertEvent((await _steps.EventsAsync(complaint.Id))[^1], TimelineEventKind.FollowUpStarted,
            ComplaintState.Closed, ComplaintState.FollowUp, Visibility.Public, agent, app.Clock.GetUtcNow());
    }

    [Fact]
    public async Task No_second_follow_up_after_the_customer_confirmed_satisfaction()
    {
        var agent = await app.CreateAgentAsync();
        var complaint = await _steps.InStateAsync(ComplaintState.FollowUp, agent);
        await _steps.SendAsync(agent, new ConfirmSatisfiedCommand { ComplaintId = complaint.Id, Score = 4 });

        var refusal = await _steps.RefusedAsync<ComplaintRuleException>(complaint.Id,
            () => _steps.SendAsync(agent, new StartFollowUpCommand { ComplaintId = complaint.Id }));

        Assert.Equal(Rules.FollowUpAlreadyDone, refusal.Rule);
        var view = await app.SendAsync<ComplaintView>(agent.Actor, new GetComplaintQuery(complaint.Id));
        Assert.DoesNotContain("startFollowUp", view.AllowedActions);
    }

    [Fact]
    public async Task A_reopened_and_resolved_case_may_be_followed_up_again()
    {
        var agent = await app.CreateAgentAsync();
        var complaint = await _steps.InStateAsync(ComplaintState.FollowUp, agent);
        await _steps.SendAsync(agent, new ConfirmSatisfiedCommand { ComplaintId = complaint.Id });
        await _steps.SendAsync(agent, new ReopenComplaintCommand { ComplaintId = complaint.Id, Reason = "The replacement broke too." });
        await _steps.SendAsync(agent, new ResolveComplaintCommand
        {
            ComplaintId = complaint.Id, Summary = "Refunded in full.", Outcome = ResolutionOutcome.Upheld,
        });
        Assert.Contains("startFollowUp", (await app.SendAsync<ComplaintView>(agent.Actor, new GetComplaintQuery(complaint.Id))).AllowedActions);

        await _steps.SendAsync(agent, new StartFollowUpCommand { ComplaintId = complaint.Id });

        Assert.Equal(ComplaintState.FollowUp, (await _steps.StoredAsync(complaint.Id)).State);
    }

    [Theory]
    [InlineData(ComplaintState.Received)]
    [InlineData(ComplaintState.Resolving)]
    [InlineData(ComplaintState.FollowUp)]
    public async Task Following_up_from_a_state_the_table_does_not_allow_is_refused(ComplaintState state)
    {
        var agent = await app.CreateAgentAsync();
        var complaint = await _steps.InStateAsync(state, agent);

        var refusal = await _steps.RefusedAsync<ComplaintRuleException>(complaint.Id,
            () => _steps.SendAsync(agent, new StartFollowUpCommand { ComplaintId = complaint.Id }));

        Assert.Equal(Rules.TransitionNotAllowed, refusal.Rule);
    }

    [Fact]
    public async Task An_unknown_complaint_is_not_found()
    {
        var agent = await app.CreateAgentAsync();
        await Assert.ThrowsAsync<NotFoundException>(() => _steps.SendAsync(agent, new StartFollowUpCommand { ComplaintId = Guid.NewGuid() }));
    }
}
