using ComplaintDesk.Application.Common;
using ComplaintDesk.Application.Features.Complaints;
using ComplaintDesk.Domain.Complaints;
using ComplaintDesk.IntegrationTests.Infrastructure;

namespace ComplaintDesk.IntegrationTests.Features.Complaints;

public sealed class GetTimelineTests(ComplaintDeskApp app) : IClassFixture<ComplaintDeskApp>
{
    private readonly ComplaintSteps _steps = new(app);

    [Fact]
    public async Task The_timeline_lists_every_event_oldest_first_internal_ones_included()
    {
        var agent = await app.CreateAgentAsync("Tim Line");
        var supervisor = await app.CreateSupervisorAsync();
        var complaint = await _steps.LogAsync(agent);
        var id = complaint.Id;
        async Task Later(Func<Task> step)
        {
            app.Clock.Advance(TimeSpan.FromMinutes(10));
            await step();
        }

        await Later(() => _steps.SendAsync(agent, new AcknowledgeComplaintCommand { ComplaintId = id, Message = "Thanks for telling us." }));
        await Later(() => _steps.SendAsync(agent, new StartResolvingCommand { ComplaintId = id }));
        await Later(() => app.SendAsync<TimelineEntry>(agent.Actor, new AddNoteCommand { ComplaintId = id, Body = "Asked the warehouse.", Visibility = Visibility.Internal }));
        await Later(() => _steps.SendAsync(agent, new EscalateComplaintCommand { ComplaintId = id, Reason = "Warehouse silent." }));
        await Later(() => _steps.SendAsync(supervisor, new DecideEscalationCommand { ComplaintId = id, Approved = false, Comment = "Chase them." }));
        await Later(() => _steps.SendAsync(agent, new ResolveComplaintCommand { ComplaintId = id, Summary = "Found and shipped.", Outcome = ResolutionOutcome.Upheld }));

        var timeline = await app.SendAsync<IReadOnlyList<TimelineEntry>>(agent.Actor, new GetTimelineQuery(id));

        Assert.Equal(
            [
                TimelineEventKind.Logged, TimelineEventKind.Acknowledged, TimelineEventKind.ResolvingStarted, TimelineEventKind.Assigned,
                TimelineEventKind.Note, TimelineEventKind.Escalated, TimelineEventKind.EscalationDeclined, TimelineEventKind.Resolved,
            ],
            timeline.Select(e => e.Kind));
        Assert.Equal(timeline.OrderBy(e => e.At).ThenBy(e => e.Id).Select(e => e.Id), timeline.Select(e => e.Id));
        Assert.True(timeline[^1].At > timeline[0].At);
        Assert.Equal("Tim Line", timeline[0].Actor);
        Assert.Equal(ComplaintState.Received, timeline[0].To);
        Assert.Null(timeline[0].From);
        Assert.Equal("Thanks for telling us.", timeline[1].Text);
        Assert.Equal(Visibility.Internal, timeline[4].Visibility);
        Assert.Equal((ComplaintState.Escalated, ComplaintState.Resolving), (timeline[6].From!.Value, timeline[6].To!.Value));
        // The same rows as stored, in the same order.
        Assert.Equal((await _steps.EventsAsync(id)).Select(e => e.Id), timeline.Select(e => e.Id));
    }

    [Fact]
    public async Task An_unknown_complaint_is_not_found()
    {
        var agent = await app.CreateAgentAsync();
        await Assert.ThrowsAsync<NotFoundException>(
            () => app.SendAsync<IReadOnlyList<TimelineEntry>>(agent.Actor, new GetTimelineQuery(Guid.NewGuid())));
    }
}
