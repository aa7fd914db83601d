using ComplaintDesk.Application.Common;
using ComplaintDesk.Application.Features.Complaints;
using ComplaintDesk.Application.Identity;
using ComplaintDesk.Domain;
using ComplaintDesk.Domain.Complaints;
using ComplaintDesk.Domain.Sla;
using ComplaintDesk.IntegrationTests.Infrastructure;
using Severity = ComplaintDesk.Domain.Complaints.Severity;

namespace ComplaintDesk.IntegrationTests.Features.Complaints;

public sealed class RecordCustomerMessageTests(ComplaintDeskApp app) : IClassFixture<ComplaintDeskApp>
{
    private readonly ComplaintSteps _steps = new(app);
    private readonly SlaSteps _sla = new(app);

    private Task<ComplaintView> LogMediumAsync(TestUser agent) =>
        _steps.LogAsync(agent, ComplaintSteps.NewComplaint() with { Severity = Severity.Medium });

    [Fact]
    public async Task The_customers_answer_resumes_the_resolve_clock_with_the_paused_business_time_added_back()
    {
        var agent = await app.CreateAgentAsync();
        var monday = _sla.ToMondayAtFivePmInTaipei();
        var complaint = await LogMediumAsync(agent);
        await _steps.SendAsync(agent, new AcknowledgeComplaintCommand { ComplaintId = complaint.Id });
        var before = await _sla.OpenAsync(complaint.Id, SlaClockKind.Resolve);
        Assert.Equal(monday.AddDays(7), before.DueAt); // next Monday 17:00 in Taipei
        // 75 % of 40 h = 30 business hours: Friday 15:00 in Taipei.
        Assert.Equal(monday.AddDays(4).AddHours(-2), before.WarnAt);
        app.Clock.Advance(TimeSpan.FromMinutes(30)); // Monday 17:30 in Taipei
        await _steps.SendAsync(agent, new RequestInformationCommand { ComplaintId = complaint.Id, Message = "Please send the receipt." });
        app.Clock.Advance(TimeSpan.FromHours(40.5)); // Wednesday 10:00 in Taipei

        var view = await _steps.SendAsync(agent, new RecordCustomerMessageCommand { ComplaintId = complaint.Id, Message = " Sent it by e-mail just now. " });

        // Paused Monday 17:30 → Wednesday 10:00: half an hour, all of Tuesday and Wednesday's first hour = 9.5 business hours.
        // The deadline moves from next Monday 17:00 by 9.5 business hours: Monday's last hour, Tuesday, and Wednesday 09:00–09:30.
        var after = await _sla.OpenAsync(complaint.Id, SlaClockKind.Resolve);
        Assert.Equal(before.Id, after.Id); // the same clock, resumed
        Assert.Equal(SlaClockState.Running, after.State);
        Assert.Null(after.PausedSince);
        Assert.Equal(monday.AddDays(9).AddHours(-7.5), after.DueAt); // Wednesday a week later, 09:30 in Taipei
        Assert.Equal(monday.AddDays(7).AddMinutes(-30), after.WarnAt); // Friday 15:00 + 9.5 h = next Monday 16:30 in Taipei
        Assert.Equal(after.WarnAt, after.NextCheckAt); // the sweeper looks again at the warning point
        var calendar = await _sla.OfficeHoursAsync();
        Assert.Equal(calendar.Measure(before.StartedAt, before.DueAt) + TimeSpan.FromHours(9.5), calendar.Measure(before.StartedAt, after.DueAt));

        var stored = await _steps.StoredAsync(complaint.Id);
        Assert.False(stored.WaitingOnCustomer);
        Assert.Equal(after.DueAt, stored.NextDueAt);
        Assert.Equal(after.WarnAt, stored.NextWarnAt);
        var message = ComplaintSteps.AssertEvent((await _steps.EventsAsync(complaint.Id))[^1], TimelineEventKind.CustomerMessage, null, null,
            Visibility.Public, agent, app.Clock.GetUtcNow());
        Assert.Equal("Sent it by e-mail just now.", message.Text);
        Assert.False(view.WaitingOnCustomer);
        Assert.Equal(after.DueAt, Assert.Single(view.SlaClocks, c => c.Kind == SlaClockKind.Resolve).DueAt);
    }

    [Fact]
    public async Task A_resumed_clock_warns_and_breaches_at_its_moved_times_not_the_old_ones()
    {
        var agent = await app.CreateAgentAsync();
        var complaint = await LogMediumAsync(agent);
        await _steps.SendAsync(agent, new AcknowledgeComplaintCommand { ComplaintId = complaint.Id });
        await _steps.SendAsync(agent, new StartResolvingCommand { ComplaintId = complaint.Id });
        var oldDue = (await _sla.OpenAsync(complaint.Id, SlaClockKind.Resolve)).DueAt;
        await _steps.SendAsync(agent, new RequestInformationCommand { ComplaintId = complaint.Id, Message = "Photo?" });
        app.Clock.Advance(TimeSpan.FromDays(3));
        await _steps.SendAsync(agent, new RecordCustomerMessageCommand { ComplaintId = complaint.Id, Message = "Here it is." });
        var resumed = await _sla.OpenAsync(complaint.Id, SlaClockKind.Resolve);
        Assert.True(resumed.DueAt > oldDue);

        app.Clock.SetUtcNow(oldDue.AddMinutes(1) > app.Clock.GetUtcNow() ? oldDue.AddMinutes(1) : app.Clock.GetUtcNow());
        await app.SweepAsync();
        Assert.Equal(ComplaintState.Resolving, (await _steps.StoredAsync(complaint.Id)).State);
        Assert.Null((await _sla.OpenAsync(complaint.Id, SlaClockKind.Resolve)).BreachedAt);

        app.Clock.SetUtcNow(resumed.DueAt);
        await app.SweepAsync();
        var breached = await _sla.OpenAsync(complaint.Id, SlaClockKind.Resolve);
        Assert.Equal(SlaClockState.Breached, breached.State);
        Assert.Equal(resumed.DueAt, breached.BreachedAt);
        var stored = await _steps.StoredAsync(complaint.Id);
        Assert.Equal(ComplaintState.Escalated, stored.State);
        Assert.True(stored.Overdue);
    }

    [Fact]
    public async Task The_keyword_rules_read_the_customers_message_and_the_deadlines_follow_the_raised_severity()
    {
        var agent = await app.CreateAgentAsync();
        var monday = _sla.ToMondayAtFivePmInTaipei();
        var complaint = await LogMediumAsync(agent);
        var acknowledgeBefore = await _sla.OpenAsync(complaint.Id, SlaClockKind.Acknowledge);
        Assert.Equal(monday.AddDays(1), acknowledgeBefore.DueAt); // 8 business hours: Tuesday 17:00 in Taipei
        app.Clock.Advance(TimeSpan.FromMinutes(10));

        var view = await _steps.SendAsync(agent, new RecordCustomerMessageCommand { ComplaintId = complaint.Id, Message = "My lawyer will call you." });

        var stored = await _steps.StoredAsync(complaint.Id);
        Assert.Equal(Severity.High, stored.Severity);
        Assert.True(stored.RiskFlag);
        var events = await _steps.EventsAsync(complaint.Id);
        Assert.Equal([TimelineEventKind.CustomerMessage, TimelineEventKind.KeywordAlert], events.TakeLast(2).Select(e => e.Kind));
        // High: 4 business hours from the same start, Monday 17:00 → Tuesday 12:00 in Taipei.
        var acknowledge = await _sla.OpenAsync(complaint.Id, SlaClockKind.Acknowledge);
        Assert.NotEqual(acknowledgeBefore.Id, acknowledge.Id);
        Assert.Equal(monday, acknowledge.StartedAt);
        Assert.Equal(monday.AddHours(19), acknowledge.DueAt);
        Assert.Equal(SlaClockState.Cancelled, (await _sla.ClocksAsync(complaint.Id)).Single(c => c.Id == acknowledgeBefore.Id).State);
        Assert.Equal(monday.AddHours(19), stored.NextDueAt);
        Assert.Equal(Severity.High, view.Severity);
    }

    [Fact]
    public async Task A_message_on_a_case_that_was_not_waiting_is_recorded_and_moves_no_clock()
    {
        var agent = await app.CreateAgentAsync();
        var complaint = await LogMediumAsync(agent);
        var before = await _sla.ClocksAsync(complaint.Id);

        await _steps.SendAsync(agent, new RecordCustomerMessageCommand { ComplaintId = complaint.Id, Message = "Any news?" });

        Assert.Equal(before.Select(c => (c.Id, c.State, c.DueAt)), (await _sla.ClocksAsync(complaint.Id)).Select(c => (c.Id, c.State, c.DueAt)));
        Assert.Equal(TimelineEventKind.CustomerMessage, (await _steps.EventsAsync(complaint.Id))[^1].Kind);
    }

    [Fact]
    public async Task Customers_write_after_closing_too()
    {
        var agent = await app.CreateAgentAsync();
        var complaint = await _steps.InStateAsync(ComplaintState.Closed, agent);
        Assert.Contains("recordCustomerMessage", (await app.SendAsync<ComplaintView>(agent.Actor, new GetComplaintQuery(complaint.Id))).AllowedActions);

        var view = await _steps.SendAsync(agent, new RecordCustomerMessageCommand { ComplaintId = complaint.Id, Message = "Thanks, all good." });

        Assert.Equal(ComplaintState.Closed, view.State);
        Assert.Equal("Thanks, all good.", (await _steps.EventsAsync(complaint.Id))[^1].Text);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public async Task A_message_is_required(string? message)
    {
        var agent = await app.CreateAgentAsync();
        var complaint = await _steps.LogAsync(agent);
        await _steps.SendAsync(agent, new RequestInformationCommand { ComplaintId = complaint.Id, Message = "Photo?" });

        await _steps.RefusedOnFieldAsync(complaint.Id, nameof(RecordCustomerMessageCommand.Message),
            () => _steps.SendAsync(agent, new RecordCustomerMessageCommand { ComplaintId = complaint.Id, Message = message }));
        Assert.True((await _steps.StoredAsync(complaint.Id)).WaitingOnCustomer);
    }

    [Fact]
    public async Task An_admin_may_not_record_it_a_stale_version_conflicts_and_an_unknown_complaint_is_not_found()
    {
        var agent = await app.CreateAgentAsync();
        var admin = await app.CreateUserAsync("Ada Admin", Roles.Admin);
        var complaint = await _steps.LogAsync(agent);
        var changed = await _steps.SendAsync(agent, new RequestInformationCommand { ComplaintId = complaint.Id, Message = "Photo?" });

        await _steps.RefusedAsync<ActionForbiddenException>(complaint.Id,
            () => _steps.SendAsync(admin, new RecordCustomerMessageCommand { ComplaintId = complaint.Id, Message = "Hi" }));
        await _steps.RefusedAsync<ConcurrencyConflictException>(complaint.Id, () => _steps.SendAsync(agent,
            new RecordCustomerMessageCommand { ComplaintId = complaint.Id, ExpectedVersion = complaint.Version, Message = "Hi" }));
        await Assert.ThrowsAsync<NotFoundException>(() => _steps.SendAsync(agent,
            new RecordCustomerMessageCommand { ComplaintId = Guid.NewGuid(), Message = "Hi" }));

        var view = await _steps.SendAsync(agent, new RecordCustomerMessageCommand { ComplaintId = complaint.Id, ExpectedVersion = changed.Version, Message = "Hi" });
        Assert.False(view.WaitingOnCustomer);
    }
}
