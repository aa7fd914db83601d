using ComplaintDesk.Application.Common;
using ComplaintDesk.Application.Features.Complaints;
using ComplaintDesk.Domain;
using ComplaintDesk.Domain.Complaints;
using ComplaintDesk.IntegrationTests.Infrastructure;

namespace ComplaintDesk.IntegrationTests.Features.Complaints;

public sealed class StartResolvingTests(ComplaintDeskApp app) : IClassFixture<ComplaintDeskApp>
{
    private readonly ComplaintSteps _steps = new(app);

    [Fact]
    public async Task Starting_on_an_unowned_case_moves_it_to_resolving_and_makes_it_the_actors()
    {
        var agent = await app.CreateAgentAsync("Rita Resolver");
        var complaint = await _steps.InStateAsync(ComplaintState.Acknowledged, agent);
        app.Clock.Advance(TimeSpan.FromHours(1));

        await _steps.SendAsync(agent, new StartResolvingCommand { ComplaintId = complaint.Id });

        var stored = await _steps.StoredAsync(complaint.Id);
        Assert.Equal(ComplaintState.Resolving, stored.State);
        Assert.Equal(agent.Id, stored.OwnerId);
        Assert.Equal("Rita Resolver", stored.OwnerName);
        var events = await _steps.EventsAsync(complaint.Id);
        ComplaintSteps.AssertEvent(events[^2], TimelineEventKind.ResolvingStarted, ComplaintState.Acknowledged, ComplaintState.Resolving,
            Visibility.Public, agent, app.Clock.GetUtcNow());
        var assigned = ComplaintSteps.AssertEvent(events[^1], TimelineEventKind.Assigned, null, null, Visibility.Internal, agent, app.Clock.GetUtcNow());
        Assert.Equal("Rita Resolver", assigned.Text);
    }

    [Fact]
    public async Task An_owned_case_keeps_its_owner()
    {
        var agent = await app.CreateAgentAsync();
        var owner = await app.CreateAgentAsync("Owen Owner");
        var complaint = await _steps.InStateAsync(ComplaintState.Acknowledged, agent);
        await _steps.SendAsync(agent, new AssignComplaintCommand { ComplaintId = complaint.Id, OwnerId = owner.Id });

        await _steps.SendAsync(agent, new StartResolvingCommand { ComplaintId = complaint.Id });

        var stored = await _steps.StoredAsync(complaint.Id);
        Assert.Equal(ComplaintState.Resolving, stored.State);
        Assert.Equal(owner.Id, stored.OwnerId);
        Assert.Equal(TimelineEventKind.ResolvingStarted, (await _steps.EventsAsync(complaint.Id))[^1].Kind);
    }

    [Theory]
    [InlineData(ComplaintState.Received)]
    [InlineData(ComplaintState.Resolving)]
    [InlineData(ComplaintState.Closed)]
    public async Task Starting_from_a_state_the_table_does_not_allow_is_refused(ComplaintState state)
    {
        var agent = await app.CreateAgentAsync();
        var complaint = await _steps.InStateAsync(state, agent);

        var refusal = await _steps.RefusedAsync<ComplaintRuleException>(complaint.Id,
            () => _steps.SendAsync(agent, new StartResolvingCommand { ComplaintId = complaint.Id }));

        Assert.Equal(Rules.TransitionNotAllowed, refusal.Rule);
    }

    [Fact]
    public async Task An_unknown_complaint_is_not_found()
    {
        var agent = await app.CreateAgentAsync();
        await Assert.ThrowsAsync<NotFoundException>(() => _steps.SendAsync(agent, new StartResolvingCommand { ComplaintId = Guid.NewGuid() }));
    }

    [Fact]
    public async Task An_empty_id_is_a_field_error()
    {
        var agent = await app.CreateAgentAsync();
        var refusal = await Assert.ThrowsAsync<FluentValidation.ValidationException>(
            () => _steps.SendAsync(agent, new StartResolvingCommand { ComplaintId = Guid.Empty }));
        Assert.Contains(refusal.Errors, e => e.PropertyName == nameof(StartResolvingCommand.ComplaintId));
    }
}
