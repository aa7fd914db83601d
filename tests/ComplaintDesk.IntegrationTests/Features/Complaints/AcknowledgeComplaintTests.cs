using ComplaintDesk.Application.Common;
using ComplaintDesk.Application.Features.Complaints;
using ComplaintDesk.Application.Identity;
using ComplaintDesk.Domain;
using ComplaintDesk.Domain.Complaints;
using ComplaintDesk.IntegrationTests.Infrastructure;

namespace ComplaintDesk.IntegrationTests.Features.Complaints;

public sealed class AcknowledgeComplaintTests(ComplaintDeskApp app) : IClassFixture<ComplaintDeskApp>
{
    private readonly ComplaintSteps _steps = new(app);

    [Fact]
    public async Task Acknowledging_a_received_complaint_records_when_and_a_public_event_with_the_message()
    {
        var agent = await app.CreateAgentAsync();
        var complaint = await _steps.LogAsync(agent);
        app.Clock.Advance(TimeSpan.FromMinutes(20));

        var view = await _steps.SendAsync(agent, new AcknowledgeComplaintCommand { ComplaintId = complaint.Id, Message = " We are on it. " });

        var stored = await _steps.StoredAsync(complaint.Id);
        Assert.Equal(ComplaintState.Acknowledged, stored.State);
        Assert.Equal(app.Clock.GetUtcNow(), stored.AcknowledgedAt);
        Assert.Equal(stored.Version, view.Version);
        Assert.NotEqual(complaint.Version, view.Version);
        var events = await _steps.EventsAsync(complaint.Id);
        Assert.Equal(2, events.Count);
        var acknowledged = ComplaintSteps.AssertEvent(events[^1], TimelineEventKind.Acknowledged, ComplaintState.Received,
            ComplaintState.Acknowledged, Visibility.Public, agent, app.Clock.GetUtcNow());
        Assert.Equal("We are on it.", acknowledged.Text);
    }

    [Fact]
    public async Task A_second_acknowledgement_is_not_in_the_table_and_changes_nothing()
    {
        var agent = await app.CreateAgentAsync();
        var complaint = await _steps.InStateAsync(ComplaintState.Acknowledged, agent);

        var refusal = await _steps.RefusedAsync<ComplaintRuleException>(complaint.Id,
            () => _steps.SendAsync(agent, new AcknowledgeComplaintCommand { ComplaintId = complaint.Id }));

        Assert.Equal(Rules.TransitionNotAllowed, refusal.Rule);
    }

    [Fact]
    public async Task A_closed_complaint_cannot_be_acknowledged()
    {
        var agent = await app.CreateAgentAsync();
        var complaint = await _steps.InStateAsync(ComplaintState.Closed, agent);

        var refusal = await _steps.RefusedAsync<ComplaintRuleException>(complaint.Id,
            () => _steps.SendAsync(agent, new AcknowledgeComplaintCommand { ComplaintId = complaint.Id }));

        Assert.Equal(Rules.TransitionNotAllowed, refusal.Rule);
    }

    [Fact]
    public async Task An_over_long_message_is_a_field_error()
    {
        var agent = await app.CreateAgentAsync();
        var complaint = await _steps.LogAsync(agent);

        await _steps.RefusedOnFieldAsync(complaint.Id, nameof(AcknowledgeComplaintCommand.Message), () => _steps.SendAsync(agent,
            new AcknowledgeComplaintCommand { ComplaintId = complaint.Id, Message = new string('m', FieldLengths.NoteBody + 1) }));
    }

    [Fact]
    public async Task An_admin_cannot_acknowledge()
    {
        var agent = await app.CreateAgentAsync();
        var admin = await app.CreateUserAsync("Ada Admin", Roles.Admin);
        var complaint = await _steps.LogAsync(agent);

        await _steps.RefusedAsync<ActionForbiddenException>(complaint.Id,
            () => _steps.SendAsync(admin, new AcknowledgeComplaintCommand { ComplaintId = complaint.Id }));
    }

    [Fact]
    public async Task An_unknown_complaint_is_not_found()
    {
        var agent = await app.CreateAgentAsync();
        await Assert.ThrowsAsync<NotFoundException>(() => _steps.SendAsync(agent, new AcknowledgeComplaintCommand { ComplaintId = Guid.NewGuid() }));
    }
}
