using ComplaintDesk.Application.Common;
using ComplaintDesk.Application.Features.Complaints;
using ComplaintDesk.Domain;
using ComplaintDesk.Domain.Complaints;
using ComplaintDesk.IntegrationTests.Infrastructure;

namespace ComplaintDesk.IntegrationTests.Features.Complaints;

public sealed class ConfirmSatisfiedTests(ComplaintDeskApp app) : IClassFixture<ComplaintDeskApp>
{
    private readonly ComplaintSteps _steps = new(app);

    [Fact]
    public async Task Confirming_satisfaction_closes_the_case_and_records_the_follow_up()
    {
        var agent = await app.CreateAgentAsync();
        var complaint = await _steps.InStateAsync(ComplaintState.FollowUp, agent);
        app.Clock.Advance(TimeSpan.FromDays(2));

        await _steps.SendAsync(agent, new ConfirmSatisfiedCommand { ComplaintId = complaint.Id, Comment = " Happy now. ", Score = 5 });

        var stored = await _steps.StoredAsync(complaint.Id);
        Assert.Equal(ComplaintState.Closed, stored.State);
        Assert.True(stored.FollowUpDone);
        Assert.Equal(5, stored.SatisfactionScore);
        var confirmed = ComplaintSteps.AssertEvent((await _steps.EventsAsync(complaint.Id))[^1], TimelineEventKind.SatisfactionConfirmed,
            ComplaintState.FollowUp, ComplaintState.Closed, Visibility.Public, agent, app.Clock.GetUtcNow());
        Assert.Equal("Happy now.", confirmed.Text);
    }

    [Fact]
    public async Task Comment_and_score_are_optional()
    {
        var agent = await app.CreateAgentAsync();
        var complaint = await _steps.InStateAsync(ComplaintState.FollowUp, agent);

        await _steps.SendAsync(agent, new ConfirmSatisfiedCommand { ComplaintId = complaint.Id });

        var stored = await _steps.StoredAsync(complaint.Id);
        Assert.Equal(ComplaintState.Closed, stored.State);
        Assert.Null(stored.SatisfactionScore);
        Assert.Null((await _steps.EventsAsync(complaint.Id))[^1].Text);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    public async Task A_score_outside_one_to_five_is_a_field_error(int score)
    {
        var agent = await app.CreateAgentAsync();
        var complaint = await _steps.InStateAsync(ComplaintState.FollowUp, agent);

        await _steps.RefusedOnFieldAsync(complaint.Id, nameof(ConfirmSatisfiedCommand.Score),
            () => _steps.SendAsync(agent, new ConfirmSatisfiedCommand { ComplaintId = complaint.Id, Score = score }));
    }

    [Theory]
    [InlineData(ComplaintState.Resolving)]
    [InlineData(ComplaintState.Closed)]
    public async Task Confirming_outside_a_follow_up_is_refused(ComplaintState state)
    {
        var agent = await app.CreateAgentAsync();
        var complaint = await _steps.InStateAsync(state, agent);

        var refusal = await _steps.RefusedAsync<ComplaintRuleException>(complaint.Id,
            () => _steps.SendAsync(agent, new ConfirmSatisfiedCommand { ComplaintId = complaint.Id }));

        Assert.Equal(Rules.TransitionNotAllowed, refusal.Rule);
    }

    [Fact]
    public async Task An_unknown_complaint_is_not_found()
    {
        var agent = await app.CreateAgentAsync();
        await Assert.ThrowsAsync<NotFoundException>(() => _steps.SendAsync(agent, new ConfirmSatisfiedCommand { ComplaintId = Guid.NewGuid() }));
    }
}
