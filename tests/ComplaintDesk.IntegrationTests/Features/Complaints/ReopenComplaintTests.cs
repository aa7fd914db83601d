using ComplaintDesk.Application.Common;
using ComplaintDesk.Application.Features.Complaints;
using ComplaintDesk.Domain;
using ComplaintDesk.Domain.Complaints;
using ComplaintDesk.IntegrationTests.Infrastructure;

namespace ComplaintDesk.IntegrationTests.Features.Complaints;

/// <summary>These tests move the class's clock forward; each measures from its own closing time.</summary>
public sealed class ReopenComplaintTests(ComplaintDeskApp app) : IClassFixture<ComplaintDeskApp>
{
    private readonly ComplaintSteps _steps = new(app);

    [Fact]
    public async Task Reopening_from_follow_up_returns_to_resolving_and_clears_the_resolution()
    {
        var agent = await app.CreateAgentAsync();
        var complaint = await _steps.InStateAsync(ComplaintState.FollowUp, agent);
        app.Clock.Advance(TimeSpan.FromHours(3));

        await _steps.SendAsync(agent, new ReopenComplaintCommand { ComplaintId = complaint.Id, Reason = "Not satisfied: still broken." });

        var stored = await _steps.StoredAsync(complaint.Id);
        Assert.Equal(ComplaintState.Resolving, stored.State);
        Assert.Null(stored.ClosedAt);
        Assert.Null(stored.Outcome);
        Assert.Null(stored.ResolutionSummary);
        Assert.False(stored.FollowUpDone);
        var reopened = ComplaintSteps.AssertEvent((await _steps.EventsAsync(complaint.Id))[^1], TimelineEventKind.Reopened,
            ComplaintState.FollowUp, ComplaintState.Resolving, Visibility.Public, agent, app.Clock.GetUtcNow());
        Assert.Equal("Not satisfied: still broken.", reopened.Text);
    }

    [Fact]
    public async Task A_closed_case_may_be_reopened_within_the_window()
    {
        var agent = await app.CreateAgentAsync();
        var supervisor = await app.CreateSupervisorAsync();
        var complaint = await _steps.InStateAsync(ComplaintState.Closed, agent);
        app.Clock.Advance(TimeSpan.FromDays(29));
        Assert.Contains("reopen", (await app.SendAsync<ComplaintView>(supervisor.Actor, new GetComplaintQuery(complaint.Id))).AllowedActions);

        await _steps.SendAsync(supervisor, new ReopenComplaintCommand { ComplaintId = complaint.Id, Reason = "Same fault again." });

        var stored = await _steps.StoredAsync(complaint.Id);
        Assert.Equal(ComplaintState.Resolving, stored.State);
        ComplaintSteps.AssertEvent((await _steps.EventsAsync(complaint.Id))[^1], TimelineEventKind.Reopened,
            ComplaintState.Closed, ComplaintState.Resolving, Visibility.Public, supervisor, app.Clock.GetUtcNow());
    }

    [Fact]
    public async Task A_closed_case_cannot_be_reopened_after_the_window()
    {
        var agent = await app.CreateAgentAsync();
        var complaint = await _steps.InStateAsync(ComplaintState.Closed, agent);
        app.Clock.Advance(TimeSpan.FromDays(30) + TimeSpan.FromMinutes(1));

        var refusal = await _steps.RefusedAsync<ComplaintRuleException>(complaint.Id,
            () => _steps.SendAsync(agent, new ReopenComplaintCommand { ComplaintId = complaint.Id, Reason = "Too late?" }));

        Assert.Equal(Rules.ReopenWindowPassed, refusal.Rule);
        Assert.DoesNotContain("reopen", (await app.SendAsync<ComplaintView>(agent.Actor, new GetComplaintQuery(complaint.Id))).AllowedActions);
    }

    [Theory]
    [InlineData(ComplaintState.Received)]
    [InlineData(ComplaintState.Resolving)]
    [InlineData(ComplaintState.Escalated)]
    public async Task Reopening_an_open_case_is_refused(ComplaintState state)
    {
        var agent = await app.CreateAgentAsync();
        var complaint = await _steps.InStateAsync(state, agent);

        var refusal = await _steps.RefusedAsync<ComplaintRuleException>(complaint.Id,
            () => _steps.SendAsync(agent, new ReopenComplaintCommand { ComplaintId = complaint.Id, Reason = "Why not." }));

        Assert.Equal(Rules.TransitionNotAllowed, refusal.Rule);
    }

    [Fact]
    public async Task A_reason_is_required()
    {
        var agent = await app.CreateAgentAsync();
        var complaint = await _steps.InStateAsync(ComplaintState.Closed, agent);

        await _steps.RefusedOnFieldAsync(complaint.Id, nameof(ReopenComplaintCommand.Reason),
            () => _steps.SendAsync(agent, new ReopenComplaintCommand { ComplaintId = complaint.Id, Reason = "" }));
        await _steps.RefusedOnFieldAsync(complaint.Id, nameof(ReopenComplaintCommand.Reason), () => _steps.SendAsync(agent,
            new ReopenComplaintCommand { ComplaintId = complaint.Id, Reason = new string('r', FieldLengths.Reason + 1) }));
    }

    [Fact]
    public async Task An_unknown_complaint_is_not_found()
    {
        var agent = await app.CreateAgentAsync();
        await Assert.ThrowsAsync<NotFoundException>(
            () => _steps.SendAsync(agent, new ReopenComplaintCommand { ComplaintId = Guid.NewGuid(), Reason = "Again." }));
    }
}
