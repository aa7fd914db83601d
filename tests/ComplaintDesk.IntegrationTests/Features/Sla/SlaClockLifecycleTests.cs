using ComplaintDesk.Application.Features.Complaints;
using ComplaintDesk.Application.Features.Sla;
using ComplaintDesk.Application.Identity;
using ComplaintDesk.Domain.Complaints;
using ComplaintDesk.Domain.Notifications;
using ComplaintDesk.Domain.Sla;
using ComplaintDesk.IntegrationTests.Features.Complaints;
using ComplaintDesk.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Severity = ComplaintDesk.Domain.Complaints.Severity;

namespace ComplaintDesk.IntegrationTests.Features.Sla;

/// <summary>
/// Every clock kind starts, stops and fires its effect once, at the right moment, driven by the fake clock. The seeded
/// policy: high severity acknowledges within 4 and resolves within 24 business hours of "Office hours" (Asia/Taipei,
/// Mon–Fri 09–12 and 13–18), escalation decisions within 4; critical runs around the clock (1 h / 1 day / 2 h);
/// follow-up 24 h after closing, answer window 7 days, regulatory 15 calendar days, warnings at 75 %.
/// The fake clock starts on Monday 2 November 2026, 09:00 UTC = 17:00 in Taipei.
/// </summary>
public sealed class SlaClockLifecycleTests(ComplaintDeskApp app) : IClassFixture<ComplaintDeskApp>
{
    private readonly ComplaintSteps _steps = new(app);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static DateTimeOffset Utc(int day, int hour, int minute = 0) => new(2026, 11, day, hour, minute, 0, TimeSpan.Zero);

    private Task<List<SlaClock>> ClocksAsync(Guid complaintId) =>
        app.QueryDbAsync(db => db.SlaClocks.AsNoTracking().Where(c => c.ComplaintId == complaintId).OrderBy(c => c.Id).ToListAsync(Ct));

    private async Task<SlaClock> ClockAsync(Guid complaintId, SlaClockKind kind) =>
        (await ClocksAsync(complaintId)).Last(c => c.Kind == kind);

    private Task<List<Notification>> NotificationsAsync(string userId, Guid complaintId) =>
        app.QueryDbAsync(db => db.Notifications.AsNoTracking().Where(n => n.UserId == userId && n.ComplaintId == complaintId)
            .OrderBy(n => n.Id).ToListAsync(Ct));

    private Task<List<SlaClockEffect>> EffectsAsync(long clockId) =>
        app.QueryDbAsync(db => db.SlaClockEffects.AsNoTracking().Where(e => e.ClockId == clockId).ToListAsync(Ct));

    /// <summary>Each test starts on Monday 17:00 Taipei, so the expected instants below hold whatever ran before.</summary>
    private void StartOnMondayEvening()
    {
        var monday = Utc(2, 9);
        var days = Math.Max(0, (int)Math.Ceiling((app.Clock.GetUtcNow() - monday).TotalDays / 7)) * 7;
        _weeksLater = TimeSpan.FromDays(days);
        app.Clock.SetUtcNow(monday + _weeksLater);
    }

    private TimeSpan _weeksLater;

    /// <summary>An instant of the first test week, moved to the week this test runs in.</summary>
    private DateTimeOffset Week(DateTimeOffset instant) => instant + _weeksLater;

    [Fact]
    public async Task A_new_complaint_gets_acknowledge_resolve_and_regulatory_clocks_from_its_policy_cell()
    {
        StartOnMondayEvening();
        var agent = await app.CreateAgentAsync();
        var complaint = await _steps.LogAsync(agent);

        var clocks = await ClocksAsync(complaint.Id);
        Assert.Equal([SlaClockKind.Acknowledge, SlaClockKind.Resolve, SlaClockKind.Regulatory], clocks.Select(c => c.Kind).Order());
        Assert.All(clocks, c => Assert.Equal(SlaClockState.Running, c.State));
        var acknowledge = clocks.Single(c => c.Kind == SlaClockKind.Acknowledge);
        // 4 business hours from Monday 17:00: 17–18, then Tuesday 09–12 → Tuesday 12:00 Taipei.
        Assert.Equal(Week(Utc(3, 4)), acknowledge.DueAt);
        Assert.Equal(Week(Utc(3, 3)), acknowledge.WarnAt); // 75 % = 3 business hours
        Assert.True(acknowledge.Business);
        // 24 business hours: Monday 1 h, Tuesday 8, Wednesday 8, Thursday 7 → Thursday 17:00 Taipei.
        Assert.Equal(Week(Utc(5, 9)), clocks.Single(c => c.Kind == SlaClockKind.Resolve).DueAt);
        var regulatory = clocks.Single(c => c.Kind == SlaClockKind.Regulatory);
        Assert.Equal(Week(Utc(17, 9)), regulatory.DueAt); // 15 calendar days, never business time
        Assert.False(regulatory.Business);

        var stored = await _steps.StoredAsync(complaint.Id);
        Assert.Equal(acknowledge.DueAt, stored.NextDueAt);
        Assert.Equal(acknowledge.WarnAt, stored.NextWarnAt);
        Assert.False(stored.Overdue);
    }

    [Fact]
    public async Task The_warning_fires_once_at_the_warning_point_and_tells_the_supervisors_of_an_unowned_case()
    {
        StartOnMondayEvening();
        var agent = await app.CreateAgentAsync();
        var supervisor = await app.CreateSupervisorAsync();
        var complaint = await _steps.LogAsync(agent);
        var acknowledge = await ClockAsync(complaint.Id, SlaClockKind.Acknowledge);

        app.Clock.SetUtcNow(acknowledge.WarnAt!.Value.AddMinutes(-1));
        await app.SweepAsync();
        Assert.Null((await ClockAsync(complaint.Id, SlaClockKind.Acknowledge)).WarnedAt);

        app.Clock.SetUtcNow(acknowledge.WarnAt!.Value);
        await app.SweepAsync();
        await app.SweepAsync();

        var warned = await ClockAsync(complaint.Id, SlaClockKind.Acknowledge);
        Assert.Equal(acknowledge.WarnAt, warned.WarnedAt);
        Assert.Equal(SlaClockState.Running, warned.State);
        Assert.Equal(warned.DueAt, warned.NextCheckAt);
        Assert.Equal([SlaEffect.Warning], (await EffectsAsync(warned.Id)).Select(e => e.Effect));
        var events = await _steps.EventsAsync(complaint.Id);
        var warning = Assert.Single(events, e => e.Kind == TimelineEventKind.SlaWarning);
        Assert.Equal("acknowledge", warning.Text);
        Assert.Equal(Visibility.Internal, warning.Visibility);
        var notice = Assert.Single(await NotificationsAsync(supervisor.Id, complaint.Id));
        Assert.Equal(NotificationKind.SlaWarning, notice.Kind);
        Assert.Contains(complaint.Reference, notice.Text);
        Assert.Equal(ComplaintState.Received, (await _steps.StoredAsync(complaint.Id)).State);
    }

    [Fact]
    public async Task The_warning_of_an_owned_case_goes_to_its_owner()
    {
        StartOnMondayEvening();
        var agent = await app.CreateAgentAsync();
        var owner = await app.CreateAgentAsync("Olive Owner");
        var complaint = await _steps.LogAsync(agent);
        await _steps.SendAsync(agent, new AssignComplaintCommand { ComplaintId = complaint.Id, OwnerId = owner.Id });
        var acknowledge = await ClockAsync(complaint.Id, SlaClockKind.Acknowledge);

        app.Clock.SetUtcNow(acknowledge.WarnAt!.Value);
        await app.SweepAsync();

        var notices = await NotificationsAsync(owner.Id, complaint.Id);
        Assert.Equal(NotificationKind.SlaWarning, notices.Last().Kind);
    }

    [Fact]
    public async Task An_acknowledge_breach_escalates_the_case_once_and_starts_the_decision_clock()
    {
        StartOnMondayEvening();
        var agent = await app.CreateAgentAsync();
        var supervisor = await app.CreateSupervisorAsync();
        var complaint = await _steps.LogAsync(agent);
        var acknowledge = await ClockAsync(complaint.Id, SlaClockKind.Acknowledge);

        app.Clock.SetUtcNow(acknowledge.DueAt);
        await app.SweepAsync();
        await app.SweepAsync();

        var breached = await ClockAsync(complaint.Id, SlaClockKind.Acknowledge);
        Assert.Equal(SlaClockState.Breached, breached.State);
        Assert.Equal(acknowledge.DueAt, breached.BreachedAt);
        Assert.Null(breached.StoppedAt); // still owed
        Assert.Null(breached.NextCheckAt);
        // At the deadline the warning point had passed unswept: only the breach fires.
        Assert.Equal([SlaEffect.Breach], (await EffectsAsync(breached.Id)).Select(e => e.Effect));

        var stored = await _steps.StoredAsync(complaint.Id);
        Assert.Equal(ComplaintState.Escalated, stored.State);
        Assert.Equal(1, stored.EscalationLevel);
        Assert.True(stored.Overdue);
        var events = await _steps.EventsAsync(complaint.Id);
        Assert.Single(events, e => e.Kind == TimelineEventKind.SlaBreached && e.Text == "acknowledge");
        var escalated = Assert.Single(events, e => e.Kind == TimelineEventKind.Escalated);
        Assert.Equal("SLA breach: the acknowledge deadline passed", escalated.Text);
        Assert.Null(escalated.ActorId); // the system
        // The escalation tells each supervisor once, with the breach as its reason; no second breach notice.
        var notice = Assert.Single(await NotificationsAsync(supervisor.Id, complaint.Id));
        Assert.Equal(NotificationKind.EscalationRequested, notice.Kind);
        Assert.Contains("SLA breach", notice.Text);

        // Tuesday 12:00 Taipei + 4 business hours (13–17) → Tuesday 17:00 Taipei.
        var decision = await ClockAsync(complaint.Id, SlaClockKind.EscalationDecision);
        Assert.Equal(acknowledge.DueAt, decision.StartedAt);
        Assert.Equal(Week(Utc(3, 9)), decision.DueAt);

        // The supervisor's decision meets the decision clock and, acknowledging the case, ends the overdue acknowledgement.
        await _steps.SendAsync(supervisor, new DecideEscalationCommand { ComplaintId = complaint.Id, Approved = false, Comment = "Call the customer today." });
        Assert.Equal(SlaClockState.Met, (await ClockAsync(complaint.Id, SlaClockKind.EscalationDecision)).State);
        var done = await ClockAsync(complaint.Id, SlaClockKind.Acknowledge);
        Assert.Equal(SlaClockState.Breached, done.State);
        Assert.Equal(app.Clock.GetUtcNow(), done.StoppedAt);
        Assert.False((await _steps.StoredAsync(complaint.Id)).Overdue);
    }

    [Fact]
    public async Task A_resolve_breach_escalates_a_case_being_resolved()
    {
        StartOnMondayEvening();
        var agent = await app.CreateAgentAsync();
        var complaint = await _steps.InStateAsync(ComplaintState.Resolving, agent);
        var resolve = await ClockAsync(complaint.Id, SlaClockKind.Resolve);
        Assert.Equal(SlaClockState.Met, (await ClockAsync(complaint.Id, SlaClockKind.Acknowledge)).State);

        app.Clock.SetUtcNow(resolve.DueAt);
        await app.SweepAsync();

        Assert.Equal([SlaEffect.Breach], (await EffectsAsync(resolve.Id)).Select(e => e.Effect));
        Assert.Equal(SlaClockState.Breached, (await ClockAsync(complaint.Id, SlaClockKind.Resolve)).State);
        var stored = await _steps.StoredAsync(complaint.Id);
        Assert.Equal(ComplaintState.Escalated, stored.State);
        Assert.Contains(await _steps.EventsAsync(complaint.Id), e => e.Kind == TimelineEventKind.Escalated
            && e.Text == "SLA breach: the resolve deadline passed");
    }

    [Fact]
    public async Task A_breach_on_a_case_already_escalated_tells_the_supervisors_without_escalating_again()
    {
        StartOnMondayEvening();
        var agent = await app.CreateAgentAsync();
        var supervisor = await app.CreateSupervisorAsync();
        var complaint = await _steps.LogAsync(agent);
        await _steps.SendAsync(agent, new EscalateComplaintCommand { ComplaintId = complaint.Id, Reason = "Mentions a lawyer." });
        var acknowledge = await ClockAsync(complaint.Id, SlaClockKind.Acknowledge);

        app.Clock.SetUtcNow(acknowledge.DueAt);
        await app.SweepAsync();

        var stored = await _steps.StoredAsync(complaint.Id);
        Assert.Equal(1, stored.EscalationLevel);
        var notices = await NotificationsAsync(supervisor.Id, complaint.Id);
        Assert.Equal([NotificationKind.EscalationRequested, NotificationKind.SlaBreached], notices.Select(n => n.Kind));
    }

    [Fact]
    public async Task An_overdue_escalation_decision_is_reported_to_the_administrators()
    {
        StartOnMondayEvening();
        var agent = await app.CreateAgentAsync();
        var admin = await app.CreateUserAsync("Ada Admin", Roles.Admin);
        var complaint = await _steps.InStateAsync(ComplaintState.Escalated, agent);
        var decision = await ClockAsync(complaint.Id, SlaClockKind.EscalationDecision);

        app.Clock.SetUtcNow(decision.DueAt);
        await app.SweepAsync();

        Assert.Equal(SlaClockState.Breached, (await ClockAsync(complaint.Id, SlaClockKind.EscalationDecision)).State);
        var notice = Assert.Single(await NotificationsAsync(admin.Id, complaint.Id));
        Assert.Equal(NotificationKind.SlaBreached, notice.Kind);
        Assert.Equal(ComplaintState.Escalated, (await _steps.StoredAsync(complaint.Id)).State);
    }

    [Fact]
    public async Task Closing_starts_the_follow_up_which_starts_itself_and_then_closes_as_no_answer()
    {
        StartOnMondayEvening();
        var agent = await app.CreateAgentAsync();
        var complaint = await _steps.InStateAsync(ComplaintState.Closed, agent);
        var closedAt = app.Clock.GetUtcNow();
        var clocks = await ClocksAsync(complaint.Id);
        Assert.All(clocks.Where(c => c.Kind.IsStaffDeadline()), c => Assert.Equal(SlaClockState.Met, c.State));
        var followUp = clocks.Single(c => c.Kind == SlaClockKind.FollowUp);
        Assert.Equal(closedAt.AddHours(24), followUp.DueAt);
        Assert.Null(followUp.WarnAt);

        // Other tests' cases share this database: what each sweep did to this case is read from its rows.
        app.Clock.SetUtcNow(followUp.DueAt.AddMinutes(-1));
        await app.SweepAsync();
        Assert.Equal(ComplaintState.Closed, (await _steps.StoredAsync(complaint.Id)).State);
        app.Clock.SetUtcNow(followUp.DueAt);
        await app.SweepAsync();

        var inFollowUp = await _steps.StoredAsync(complaint.Id);
        Assert.Equal(ComplaintState.FollowUp, inFollowUp.State);
        Assert.Equal(SlaClockState.Met, (await ClockAsync(complaint.Id, SlaClockKind.FollowUp)).State);
        var answer = await ClockAsync(complaint.Id, SlaClockKind.FollowUpAnswer);
        Assert.Equal(followUp.DueAt.AddDays(7), answer.DueAt);

        app.Clock.SetUtcNow(answer.DueAt);
        await app.SweepAsync();
        await app.SweepAsync();
        Assert.Equal([SlaEffect.Due], (await EffectsAsync(answer.Id)).Select(e => e.Effect));

        var closed = await _steps.StoredAsync(complaint.Id);
        Assert.Equal(ComplaintState.Closed, closed.State);
        Assert.True(closed.FollowUpDone);
        var lapsed = await ClockAsync(complaint.Id, SlaClockKind.FollowUpAnswer);
        Assert.Equal(SlaClockState.Breached, lapsed.State);
        var confirmed = (await _steps.EventsAsync(complaint.Id)).Last(e => e.Kind == TimelineEventKind.SatisfactionConfirmed);
        Assert.Equal(SlaSweeper.NoAnswer, confirmed.Text);
        Assert.Null(confirmed.ActorId);
        // No second follow-up after the first was recorded.
        Assert.DoesNotContain(await ClocksAsync(complaint.Id), c => c.IsOpen);
    }

    [Fact]
    public async Task Answering_the_follow_up_meets_the_answer_window()
    {
        StartOnMondayEvening();
        var agent = await app.CreateAgentAsync();
        var complaint = await _steps.InStateAsync(ComplaintState.FollowUp, agent);

        await _steps.SendAsync(agent, new ConfirmSatisfiedCommand { ComplaintId = complaint.Id, Score = 5, Comment = "All good." });

        Assert.Equal(SlaClockState.Met, (await ClockAsync(complaint.Id, SlaClockKind.FollowUpAnswer)).State);
        Assert.Equal(SlaClockState.Met, (await ClockAsync(complaint.Id, SlaClockKind.FollowUp)).State);
        app.Clock.Advance(TimeSpan.FromDays(30));
        await app.SweepAsync();
        Assert.Equal(ComplaintState.Closed, (await _steps.StoredAsync(complaint.Id)).State);
        Assert.DoesNotContain(await _steps.EventsAsync(complaint.Id), e => e.Kind is TimelineEventKind.SlaBreached or TimelineEventKind.SlaWarning);
    }

    [Fact]
    public async Task Reopening_cancels_the_follow_up_timers_and_starts_a_fresh_resolve_clock()
    {
        StartOnMondayEvening();
        var agent = await app.CreateAgentAsync();
        var complaint = await _steps.InStateAsync(ComplaintState.FollowUp, agent);
        app.Clock.Advance(TimeSpan.FromHours(1));
        var reopenedAt = app.Clock.GetUtcNow();

        await _steps.SendAsync(agent, new ReopenComplaintCommand { ComplaintId = complaint.Id, Reason = "Still broken." });

        var clocks = await ClocksAsync(complaint.Id);
        Assert.Equal(SlaClockState.Cancelled, clocks.Single(c => c.Kind == SlaClockKind.FollowUpAnswer).State);
        var resolves = clocks.Where(c => c.Kind == SlaClockKind.Resolve).ToList();
        Assert.Equal(2, resolves.Count);
        Assert.Equal(SlaClockState.Met, resolves[0].State);
        Assert.Equal(SlaClockState.Running, resolves[1].State);
        Assert.Equal(reopenedAt, resolves[1].StartedAt);
        Assert.Equal(resolves[1].DueAt, (await _steps.StoredAsync(complaint.Id)).NextDueAt);
    }

    [Fact]
    public async Task A_critical_case_counts_around_the_clock_and_breaches_an_hour_later_even_on_a_saturday_night()
    {
        var agent = await app.CreateAgentAsync();
        var saturdayNight = Utc(7, 15).AddDays(7 * Math.Max(1, (int)Math.Ceiling((app.Clock.GetUtcNow() - Utc(7, 15)).TotalDays / 7))); // 23:00 Taipei
        app.Clock.SetUtcNow(saturdayNight);
        var command = ComplaintSteps.NewComplaint() with { Severity = Severity.Critical };
        var complaint = await _steps.LogAsync(agent, command);

        var acknowledge = await ClockAsync(complaint.Id, SlaClockKind.Acknowledge);
        Assert.Equal(saturdayNight.AddHours(1), acknowledge.DueAt);
        Assert.Equal(saturdayNight.AddMinutes(45), acknowledge.WarnAt);
        Assert.False(acknowledge.Business);

        app.Clock.SetUtcNow(saturdayNight.AddMinutes(45));
        await app.SweepAsync();
        app.Clock.SetUtcNow(saturdayNight.AddHours(1));
        await app.SweepAsync();

        var fired = await EffectsAsync(acknowledge.Id);
        Assert.Equal([SlaEffect.Warning, SlaEffect.Breach], fired.Select(e => e.Effect).Order());
        Assert.Equal(ComplaintState.Escalated, (await _steps.StoredAsync(complaint.Id)).State);
    }

    [Fact]
    public async Task Acknowledging_in_time_meets_the_clock_and_nothing_fires_for_it_later()
    {
        StartOnMondayEvening();
        var agent = await app.CreateAgentAsync();
        var complaint = await _steps.LogAsync(agent);
        app.Clock.Advance(TimeSpan.FromMinutes(30));

        await _steps.SendAsync(agent, new AcknowledgeComplaintCommand { ComplaintId = complaint.Id });

        var acknowledge = await ClockAsync(complaint.Id, SlaClockKind.Acknowledge);
        Assert.Equal(SlaClockState.Met, acknowledge.State);
        Assert.Equal(app.Clock.GetUtcNow(), acknowledge.StoppedAt);
        Assert.Null(acknowledge.NextCheckAt);
        var resolve = await ClockAsync(complaint.Id, SlaClockKind.Resolve);
        Assert.Equal(resolve.DueAt, (await _steps.StoredAsync(complaint.Id)).NextDueAt);
        app.Clock.SetUtcNow(acknowledge.DueAt.AddHours(1));
        await app.SweepAsync();
        Assert.Empty(await EffectsAsync(acknowledge.Id));
    }
}
