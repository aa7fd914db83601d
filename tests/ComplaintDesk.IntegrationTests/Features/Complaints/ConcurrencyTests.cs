using ComplaintDesk.Application.Common;
using ComplaintDesk.Application.Features.Complaints;
using ComplaintDesk.Domain.Complaints;
using ComplaintDesk.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ComplaintDesk.IntegrationTests.Features.Complaints;

/// <summary>Two writers that loaded the same version of a complaint: exactly one wins, the other hears of the conflict.</summary>
public sealed class ConcurrencyTests(ComplaintDeskApp app) : IClassFixture<ComplaintDeskApp>
{
    private readonly ComplaintSteps _steps = new(app);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Two_notes_sent_at_once_with_the_same_expected_version_one_is_stored_one_conflicts()
    {
        var agent = await app.CreateAgentAsync();
        var colleague = await app.CreateAgentAsync("Colin Colleague");
        var complaint = await _steps.LogAsync(agent);
        var before = await _steps.SnapshotAsync(complaint.Id);

        var outcomes = await Task.WhenAll(
            Attempt(() => app.SendAsync<TimelineEntry>(agent.Actor, new AddNoteCommand
            {
                ComplaintId = complaint.Id, ExpectedVersion = complaint.Version, Body = "First note.", Visibility = Visibility.Internal,
            })),
            Attempt(() => app.SendAsync<TimelineEntry>(colleague.Actor, new AddNoteCommand
            {
                ComplaintId = complaint.Id, ExpectedVersion = complaint.Version, Body = "Second note.", Visibility = Visibility.Internal,
            })));

        Assert.Single(outcomes, o => o is null);
        Assert.IsType<ConcurrencyConflictException>(Assert.Single(outcomes, o => o is not null));
        var events = await _steps.EventsAsync(complaint.Id);
        Assert.Equal(before.Events + 1, events.Count);
        Assert.Single(events, e => e.Kind == TimelineEventKind.Note);
    }

    [Fact]
    public async Task Two_assignments_sent_at_once_with_the_same_expected_version_one_wins_one_conflicts()
    {
        var agent = await app.CreateAgentAsync();
        var first = await app.CreateAgentAsync("First Owner");
        var second = await app.CreateAgentAsync("Second Owner");
        var complaint = await _steps.LogAsync(agent);

        var outcomes = await Task.WhenAll(
            Attempt(() => _steps.SendAsync(agent, new AssignComplaintCommand { ComplaintId = complaint.Id, ExpectedVersion = complaint.Version, OwnerId = first.Id })),
            Attempt(() => _steps.SendAsync(agent, new AssignComplaintCommand { ComplaintId = complaint.Id, ExpectedVersion = complaint.Version, OwnerId = second.Id })));

        Assert.Single(outcomes, o => o is null);
        Assert.IsType<ConcurrencyConflictException>(Assert.Single(outcomes, o => o is not null));
        var winner = outcomes[0] is null ? first : second;
        var stored = await _steps.StoredAsync(complaint.Id);
        Assert.Equal(winner.Id, stored.OwnerId);
        Assert.Single(await _steps.EventsAsync(complaint.Id), e => e.Kind == TimelineEventKind.Assigned);
    }

    [Fact]
    public async Task A_stale_expected_version_is_refused_and_changes_nothing()
    {
        var agent = await app.CreateAgentAsync();
        var complaint = await _steps.LogAsync(agent);
        await _steps.SendAsync(agent, new AcknowledgeComplaintCommand { ComplaintId = complaint.Id });

        await _steps.RefusedAsync<ConcurrencyConflictException>(complaint.Id, () => _steps.SendAsync(agent,
            new EscalateComplaintCommand { ComplaintId = complaint.Id, ExpectedVersion = complaint.Version, Reason = "Based on an old view." }));
    }

    [Fact]
    public async Task The_current_expected_version_is_accepted()
    {
        var agent = await app.CreateAgentAsync();
        var complaint = await _steps.LogAsync(agent);

        var view = await _steps.SendAsync(agent, new AcknowledgeComplaintCommand { ComplaintId = complaint.Id, ExpectedVersion = complaint.Version });

        Assert.Equal(ComplaintState.Acknowledged, (await _steps.StoredAsync(complaint.Id)).State);
        Assert.NotEqual(complaint.Version, view.Version);
    }

    /// <summary>
    /// Without an expected version the save itself must catch the lost update (PostgreSQL xmin): both writers load,
    /// one saves, then the other saves. Interleaved by hand, so the order is certain. The note is written in the
    /// same instant the complaint was last changed, so no column of the row differs — the check must still happen.
    /// </summary>
    [Fact]
    public async Task A_writer_that_loaded_before_another_saved_cannot_overwrite_it()
    {
        var agent = await app.CreateAgentAsync();
        var complaint = await _steps.LogAsync(agent);
        await using var first = EditorScope(agent);
        await using var second = EditorScope(agent);
        var firstEditor = first.ServiceProvider.GetRequiredService<ComplaintEditor>();
        var secondEditor = second.ServiceProvider.GetRequiredService<ComplaintEditor>();
        var command = new AddNoteCommand { ComplaintId = complaint.Id };

        var firstCopy = await firstEditor.LoadAsync(command, Ct);
        var secondCopy = await secondEditor.LoadAsync(command, Ct);
        firstCopy.AddNote("Written first.", Visibility.Internal, agent.Actor, firstEditor.Now);
        await firstEditor.SaveAsync(firstCopy, Ct);
        secondCopy.AddNote("Written second, from a stale copy.", Visibility.Internal, agent.Actor, secondEditor.Now);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => secondEditor.SaveAsync(secondCopy, Ct));

        var notes = (await _steps.EventsAsync(complaint.Id)).Where(e => e.Kind == TimelineEventKind.Note).ToList();
        Assert.Equal("Written first.", Assert.Single(notes).Text);
    }

    [Fact]
    public async Task A_state_change_from_a_stale_copy_is_refused()
    {
        var agent = await app.CreateAgentAsync();
        var complaint = await _steps.LogAsync(agent);
        await using var first = EditorScope(agent);
        await using var second = EditorScope(agent);
        var firstEditor = first.ServiceProvider.GetRequiredService<ComplaintEditor>();
        var secondEditor = second.ServiceProvider.GetRequiredService<ComplaintEditor>();
        var command = new EscalateComplaintCommand { ComplaintId = complaint.Id };

        var firstCopy = await firstEditor.LoadAsync(command, Ct);
        var secondCopy = await secondEditor.LoadAsync(command, Ct);
        firstCopy.Acknowledge(null, agent.Actor, firstEditor.Now);
        await firstEditor.SaveAsync(firstCopy, Ct);
        secondCopy.Escalate("Stale view.", agent.Actor, secondEditor.Now);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => secondEditor.SaveAsync(secondCopy, Ct));

        var stored = await _steps.StoredAsync(complaint.Id);
        Assert.Equal(ComplaintState.Acknowledged, stored.State);
        Assert.Equal(0, stored.EscalationLevel);
    }

    private AsyncServiceScope EditorScope(TestUser actor)
    {
        var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TestActor>().Actor = actor.Actor;
        return scope;
    }

    private static async Task<Exception?> Attempt(Func<Task> action)
    {
        try
        {
            await action();
            return null;
        }
        catch (Exception ex)
        {
            return ex;
        }
    }
}
