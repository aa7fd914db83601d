using ComplaintDesk.Application.Features.Complaints;
using ComplaintDesk.Application.Features.Sla;
using ComplaintDesk.Application.Identity;
using ComplaintDesk.Domain;
using ComplaintDesk.Domain.Actors;
using ComplaintDesk.Domain.Complaints;
using ComplaintDesk.Domain.Sla;
using ComplaintDesk.IntegrationTests.Features.Complaints;
using ComplaintDesk.IntegrationTests.Infrastructure;
using FluentValidation;
using Severity = ComplaintDesk.Domain.Complaints.Severity;

namespace ComplaintDesk.IntegrationTests.Features.Sla;

/// <summary>
/// The at-risk list: open staff deadlines past their warning point or breached, soonest first, paged by keyset. Critical
/// cases run on the seeded "around the clock" calendar time: acknowledge within 1 h (warning at 45 min), resolve within
/// 24 h, decision within 2 h. Tests of this class share a database, so each looks only at its own cases.
/// </summary>
public sealed class AtRiskClocksTests(ComplaintDeskApp app) : IClassFixture<ComplaintDeskApp>
{
    private readonly ComplaintSteps _steps = new(app);

    private Task<ComplaintView> LogCriticalAsync(TestUser agent, string subject) =>
        _steps.LogAsync(agent, ComplaintSteps.NewComplaint(subject) with { Severity = Severity.Critical });

    private async Task<List<AtRiskClock>> AllPagesAsync(TestUser by, int limit)
    {
        var items = new List<AtRiskClock>();
        string? cursor = null;
        do
        {
            var page = await app.SendAsync<AtRiskPage>(by.Actor, new ListAtRiskClocksQuery { Limit = limit, Cursor = cursor });
            Assert.True(page.Items.Count <= limit);
            Assert.True(page.NextCursor is null || page.Items.Count == limit, "A page before the last one is full.");
            items.AddRange(page.Items);
            cursor = page.NextCursor;
        }
        while (cursor is not null);
        return items;
    }

    [Fact]
    public async Task Deadlines_past_their_warning_point_and_breached_ones_are_listed_soonest_first()
    {
        var agent = await app.CreateAgentAsync("Risk Agent");
        var t0 = app.Clock.GetUtcNow();
        var breached = await LogCriticalAsync(agent, "Breaches its acknowledgement");
        await _steps.SendAsync(agent, new AssignComplaintCommand { ComplaintId = breached.Id, OwnerId = agent.Id });
        app.Clock.Advance(TimeSpan.FromMinutes(10));
        var warned = await LogCriticalAsync(agent, "Past its warning point");
        app.Clock.Advance(TimeSpan.FromMinutes(10));
        var acknowledged = await LogCriticalAsync(agent, "Acknowledged in time");
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        await _steps.SendAsync(agent, new AcknowledgeComplaintCommand { ComplaintId = acknowledged.Id });
        var fresh = await LogCriticalAsync(agent, "Logged a moment ago");

        // 60 min after the first: its deadline passes; the second is 5 min past its warning point (55 min).
        app.Clock.Advance(TimeSpan.FromMinutes(35));
        await app.SweepAsync();

        var mine = new[] { breached.Id, warned.Id, acknowledged.Id, fresh.Id };
        var items = (await AllPagesAsync(agent, ListAtRiskClocksQuery.MaxLimit)).Where(i => mine.Contains(i.ComplaintId)).ToList();

        Assert.Equal(
        [
            (breached.Id, SlaClockKind.Acknowledge, t0.AddMinutes(60), SlaClockState.Breached, (DateTimeOffset?)t0.AddMinutes(60)),
            (warned.Id, SlaClockKind.Acknowledge, t0.AddMinutes(70), SlaClockState.Running, null),
        ], items.Select(i => (i.ComplaintId, i.Kind, i.DueAt, i.State, i.BreachedAt)));
        var first = items[0];
        Assert.Equal((breached.Reference, "Breaches its acknowledgement", Severity.Critical, "Risk Agent", (DateTimeOffset?)t0.AddMinutes(45)),
            (first.Reference, first.Subject, first.Severity, first.OwnerName, first.WarnAt));
        Assert.Null(items[1].OwnerName);
        Assert.Equal(t0.AddMinutes(55), items[1].WarnAt);
    }

    [Fact]
    public async Task A_running_deadline_is_at_risk_from_its_warning_point_even_before_a_sweep()
    {
        var agent = await app.CreateAgentAsync();
        var complaint = await LogCriticalAsync(agent, "Warned without a sweeper");

        app.Clock.Advance(TimeSpan.FromMinutes(44));
        Assert.DoesNotContain(await AllPagesAsync(agent, 200), i => i.ComplaintId == complaint.Id);

        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var item = Assert.Single(await AllPagesAsync(agent, 200), i => i.ComplaintId == complaint.Id);
        Assert.Equal((SlaClockKind.Acknowledge, SlaClockState.Running), (item.Kind, item.State));
    }

    [Fact]
    public async Task Pages_follow_each_other_by_deadline_then_clock_without_gaps_or_repeats()
    {
        var agent = await app.CreateAgentAsync();
        var logged = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            logged.Add((await LogCriticalAsync(agent, $"Same instant {i}")).Id); // three deadlines at one instant: the clock id orders them
        }
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        for (var i = 0; i < 2; i++)
        {
            logged.Add((await LogCriticalAsync(agent, $"Five minutes later {i}")).Id);
        }
        app.Clock.Advance(TimeSpan.FromMinutes(45));

        var all = await AllPagesAsync(agent, ListAtRiskClocksQuery.MaxLimit);
        var paged = await AllPagesAsync(agent, 2);

        Assert.Equal(all, paged);
        Assert.Equal(all.Count, all.Distinct().Count());
        Assert.Equal(all.Select(i => i.DueAt).Order(), all.Select(i => i.DueAt));
        Assert.Equal(logged, paged.Where(i => logged.Contains(i.ComplaintId)).Select(i => i.ComplaintId));
    }

    [Fact]
    public async Task A_page_holds_fifty_by_default_and_the_limit_and_cursor_are_checked()
    {
        var agent = await app.CreateAgentAsync();

        var page = await app.SendAsync<AtRiskPage>(agent.Actor, new ListAtRiskClocksQuery());

        Assert.True(page.Items.Count <= ListAtRiskClocksQuery.DefaultLimit);
        foreach (var limit in new[] { 0, -1, ListAtRiskClocksQuery.MaxLimit + 1 })
        {
            var refusal = await Assert.ThrowsAsync<ValidationException>(() =>
                app.SendAsync<AtRiskPage>(agent.Actor, new ListAtRiskClocksQuery { Limit = limit }));
            Assert.Contains(refusal.Errors, e => e.PropertyName == nameof(ListAtRiskClocksQuery.Limit));
        }
        foreach (var cursor in new[] { "not-a-cursor", "bl9fMTIz", Convert.ToBase64String("r_abc_1"u8.ToArray()) })
        {
            var refusal = await Assert.ThrowsAsync<ValidationException>(() =>
                app.SendAsync<AtRiskPage>(agent.Actor, new ListAtRiskClocksQuery { Cursor = cursor }));
            Assert.Contains(refusal.Errors, e => e.PropertyName == nameof(ListAtRiskClocksQuery.Cursor));
        }
    }

    [Fact]
    public async Task Every_staff_role_may_read_it_and_no_one_else()
    {
        var admin = await app.CreateUserAsync("Ada Admin", Roles.Admin);
        var supervisor = await app.CreateSupervisorAsync();

        await app.SendAsync<AtRiskPage>(admin.Actor, new ListAtRiskClocksQuery());
        await app.SendAsync<AtRiskPage>(supervisor.Actor, new ListAtRiskClocksQuery());
        await Assert.ThrowsAsync<ActionForbiddenException>(() =>
            app.SendAsync<AtRiskPage>(Actor.Customer("Ann"), new ListAtRiskClocksQuery()));
        await Assert.ThrowsAsync<ActionForbiddenException>(() =>
            app.SendAsync<AtRiskPage>(Actor.System, new ListAtRiskClocksQuery()));
    }
}
