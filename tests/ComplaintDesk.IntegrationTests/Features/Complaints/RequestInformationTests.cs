using ComplaintDesk.Application.Common;
using ComplaintDesk.Application.Features.Complaints;
using ComplaintDesk.Application.Identity;
using ComplaintDesk.Domain;
using ComplaintDesk.Domain.Complaints;
using ComplaintDesk.Domain.Sla;
using ComplaintDesk.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Severity = ComplaintDesk.Domain.Complaints.Severity;

namespace ComplaintDesk.IntegrationTests.Features.Complaints;

public sealed class RequestInformationTests(ComplaintDeskApp app) : IClassFixture<ComplaintDeskApp>
{
    private readonly ComplaintSteps _steps = new(app);
    private readonly SlaSteps _sla = new(app);

    private Task<ComplaintView> LogMediumAsync(TestUser agent) =>
        _steps.LogAsync(agent, ComplaintSteps.NewComplaint() with { Severity = Severity.Medium });

    [Fact]
    public async Task Asking_the_customer_pauses_the_resolve_clock_and_records_the_question_publicly()
    {
        var agent = await app.CreateAgentAsync();
        var monday = _sla.ToMondayAtFivePmInTaipei();
        var complaint = await LogMediumAsync(agent);
        await _steps.SendAsync(agent, new AcknowledgeComplaintCommand { ComplaintId = complaint.Id });
        var resolveBefore = await _sla.OpenAsync(complaint.Id, SlaClockKind.Resolve);
        // 40 business hours from Monday 17:00: Monday's last hour, four eight-hour days, seven hours of the next Monday.
        Assert.Equal(monday.AddDays(7), resolveBefore.DueAt);
        Assert.Equal(monday.AddDays(7), (await _steps.StoredAsync(complaint.Id)).NextDueAt);
        app.Clock.Advance(TimeSpan.FromMinutes(30));

        var view = await _steps.SendAsync(agent, new RequestInformationCommand { ComplaintId = complaint.Id, Message = "  Please send a photo of the receipt.  " });

        var now = app.Clock.GetUtcNow();
        var resolve = await _sla.OpenAsync(complaint.Id, SlaClockKind.Resolve);
        Assert.Equal(SlaClockState.Paused, resolve.State);
        Assert.Equal(now, resolve.PausedSince);
        Assert.Equal(resolveBefore.DueAt, resolve.DueAt); // the deadline moves only when the clock resumes
        Assert.Null(resolve.NextCheckAt); // nothing for the sweeper while it waits
        var stored = await _steps.StoredAsync(complaint.Id);
        Assert.True(stored.WaitingOnCustomer);
        // The queue's next deadline skips the paused clock: the regulatory 15 calendar days are next.
        Assert.Equal(monday.AddDays(15), stored.NextDueAt);
        Assert.False(stored.Overdue);
        var asked = ComplaintSteps.AssertEvent((await _steps.EventsAsync(complaint.Id))[^1], TimelineEventKind.InformationRequested, null, null,
            Visibility.Public, agent, now);
        Assert.Equal("Please send a photo of the receipt.", asked.Text);
        Assert.Equal(ComplaintState.Acknowledged, stored.State); // not a move of the lifecycle

        Assert.True(view.WaitingOnCustomer);
        Assert.Equal(stored.Version, view.Version);
        var shown = Assert.Single(view.SlaClocks, c => c.Kind == SlaClockKind.Resolve);
        Assert.Equal(SlaClockState.Paused, shown.State);
        Assert.Equal(now, shown.PausedSince);
    }

    [Fact]
    public async Task A_paused_resolve_clock_is_never_breached_however_long_the_customer_takes()
    {
        var agent = await app.CreateAgentAsync();
        var complaint = await LogMediumAsync(agent);
        await _steps.SendAsync(agent, new AcknowledgeComplaintCommand { ComplaintId = complaint.Id });
        await _steps.SendAsync(agent, new StartResolvingCommand { ComplaintId = complaint.Id });
        await _steps.SendAsync(agent, new RequestInformationCommand { ComplaintId = complaint.Id, Message = "Which store did you buy it in?" });
        var due = (await _sla.OpenAsync(complaint.Id, SlaClockKind.Resolve)).DueAt;

        app.Clock.SetUtcNow(due.AddDays(3));
        await app.SweepAsync();

        var resolve = await _sla.OpenAsync(complaint.Id, SlaClockKind.Resolve);
        Assert.Equal(SlaClockState.Paused, resolve.State);
        Assert.Null(resolve.BreachedAt);
        var stored = await _steps.StoredAsync(complaint.Id);
        Assert.Equal(ComplaintState.Resolving, stored.State); // not escalated by a breach
        Assert.DoesNotContain(await _steps.EventsAsync(complaint.Id), e => e.Kind == TimelineEventKind.SlaBreached && e.Text == "resolve");
    }

    [Fact]
    public async Task Asking_again_while_waiting_keeps_the_first_pause()
    {
        var agent = await app.CreateAgentAsync();
        var complaint = await LogMediumAsync(agent);
        await _steps.SendAsync(agent, new RequestInformationCommand { ComplaintId = complaint.Id, Message = "A photo, please." });
        var pausedSince = app.Clock.GetUtcNow();
        app.Clock.Advance(TimeSpan.FromHours(2));

        await _steps.SendAsync(agent, new RequestInformationCommand { ComplaintId = complaint.Id, Message = "And the order number." });

        var resolve = await _sla.OpenAsync(complaint.Id, SlaClockKind.Resolve);
        Assert.Equal(SlaClockState.Paused, resolve.State);
        Assert.Equal(pausedSince, resolve.PausedSince);
        Assert.Equal(2, (await _steps.EventsAsync(complaint.Id)).Count(e => e.Kind == TimelineEventKind.InformationRequested));
    }

    [Theory]
    [InlineData(ComplaintState.Closed)]
    [InlineData(ComplaintState.FollowUp)]
    public async Task A_closed_case_cannot_ask_the_customer(ComplaintState state)
    {
        var agent = await app.CreateAgentAsync();
        var complaint = await _steps.InStateAsync(state, agent);

        var refusal = await _steps.RefusedAsync<ComplaintRuleException>(complaint.Id,
            () => _steps.SendAsync(agent, new RequestInformationCommand { ComplaintId = complaint.Id, Message = "Anything else?" }));

        Assert.Equal(Rules.TransitionNotAllowed, refusal.Rule);
        Assert.False((await _steps.StoredAsync(complaint.Id)).WaitingOnCustomer);
        Assert.DoesNotContain("requestInformation", (await app.SendAsync<ComplaintView>(agent.Actor, new GetComplaintQuery(complaint.Id))).AllowedActions);
    }

    [Fact]
    public async Task An_escalated_case_can_ask_and_the_action_is_offered_on_open_cases()
    {
        var agent = await app.CreateAgentAsync();
        var complaint = await _steps.InStateAsync(ComplaintState.Escalated, agent);
        Assert.Contains("requestInformation", (await app.SendAsync<ComplaintView>(agent.Actor, new GetComplaintQuery(complaint.Id))).AllowedActions);

        var view = await _steps.SendAsync(agent, new RequestInformationCommand { ComplaintId = complaint.Id, Message = "Your address, please." });

        Assert.True(view.WaitingOnCustomer);
        Assert.Equal(ComplaintState.Escalated, view.State);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public async Task A_message_is_required(string? message)
    {
        var agent = await app.CreateAgentAsync();
        var complaint = await _steps.LogAsync(agent);

        await _steps.RefusedOnFieldAsync(complaint.Id, nameof(RequestInformationCommand.Message),
            () => _steps.SendAsync(agent, new RequestInformationCommand { ComplaintId = complaint.Id, Message = message }));
    }

    [Fact]
    public async Task A_message_longer_than_a_note_is_refused()
    {
        var agent = await app.CreateAgentAsync();
        var complaint = await _steps.LogAsync(agent);

        await _steps.RefusedOnFieldAsync(complaint.Id, nameof(RequestInformationCommand.Message),
            () => _steps.SendAsync(agent, new RequestInformationCommand { ComplaintId = complaint.Id, Message = new string('x', FieldLengths.NoteBody + 1) }));
    }

    [Fact]
    public async Task An_admin_may_not_ask_the_customer()
    {
        var agent = await app.CreateAgentAsync();
        var admin = await app.CreateUserAsync("Ada Admin", Roles.Admin);
        var complaint = await _steps.LogAsync(agent);

        await _steps.RefusedAsync<ActionForbiddenException>(complaint.Id,
            () => _steps.SendAsync(admin, new RequestInformationCommand { ComplaintId = complaint.Id, Message = "Hello?" }));
    }

    [Fact]
    public async Task A_stale_version_is_a_conflict_and_an_unknown_complaint_is_not_found()
    {
        var agent = await app.CreateAgentAsync();
        var complaint = await _steps.LogAsync(agent);
        await app.SendAsync<TimelineEntry>(agent.Actor, new AddNoteCommand { ComplaintId = complaint.Id, Body = "Moved on.", Visibility = Visibility.Internal });

        await _steps.RefusedAsync<ConcurrencyConflictException>(complaint.Id, () => _steps.SendAsync(agent,
            new RequestInformationCommand { ComplaintId = complaint.Id, ExpectedVersion = complaint.Version, Message = "A photo?" }));
        await Assert.ThrowsAsync<NotFoundException>(() => _steps.SendAsync(agent,
            new RequestInformationCommand { ComplaintId = Guid.NewGuid(), Message = "A photo?" }));
        Assert.False(await app.QueryDbAsync(db => db.Complaints.AnyAsync(c => c.Id == complaint.Id && c.WaitingOnCustomer, TestContext.Current.CancellationToken)));
    }
}
