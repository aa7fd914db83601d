using ComplaintDesk.Application.Common;
using ComplaintDesk.Application.Features.Complaints;
using ComplaintDesk.Application.Identity;
using ComplaintDesk.Domain;
using ComplaintDesk.Domain.Complaints;
using ComplaintDesk.IntegrationTests.Infrastructure;

namespace ComplaintDesk.IntegrationTests.Features.Complaints;

public sealed class AddNoteTests(ComplaintDeskApp app) : IClassFixture<ComplaintDeskApp>
{
    private readonly ComplaintSteps _steps = new(app);

    [Theory]
    [InlineData(Visibility.Internal)]
    [InlineData(Visibility.Public)]
    public async Task A_note_is_added_to_the_timeline_with_its_visibility_and_the_state_stays(Visibility visibility)
    {
        var agent = await app.CreateAgentAsync();
        var complaint = await _steps.InStateAsync(ComplaintState.Resolving, agent);
        var before = await _steps.SnapshotAsync(complaint.Id);
        app.Clock.Advance(TimeSpan.FromMinutes(7));

        var entry = await app.SendAsync<TimelineEntry>(agent.Actor,
            new AddNoteCommand { ComplaintId = complaint.Id, Body = " Called the courier. ", Visibility = visibility });

        var stored = await _steps.StoredAsync(complaint.Id);
        Assert.Equal(ComplaintState.Resolving, stored.State);
        Assert.NotEqual(before.Version, stored.Version); // a note touches the row, so concurrent writers see it
        var events = await _steps.EventsAsync(complaint.Id);
        Assert.Equal(before.Events + 1, events.Count);
        var note = ComplaintSteps.AssertEvent(events[^1], TimelineEventKind.Note, null, null, visibility, agent, app.Clock.GetUtcNow());
        Assert.Equal("Called the courier.", note.Text);
        Assert.Equal(note.Id, entry.Id);
        Assert.Equal(visibility, entry.Visibility);
    }

    [Fact]
    public async Task A_note_may_be_added_to_a_closed_case()
    {
        var agent = await app.CreateAgentAsync();
        var complaint = await _steps.InStateAsync(ComplaintState.Closed, agent);

        await app.SendAsync<TimelineEntry>(agent.Actor,
            new AddNoteCommand { ComplaintId = complaint.Id, Body = "Customer phoned to say thanks.", Visibility = Visibility.Internal });

        Assert.Equal(TimelineEventKind.Note, (await _steps.EventsAsync(complaint.Id))[^1].Kind);
    }

    [Fact]
    public async Task A_body_and_a_visibility_are_required()
    {
        var agent = await app.CreateAgentAsync();
        var complaint = await _steps.LogAsync(agent);

        await _steps.RefusedOnFieldAsync(complaint.Id, nameof(AddNoteCommand.Body), () => app.SendAsync<TimelineEntry>(agent.Actor,
            new AddNoteCommand { ComplaintId = complaint.Id, Body = " ", Visibility = Visibility.Internal }));
        await _steps.RefusedOnFieldAsync(complaint.Id, nameof(AddNoteCommand.Body), () => app.SendAsync<TimelineEntry>(agent.Actor,
            new AddNoteCommand { ComplaintId = complaint.Id, Body = new string('n', FieldLengths.NoteBody + 1), Visibility = Visibility.Internal }));
        await _steps.RefusedOnFieldAsync(complaint.Id, nameof(AddNoteCommand.Visibility), () => app.SendAsync<TimelineEntry>(agent.Actor,
            new AddNoteCommand { ComplaintId = complaint.Id, Body = "Hello." }));
        await _steps.RefusedOnFieldAsync(complaint.Id, nameof(AddNoteCommand.Visibility), () => app.SendAsync<TimelineEntry>(agent.Actor,
            new AddNoteCommand { ComplaintId = complaint.Id, Body = "Hello.", Visibility = (Visibility)7 }));
    }

    [Fact]
    public async Task An_admin_cannot_add_notes()
    {
        var agent = await app.CreateAgentAsync();
        var admin = await app.CreateUserAsync("Ada Admin", Roles.Admin);
        var complaint = await _steps.LogAsync(agent);

        await _steps.RefusedAsync<ActionForbiddenException>(complaint.Id, () => app.SendAsync<TimelineEntry>(admin.Actor,
            new AddNoteCommand { ComplaintId = complaint.Id, Body = "Admin was here.", Visibility = Visibility.Internal }));
    }

    [Fact]
    public async Task An_unknown_complaint_is_not_found()
    {
        var agent = await app.CreateAgentAsync();
        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync<TimelineEntry>(agent.Actor,
            new AddNoteCommand { ComplaintId = Guid.NewGuid(), Body = "Hello.", Visibility = Visibility.Public }));
    }
}
