using ComplaintDesk.Application.Features.Complaints;
using ComplaintDesk.Domain.Categories;
using ComplaintDesk.Domain.Complaints;
using ComplaintDesk.Domain.Sla;
using ComplaintDesk.IntegrationTests.Features.Complaints;
using ComplaintDesk.IntegrationTests.Infrastructure;
using Severity = ComplaintDesk.Domain.Complaints.Severity;

namespace ComplaintDesk.IntegrationTests.Features.Sla;

/// <summary>
/// Time spent waiting on the customer does not count against the resolve deadline — also once the deadline is worked
/// out again from a new policy cell; and a deadline that passed before the wait began is still a breach.
/// Medium resolves in 40 and high in 24 business hours of "Office hours" (Asia/Taipei, Mon–Fri 09–12 and 13–18).
/// </summary>
public sealed class PausedTimeTests(ComplaintDeskApp app) : IClassFixture<ComplaintDeskApp>
{
    private readonly ComplaintSteps _steps = new(app);
    private readonly SlaSteps _sla = new(app);

    private async Task<ComplaintView> AcknowledgedMediumAsync(TestUser agent)
    {
        var complaint = await _steps.LogAsync(agent, ComplaintSteps.NewComplaint() with { Severity = Severity.Medium });
        return await _steps.SendAsync(agent, new AcknowledgeComplaintCommand { ComplaintId = complaint.Id });
    }

    private Task<ComplaintView> ToHighAsync(TestUser agent, Guid complaintId) =>
        _steps.SendAsync(agent, new ChangeClassificationCommand { ComplaintId = complaintId, Severity = Severity.High, Category = Category.Codes.ProductQuality });

    [Fact]
    public async Task A_reclassified_case_keeps_the_time_it_already_spent_waiting_on_the_customer()
    {
        var agent = await app.CreateAgentAsync();
        var monday = _sla.ToMondayAtFivePmInTaipei();
        var complaint = await AcknowledgedMediumAsync(agent);
        app.Clock.Advance(TimeSpan.FromMinutes(30)); // Monday 17:30 in Taipei
        await _steps.SendAsync(agent, new RequestInformationCommand { ComplaintId = complaint.Id, Message = "The receipt, please." });
        var pausedAt = app.Clock.GetUtcNow();
        app.Clock.Advance(TimeSpan.FromHours(40.5)); // Wednesday 10:00 in Taipei
        await _steps.SendAsync(agent, new RecordCustomerMessageCommand { ComplaintId = complaint.Id, Message = "Sent." });
        var calendar = await _sla.OfficeHoursAsync();
        var waited = calendar.Measure(pausedAt, app.Clock.GetUtcNow());
        Assert.Equal(TimeSpan.FromHours(9.5), waited); // half an hour on Monday, Tuesday, Wednesday's first hour
        var resumed = await _sla.OpenAsync(complaint.Id, SlaClockKind.Resolve);
        app.Clock.Advance(TimeSpan.FromHours(1));

        await ToHighAsync(agent, complaint.Id);

        var fresh = await _sla.OpenAsync(complaint.Id, SlaClockKind.Resolve);
        Assert.NotEqual(resumed.Id, fresh.Id);
        Assert.Equal((SlaClockState.Running, monday, TimeSpan.FromHours(24)), (fresh.State, fresh.StartedAt, fresh.Allowed));
        // 24 business hours from the same start (Thursday 17:00 in Taipei), plus the 9.5 the customer took: Monday 09:30.
        Assert.Equal(calendar.Add(monday, TimeSpan.FromHours(24) + waited), fresh.DueAt);
        Assert.Equal(monday.AddDays(7).AddHours(-7.5), fresh.DueAt);
        // The warning at 75 % (18 business hours, Thursday 10:00) moves by the same: Friday 09:30.
        Assert.Equal(calendar.Add(monday, TimeSpan.FromHours(18) + waited), fresh.WarnAt);
        Assert.Equal(fresh.WarnAt, fresh.NextCheckAt);
        var stored = await _steps.StoredAsync(complaint.Id);
        Assert.Equal((fresh.DueAt, fresh.WarnAt), (stored.NextDueAt, stored.NextWarnAt));

        // Nothing fires at the deadline the lost wait would have given (Thursday 17:00).
        app.Clock.SetUtcNow(calendar.Add(monday, TimeSpan.FromHours(24)).AddMinutes(1));
        await app.SweepAsync();
        Assert.Null((await _sla.OpenAsync(complaint.Id, SlaClockKind.Resolve)).BreachedAt);
        Assert.Equal(ComplaintState.Acknowledged, (await _steps.StoredAsync(complaint.Id)).State);
    }

    [Fact]
    public async Task A_case_reclassified_while_waiting_again_counts_neither_wait()
    {
        var agent = await app.CreateAgentAsync();
        var monday = _sla.ToMondayAtFivePmInTaipei();
        var complaint = await AcknowledgedMediumAsync(agent);
        var calendar = await _sla.OfficeHoursAsync();
        await _steps.SendAsync(agent, new RequestInformationCommand { ComplaintId = complaint.Id, Message = "A photo?" });
        var firstPause = app.Clock.GetUtcNow();
        app.Clock.Advance(TimeSpan.FromDays(1));
        await _steps.SendAsync(agent, new RecordCustomerMessageCommand { ComplaintId = complaint.Id, Message = "Attached." });
        var firstWait = calendar.Measure(firstPause, app.Clock.GetUtcNow());
        app.Clock.Advance(TimeSpan.FromHours(2));
        await _steps.SendAsync(agent, new RequestInformationCommand { ComplaintId = complaint.Id, Message = "And the order number?" });
        var secondPause = app.Clock.GetUtcNow();
        app.Clock.Advance(TimeSpan.FromHours(1));

        await ToHighAsync(agent, complaint.Id);
        var paused = await _sla.OpenAsync(complaint.Id, SlaClockKind.Resolve);
        Assert.Equal((SlaClockState.Paused, secondPause), (paused.State, paused.PausedSince));
        Assert.Equal(calendar.Add(monday, TimeSpan.FromHours(24) + firstWait), paused.DueAt);

        app.Clock.Advance(TimeSpan.FromDays(1));
        await _steps.SendAsync(agent, new RecordCustomerMessageCommand { ComplaintId = complaint.Id, Message = "1234." });

        var running = await _sla.OpenAsync(complaint.Id, SlaClockKind.Resolve);
        var secondWait = calendar.Measure(secondPause, app.Clock.GetUtcNow());
        Assert.True(firstWait > TimeSpan.Zero && secondWait > TimeSpan.Zero);
        Assert.Equal(SlaClockState.Running, running.State);
        Assert.Equal(TimeSpan.FromHours(24) + firstWait + secondWait, calendar.Measure(monday, running.DueAt));
    }

    [Fact]
    public async Task A_deadline_that_passed_unseen_before_the_customer_was_asked_is_kept_late_not_met()
    {
        var agent = await app.CreateAgentAsync();
        var complaint = await AcknowledgedMediumAsync(agent);
        await _steps.SendAsync(agent, new StartResolvingCommand { ComplaintId = complaint.Id });
        var resolve = await _sla.OpenAsync(complaint.Id, SlaClockKind.Resolve);
        app.Clock.SetUtcNow(resolve.DueAt.AddHours(1)); // past the deadline, and no sweep has seen it

        await _steps.SendAsync(agent, new RequestInformationCommand { ComplaintId = complaint.Id, Message = "One more photo?" });

        // Not paused: a wait that begins after the deadline cannot take the breach back; the sweeper still has it due.
        var asked = await _sla.OpenAsync(complaint.Id, SlaClockKind.Resolve);
        Assert.Equal((SlaClockState.Running, (DateTimeOffset?)null, resolve.DueAt), (asked.State, asked.PausedSince, asked.DueAt));
        Assert.True(asked.NextCheckAt <= app.Clock.GetUtcNow());
        Assert.True((await _steps.StoredAsync(complaint.Id)).WaitingOnCustomer);

        await _steps.SendAsync(agent, new ResolveComplaintCommand { ComplaintId = complaint.Id, Summary = "Replaced.", Outcome = ResolutionOutcome.Upheld });

        var kept = (await _sla.ClocksAsync(complaint.Id)).Single(c => c.Id == resolve.Id);
        Assert.Equal((SlaClockState.Breached, resolve.DueAt, app.Clock.GetUtcNow()), (kept.State, kept.BreachedAt, kept.StoppedAt));
    }

    [Fact]
    public async Task A_deadline_that_passed_unseen_before_the_customer_was_asked_is_breached_by_the_next_sweep()
    {
        var agent = await app.CreateAgentAsync();
        var complaint = await AcknowledgedMediumAsync(agent);
        await _steps.SendAsync(agent, new StartResolvingCommand { ComplaintId = complaint.Id });
        var resolve = await _sla.OpenAsync(complaint.Id, SlaClockKind.Resolve);
        app.Clock.SetUtcNow(resolve.DueAt.AddMinutes(5));
        await _steps.SendAsync(agent, new RequestInformationCommand { ComplaintId = complaint.Id, Message = "Which shop?" });

        await app.SweepAsync();

        var breached = await _sla.OpenAsync(complaint.Id, SlaClockKind.Resolve);
        Assert.Equal((SlaClockState.Breached, resolve.DueAt), (breached.State, breached.BreachedAt));
        var stored = await _steps.StoredAsync(complaint.Id);
        Assert.Equal(ComplaintState.Escalated, stored.State);
        Assert.True(stored.Overdue);
        Assert.Contains(await _steps.EventsAsync(complaint.Id), e => e.Kind == TimelineEventKind.SlaBreached);
    }
}
