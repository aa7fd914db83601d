using ComplaintDesk.Application.Features.Complaints;
using ComplaintDesk.Domain.Complaints;
using ComplaintDesk.Domain.Sla;
using ComplaintDesk.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Severity = ComplaintDesk.Domain.Complaints.Severity;

namespace ComplaintDesk.IntegrationTests.Features.Complaints;

/// <summary>
/// An approval may agree a new resolve-by (the resolve clock is replaced by one due then) and raise the case's
/// compensation authority; a decline may do neither.
/// </summary>
public sealed class DecideEscalationDeadlineTests(ComplaintDeskApp app) : IClassFixture<ComplaintDeskApp>
{
    private readonly ComplaintSteps _steps = new(app);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<List<SlaClock>> ResolveClocksAsync(Guid id) =>
        app.QueryDbAsync(db => db.SlaClocks.AsNoTracking().Where(c => c.ComplaintId == id && c.Kind == SlaClockKind.Resolve)
            .OrderBy(c => c.Id).ToListAsync(Ct));

    [Fact]
    public async Task A_new_resolve_by_replaces_the_resolve_clock_with_one_due_then()
    {
        var agent = await app.CreateAgentAsync();
        var supervisor = await app.CreateSupervisorAsync();
        var complaint = await _steps.InStateAsync(ComplaintState.Escalated, agent);
        var policyClock = Assert.Single(await ResolveClocksAsync(complaint.Id));
        app.Clock.Advance(TimeSpan.FromMinutes(30));
        var now = app.Clock.GetUtcNow();
        // Sent as a Taipei wall-clock time: the same instant is kept, stored in UTC.
        var resolveBy = now.AddDays(3).ToOffset(TimeSpan.FromHours(8));

        await _steps.SendAsync(supervisor, new DecideEscalationCommand
        {
            ComplaintId = complaint.Id, Approved = true, Comment = "Resolve within three days.", ResolveBy = resolveBy,
        });

        var stored = await _steps.StoredAsync(complaint.Id);
        Assert.Equal(ComplaintState.Resolving, stored.State);
        Assert.Equal(resolveBy, stored.ResolveBy);
        Assert.Equal(TimeSpan.Zero, stored.ResolveBy!.Value.Offset);
        var clocks = await ResolveClocksAsync(complaint.Id);
        Assert.Equal(2, clocks.Count);
        Assert.Equal((policyClock.Id, SlaClockState.Cancelled, (DateTimeOffset?)now), (clocks[0].Id, clocks[0].State, clocks[0].StoppedAt));
        var replacement = clocks[1];
        Assert.Equal((SlaClockState.Running, resolveBy, now, (DateTimeOffset?)null, false),
            (replacement.State, replacement.DueAt, replacement.StartedAt, replacement.StoppedAt, replacement.Business));
        Assert.Equal(now + TimeSpan.FromDays(3) * 0.75, replacement.WarnAt); // the policy's 75 %, of the agreed time
    }

    [Fact]
    public async Task A_raised_authority_is_kept_with_the_case()
    {
        var agent = await app.CreateAgentAsync();
        var supervisor = await app.CreateSupervisorAsync();
        var complaint = await _steps.InStateAsync(ComplaintState.Escalated, agent);
        var largest = await _steps.InStateAsync(ComplaintState.Escalated, agent);

        await _steps.SendAsync(supervisor, new DecideEscalationCommand
        {
            ComplaintId = complaint.Id, Approved = true, Comment = "Up to 2,500.50 for this one.", RaisedAuthority = 2500.50m,
        });
        await _steps.SendAsync(supervisor, new DecideEscalationCommand
        {
            ComplaintId = largest.Id, Approved = true, Comment = "The most there is.", RaisedAuthority = DecideEscalationCommand.MaxRaisedAuthority,
        });

        var stored = await _steps.StoredAsync(complaint.Id);
        Assert.Equal(2500.50m, stored.RaisedAuthority);
        Assert.Null(stored.ResolveBy);
        Assert.Single(await ResolveClocksAsync(complaint.Id), c => c.State == SlaClockState.Running); // no resolve-by: the policy's clock runs on
        Assert.Equal(10_000_000m, (await _steps.StoredAsync(largest.Id)).RaisedAuthority);
    }

    [Fact]
    public async Task A_breached_resolve_deadline_replaced_by_an_agreed_date_is_no_longer_overdue()
    {
        var agent = await app.CreateAgentAsync();
        var supervisor = await app.CreateSupervisorAsync();
        var complaint = await _steps.LogAsync(agent, ComplaintSteps.NewComplaint("Resolve deadline missed") with { Severity = Severity.Critical });
        await _steps.SendAsync(agent, new AcknowledgeComplaintCommand { ComplaintId = complaint.Id });
        await _steps.SendAsync(agent, new StartResolvingCommand { ComplaintId = complaint.Id });
        app.Clock.Advance(TimeSpan.FromHours(25)); // critical: resolve within 24 h, around the clock
        await app.SweepAsync();
        var breached = await _steps.StoredAsync(complaint.Id);
        Assert.Equal((ComplaintState.Escalated, true), (breached.State, breached.Overdue));
        var resolveBy = app.Clock.GetUtcNow().AddDays(2);

        await _steps.SendAsync(supervisor, new DecideEscalationCommand
        {
            ComplaintId = complaint.Id, Approved = true, Comment = "Two more days, then it must be done.", ResolveBy = resolveBy,
        });

        var stored = await _steps.StoredAsync(complaint.Id);
        Assert.False(stored.Overdue);
        Assert.Equal(resolveBy, stored.NextDueAt);
        var clocks = await ResolveClocksAsync(complaint.Id);
        // The broken promise stays on record as breached; it is only no longer owed.
        Assert.Equal([SlaClockState.Breached, SlaClockState.Running], clocks.Select(c => c.State));
        Assert.NotNull(clocks[0].BreachedAt);
        Assert.NotNull(clocks[0].StoppedAt);
        Assert.Equal(resolveBy, clocks[1].DueAt);
    }

    [Fact]
    public async Task A_resolve_by_that_is_not_in_the_future_is_a_field_error()
    {
        var agent = await app.CreateAgentAsync();
        var supervisor = await app.CreateSupervisorAsync();
        var complaint = await _steps.InStateAsync(ComplaintState.Escalated, agent);

        foreach (var resolveBy in new[] { app.Clock.GetUtcNow(), app.Clock.GetUtcNow().AddMinutes(-1) })
        {
            await _steps.RefusedOnFieldAsync(complaint.Id, nameof(DecideEscalationCommand.ResolveBy), () => _steps.SendAsync(supervisor,
                new DecideEscalationCommand { ComplaintId = complaint.Id, Approved = true, Comment = "Too late.", ResolveBy = resolveBy }));
        }
    }

    [Fact]
    public async Task A_raised_authority_must_be_above_zero_at_most_ten_million_with_two_decimals()
    {
        var agent = await app.CreateAgentAsync();
        var supervisor = await app.CreateSupervisorAsync();
        var complaint = await _steps.InStateAsync(ComplaintState.Escalated, agent);

        foreach (var amount in new[] { 0m, -5m, 10_000_000.01m, 12.345m })
        {
            await _steps.RefusedOnFieldAsync(complaint.Id, nameof(DecideEscalationCommand.RaisedAuthority), () => _steps.SendAsync(supervisor,
                new DecideEscalationCommand { ComplaintId = complaint.Id, Approved = true, Comment = "Raise it.", RaisedAuthority = amount }));
        }
    }

    [Fact]
    public async Task A_decline_changes_neither_the_deadline_nor_the_authority()
    {
        var agent = await app.CreateAgentAsync();
        var supervisor = await app.CreateSupervisorAsync();
        var complaint = await _steps.InStateAsync(ComplaintState.Escalated, agent);

        await _steps.RefusedOnFieldAsync(complaint.Id, nameof(DecideEscalationCommand.ResolveBy), () => _steps.SendAsync(supervisor,
            new DecideEscalationCommand { ComplaintId = complaint.Id, Approved = false, Comment = "No.", ResolveBy = app.Clock.GetUtcNow().AddDays(1) }));
        await _steps.RefusedOnFieldAsync(complaint.Id, nameof(DecideEscalationCommand.RaisedAuthority), () => _steps.SendAsync(supervisor,
            new DecideEscalationCommand { ComplaintId = complaint.Id, Approved = false, Comment = "No.", RaisedAuthority = 100m }));
        Assert.Single(await ResolveClocksAsync(complaint.Id));
    }
}
