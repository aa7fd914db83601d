using System.Net;
using ComplaintDesk.Application.Features.Complaints;
using ComplaintDesk.Application.Identity;
using ComplaintDesk.Domain.Categories;
using ComplaintDesk.Domain.Complaints;
using ComplaintDesk.Domain.Notifications;
using ComplaintDesk.Domain.Sla;
using ComplaintDesk.IntegrationTests.Api;
using ComplaintDesk.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Severity = ComplaintDesk.Domain.Complaints.Severity;

namespace ComplaintDesk.IntegrationTests.Features.Sla;

/// <summary>
/// The sweeper with several app instances on one database: every effect fires exactly once, none is missed, a sweeper
/// killed mid-batch loses and duplicates nothing, and a user's save racing the sweeper on the same case neither
/// deadlocks nor fails with a 500. Each test has its own database; the load is real cases (made through the command
/// layer) copied in bulk SQL (<see cref="CaseCloner"/>), and time is the shared fake clock.
/// Medium severity on the seeded "Office hours" calendar (Asia/Taipei, Mon–Fri 09–12 and 13–18): acknowledge within
/// 8 business hours, resolve within 40, warning at 75 %. The fake clock starts on Monday 2 November 2026, 17:00 in Taipei.
/// </summary>
public sealed class SweeperConcurrencyTests(TestDatabaseServer server)
{
    private const int Batch = 100;
    private static readonly TimeSpan Taipei = TimeSpan.FromHours(8);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Long enough for a slow machine, short enough that a sweeper waiting on a lock fails the test instead of hanging it.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task Three_sweepers_on_three_instances_fire_each_of_10000_breaches_exactly_once()
    {
        await using var desk = await Desk.OpenAsync(server);
        // 5,000 cases in Resolving whose resolve deadline (Monday 9 November, 17:00) has passed…
        var resolving = await desk.ResolvingCasesAsync(5_000);
        // …and 5,000 cases logged on Tuesday 10 November at 09:00, their acknowledge deadline passed at 18:00.
        desk.SetTaipeiTime(2026, 11, 10, 9, 0);
        var received = await desk.ReceivedCasesAsync(5_000);
        var sweepAt = desk.SetTaipeiTime(2026, 11, 11, 9, 0);
        var due = await desk.DueClocksAsync(sweepAt);
        Assert.Equal(10_000, due.Count);

        await using var second = desk.App.AnotherInstance();
        await using var third = desk.App.AnotherInstance();
        var swept = await SweepTogetherAsync(desk.App, second, third);
        TestContext.Current.TestOutputHelper?.WriteLine($"10,000 breaches fired by three sweepers: {string.Join(" + ", swept)}");

        // Each sweeper took part: the three really interleaved on the same rows.
        Assert.True(swept.All(n => n > 0), $"Every sweeper should have fired some effects; they fired {string.Join(", ", swept)}.");
        Assert.Equal(10_000, swept.Sum());
        await desk.AssertBreachedExactlyOnceAsync(due, resolving, received, sweepAt);
        // Sweeping again finds nothing: nothing fires twice.
        Assert.Equal(0, (await SweepTogetherAsync(desk.App, second, third)).Sum());
        await desk.AssertBreachedExactlyOnceAsync(due, resolving, received, sweepAt);
    }

    [Fact]
    public async Task Three_sweepers_warn_once_at_the_warning_point_and_breach_once_at_the_deadline()
    {
        await using var desk = await Desk.OpenAsync(server);
        // Resolving since Monday 17:00: the resolve warning point is Friday 6 November, 15:00; the deadline Monday 9, 17:00.
        var resolving = await desk.ResolvingCasesAsync(1_000);
        // Logged on Friday at 09:00: the acknowledge warning point is 15:00 (6 business hours), the deadline 18:00.
        desk.SetTaipeiTime(2026, 11, 6, 9, 0);
        var received = await desk.ReceivedCasesAsync(1_000);
        var warnAt = desk.SetTaipeiTime(2026, 11, 6, 17, 0);
        var warned = await desk.DueClocksAsync(warnAt);
        Assert.Equal(2_000, warned.Count);

        await using var second = desk.App.AnotherInstance();
        await using var third = desk.App.AnotherInstance();
        var swept = await SweepTogetherAsync(desk.App, second, third);

        Assert.True(swept.All(n => n > 0), $"Every sweeper should have fired some warnings; they fired {string.Join(", ", swept)}.");
        Assert.Equal(2_000, swept.Sum());
        var effects = await desk.EffectsAsync();
        Assert.Equal(warned.Order(), effects.Where(e => e.Effect == SlaEffect.Warning).Select(e => e.ClockId).Order());
        Assert.DoesNotContain(effects, e => e.Effect != SlaEffect.Warning);
        var clocks = await desk.ClocksAsync(warned);
        Assert.All(clocks, c =>
        {
            // Still counting toward its deadline, which is now its next check.
            Assert.Equal(SlaClockState.Running, c.State);
            Assert.Equal(warnAt, c.WarnedAt);
            Assert.Equal(c.DueAt, c.NextCheckAt);
        });
        var cases = resolving.Concat(received).ToList();
        await desk.AssertOneEventEachAsync(TimelineEventKind.SlaWarning, cases);
        var stored = await desk.CasesAsync(cases);
        Assert.All(stored, c => Assert.Equal(0, c.EscalationLevel));
        Assert.Equal(1_000, stored.Count(c => c.State == ComplaintState.Resolving));
        Assert.Equal(1_000, stored.Count(c => c.State == ComplaintState.Received));
        // The owner hears of a warning; a case nobody owns yet warns every supervisor.
        var notices = await desk.NotificationsAsync(warnAt);
        Assert.All(notices, n => Assert.Equal(NotificationKind.SlaWarning, n.Kind));
        AssertOneEach(notices, resolving, [desk.Agent.Id]);
        AssertOneEach(notices, received, desk.Supervisors.Select(s => s.Id).ToList());
        Assert.Empty(await desk.DueClocksAsync(warnAt));

        // Past both deadlines (Tuesday 10 November, 09:00): each clock breaches once, and warns no more.
        var breachAt = desk.SetTaipeiTime(2026, 11, 10, 9, 0);
        Assert.Equal(warned.Order(), (await desk.DueClocksAsync(breachAt)).Order());
        swept = await SweepTogetherAsync(desk.App, second, third);

        Assert.True(swept.All(n => n > 0), $"Every sweeper should have fired some breaches; they fired {string.Join(", ", swept)}.");
        await desk.AssertBreachedExactlyOnceAsync(warned, resolving, received, breachAt);
        effects = await desk.EffectsAsync();
        Assert.Equal(4_000, effects.Count);
        Assert.All(effects.GroupBy(e => e.ClockId), g => Assert.Equal([SlaEffect.Warning, SlaEffect.Breach], g.Select(e => e.Effect).Order()));
        await desk.AssertOneEventEachAsync(TimelineEventKind.SlaWarning, cases);
    }

    [Fact]
    public async Task A_sweeper_killed_mid_batch_loses_nothing_and_duplicates_nothing()
    {
        await using var desk = await Desk.OpenAsync(server);
        var resolving = await desk.ResolvingCasesAsync(1_500);
        desk.SetTaipeiTime(2026, 11, 10, 9, 0);
        var received = await desk.ReceivedCasesAsync(1_500);
        var sweepAt = desk.SetTaipeiTime(2026, 11, 11, 9, 0);
        var due = await desk.DueClocksAsync(sweepAt);
        Assert.Equal(3_000, due.Count);

        // The third instance's session dies in its third batch, after the batch's SQL ran and before its commit.
        var killer = new SweepKiller(killAtBatch: 3);
        await using var second = desk.App.AnotherInstance();
        await using var third = desk.App.AnotherInstance(killer);
        var instances = new[] { desk.App, second, third };
        foreach (var instance in instances)
        {
            _ = instance.Services; // started before the race, so none gets a head start
        }
        var runs = await Task.WhenAll(instances.Select(instance => SettleAsync(Task.Run(() => instance.SweepOnAsync(Batch), Ct))));

        Assert.Null(runs[0].Error);
        Assert.Null(runs[1].Error);
        Assert.True(killer.Killed, "The third sweeper should have been killed in its third batch.");
        Assert.True(runs[2].Error is NpgsqlException || runs[2].Error?.InnerException is NpgsqlException,
            $"The killed sweeper should fail on its lost connection, not with {runs[2].Error}.");
        // The dying batch had written every effect row of its clocks (its own transaction saw them) — and lost them.
        Assert.Equal(Batch, killer.KilledClockIds.Count);
        Assert.Equal(Batch, killer.WrittenBeforeKill);

        // The instance comes back, and every instance sweeps again (the background worker's next pass).
        var again = await SweepTogetherAsync(desk.App, second, third);

        // The killed instance's first two (full) batches committed, though its count died with it; its third batch
        // is counted by whoever claimed it again.
        Assert.Equal(3_000 - 2 * Batch, runs[0].Swept + runs[1].Swept + again.Sum());
        await desk.AssertBreachedExactlyOnceAsync(due, resolving, received, sweepAt);
        // The lost batch's clocks were claimed again: each breached, once.
        var reclaimed = (await desk.EffectsAsync()).Where(e => killer.KilledClockIds.Contains(e.ClockId)).ToList();
        Assert.Equal(killer.KilledClockIds.Order(), reclaimed.Select(e => e.ClockId).Order());
        Assert.All(reclaimed, e => Assert.Equal(SlaEffect.Breach, e.Effect));
    }

    [Fact]
    public async Task The_sweeper_skips_a_case_whose_row_a_user_holds_without_waiting_and_takes_it_on_the_next_sweep()
    {
        await using var desk = await Desk.OpenAsync(server);
        desk.SetTaipeiTime(2026, 11, 10, 9, 0);
        var cases = await desk.ReceivedCasesAsync(5);
        var sweepAt = desk.SetTaipeiTime(2026, 11, 11, 9, 0);
        var held = cases[2];

        // A user's save in flight holds the case row (the lock an UPDATE takes) and has not committed.
        await using (var user = new NpgsqlConnection(desk.App.ConnectionString))
        {
            await user.OpenAsync(Ct);
            await using var transaction = await user.BeginTransactionAsync(Ct);
            await using (var lockRow = new NpgsqlCommand("""SELECT 1 FROM "Complaints" WHERE "Id" = @id FOR NO KEY UPDATE""", user, transaction))
            {
                lockRow.Parameters.AddWithValue("id", held);
                await lockRow.ExecuteScalarAsync(Ct);
            }

            // The sweep does not wait for it: it fires the other four and leaves this one alone.
            Assert.Equal(4, await desk.App.SweepAsync(Batch).WaitAsync(Patience, Ct));
            Assert.Equal(ComplaintState.Received, (await desk.CasesAsync([held])).Single().State);
            Assert.Single(await desk.DueClocksAsync(sweepAt));
            Assert.Equal(4, (await desk.EffectsAsync()).Count);
            await transaction.RollbackAsync(Ct);
        }

        // Released: the next sweep takes it.
        Assert.Equal(1, await desk.App.SweepAsync(Batch));
        await desk.AssertBreachedExactlyOnceAsync(await desk.BreachedClocksAsync(), [], cases, sweepAt);
    }

    /// <summary>
    /// The user's save is at its commit (its statements ran, its row locks are held) when the sweep runs: the sweep
    /// skips the case without waiting, the user's save commits without a conflict, and the next sweep judges the case
    /// as the user left it — an acknowledged case has no acknowledge deadline left to breach; after a note, the
    /// deadline still breaches, on the new version.
    /// </summary>
    [Theory]
    [InlineData("acknowledge")]
    [InlineData("note")]
    public async Task A_user_saving_while_the_sweeper_runs_wins_and_the_next_sweep_judges_the_case_afresh(string action)
    {
        await using var desk = await Desk.OpenAsync(server);
        desk.SetTaipeiTime(2026, 11, 10, 9, 0);
        var id = (await desk.ReceivedCasesAsync(1)).Single();
        var sweepAt = desk.SetTaipeiTime(2026, 11, 11, 9, 0);
        var gate = new CommitGate();
        await using var userInstance = desk.App.AnotherInstance(gate);
        _ = userInstance.Services; // started before the gate is armed

        gate.Arm();
        var save = Task.Run(() => action == "acknowledge"
            ? (Task)userInstance.SendOnAsync<ComplaintView>(desk.Agent.Actor, new AcknowledgeComplaintCommand { ComplaintId = id })
            : userInstance.SendOnAsync<TimelineEntry>(desk.Agent.Actor, new AddNoteCommand
            {
                ComplaintId = id, Body = "Called the customer back.", Visibility = Visibility.Internal,
            }), Ct);
        await gate.Reached.WaitAsync(Patience, Ct);

        Assert.Equal(0, await desk.App.SweepAsync(Batch).WaitAsync(Patience, Ct));
        Assert.False(save.IsCompleted, "The user's save should still be held at its commit.");
        gate.Release();
        await save.WaitAsync(Patience, Ct);

        var next = await desk.App.SweepAsync(Batch);
        var stored = (await desk.CasesAsync([id])).Single();
        var events = await desk.EventsAsync(id);
        if (action == "acknowledge")
        {
            Assert.Equal(0, next);
            Assert.Equal(ComplaintState.Acknowledged, stored.State);
            Assert.Equal(0, stored.EscalationLevel);
            Assert.Empty(await desk.EffectsAsync());
            Assert.DoesNotContain(events, e => e.Kind is TimelineEventKind.SlaBreached or TimelineEventKind.Escalated);
            var acknowledge = (await desk.AllClocksAsync(id)).Single(c => c.Kind == SlaClockKind.Acknowledge);
            Assert.Equal(sweepAt, acknowledge.StoppedAt);
            Assert.Null(acknowledge.NextCheckAt);
        }
        else
        {
            Assert.Equal(1, next);
            Assert.Contains(events, e => e.Kind == TimelineEventKind.Note);
            await desk.AssertBreachedExactlyOnceAsync(await desk.BreachedClocksAsync(), [], [id], sweepAt);
        }
    }

    /// <summary>
    /// The sweeper holds the case (its batch is at its commit) when a user acknowledges it over the API: the user's
    /// save waits for the row, then finds a new version — 409, not a deadlock and not a 500 — and the breach stands.
    /// </summary>
    [Fact]
    public async Task A_user_saving_a_case_the_sweeper_holds_waits_and_gets_409_concurrent_change()
    {
        await using var desk = await Desk.OpenAsync(server);
        desk.SetTaipeiTime(2026, 11, 10, 9, 0);
        var id = (await desk.ReceivedCasesAsync(1)).Single();
        var sweepAt = desk.SetTaipeiTime(2026, 11, 11, 9, 0);
        var gate = new CommitGate();
        await using var sweeperInstance = desk.App.AnotherInstance(gate);
        _ = sweeperInstance.Services;
        var client = await desk.App.ClientForAsync(desk.Agent); // fails the test on any 5xx

        gate.Arm();
        var sweep = Task.Run(() => sweeperInstance.SweepOnAsync(Batch), Ct);
        await gate.Reached.WaitAsync(Patience, Ct);
        var acknowledge = client.PostJsonAsync($"/api/v1/complaints/{id}/acknowledge");
        await desk.App.UntilASessionWaitsOnALockAsync(Patience);
        Assert.False(acknowledge.IsCompleted, "The user's save should wait for the row the sweeper holds.");
        gate.Release();

        Assert.Equal(1, await sweep.WaitAsync(Patience, Ct));
        using var response = await acknowledge.WaitAsync(Patience, Ct);
        await response.AssertProblemAsync(HttpStatusCode.Conflict, "/problems/concurrent-change");
        await desk.AssertBreachedExactlyOnceAsync(await desk.BreachedClocksAsync(), [], [id], sweepAt);
        Assert.DoesNotContain(await desk.EventsAsync(id), e => e.Kind == TimelineEventKind.Acknowledged);
    }

    private static async Task<int[]> SweepTogetherAsync(params WebApplicationFactory<Program>[] instances)
    {
        foreach (var instance in instances)
        {
            _ = instance.Services; // started before the race, so none gets a head start
        }
        return await Task.WhenAll(instances.Select(instance => Task.Run(() => instance.SweepOnAsync(Batch), Ct)));
    }

    private sealed record Settled(int Swept, Exception? Error);

    private static async Task<Settled> SettleAsync(Task<int> sweep)
    {
        try
        {
            return new Settled(await sweep, null);
        }
        catch (Exception ex)
        {
            return new Settled(0, ex);
        }
    }

    private static void AssertOneEach(List<NoticeRow> notices, IReadOnlyList<Guid> cases, IReadOnlyList<string> recipients)
    {
        var caseSet = cases.ToHashSet();
        var forCases = notices.Where(n => caseSet.Contains(n.ComplaintId!.Value)).ToList();
        Assert.Equal(cases.Count * recipients.Count, forCases.Count);
        Assert.Equal(forCases.Count, forCases.Select(n => (n.UserId, n.ComplaintId)).Distinct().Count());
        Assert.Equal(recipients.Order(), forCases.Select(n => n.UserId).Distinct().Order());
    }

    private sealed record NoticeRow(string UserId, NotificationKind Kind, Guid? ComplaintId);

    /// <summary>One test's world: its own database, its staff, its cases, and what the assertions read back.</summary>
    private sealed class Desk : IAsyncDisposable
    {
        private Desk(ComplaintDeskApp app) => App = app;

        public ComplaintDeskApp App { get; }
        public TestUser Agent { get; private set; } = null!;
        public IReadOnlyList<TestUser> Supervisors { get; private set; } = [];

        public static async Task<Desk> OpenAsync(TestDatabaseServer server)
        {
            var app = new ComplaintDeskApp(server);
            await app.InitializeAsync();
            var desk = new Desk(app)
            {
                Agent = await app.CreateAgentAsync(),
                Supervisors = [await app.CreateSupervisorAsync(), await app.CreateSupervisorAsync("Sam Supervisor")],
            };
            // An administrator hears of nothing here: a breach that escalates is the supervisors' news.
            await app.CreateUserAsync("Ada Admin", Roles.Admin);
            return desk;
        }

        public ValueTask DisposeAsync() => App.DisposeAsync();

        public DateTimeOffset SetTaipeiTime(int year, int month, int day, int hour, int minute)
        {
            var at = new DateTimeOffset(year, month, day, hour, minute, 0, Taipei).ToUniversalTime();
            App.Clock.SetUtcNow(at);
            return at;
        }

        /// <summary>A case logged now, then <paramref name="copies"/> − 1 copies of it; returns all their ids.</summary>
        public Task<IReadOnlyList<Guid>> ReceivedCasesAsync(int copies) => CasesLikeAsync(copies, toResolving: false);

        /// <summary>A case logged, acknowledged and taken into resolving by the agent now, and copies; returns all their ids.</summary>
        public Task<IReadOnlyList<Guid>> ResolvingCasesAsync(int copies) => CasesLikeAsync(copies, toResolving: true);

        private async Task<IReadOnlyList<Guid>> CasesLikeAsync(int copies, bool toResolving)
        {
            var prototype = await App.SendAsync<ComplaintView>(Agent.Actor, new LogComplaintCommand
            {
                Customer = new CustomerInput { Name = "Ann Customer", Email = $"ann.{Guid.NewGuid():N}@example.test" },
                Channel = Channel.Email,
                Category = Category.Codes.ProductQuality,
                Severity = Severity.Medium,
                Subject = "Kettle stopped working",
                Description = "It stopped heating after two days.",
            });
            if (toResolving)
            {
                await App.SendAsync<ComplaintView>(Agent.Actor, new AcknowledgeComplaintCommand { ComplaintId = prototype.Id });
                await App.SendAsync<ComplaintView>(Agent.Actor, new StartResolvingCommand { ComplaintId = prototype.Id });
            }
            if (copies == 1)
            {
                return [prototype.Id];
            }
            var clones = await CaseCloner.CloneAsync(App.ConnectionString, prototype.Id, copies - 1, Ct);
            return [prototype.Id, .. clones];
        }

        public Task<List<long>> DueClocksAsync(DateTimeOffset at) =>
            App.QueryDbAsync(db => db.SlaClocks.Where(c => c.NextCheckAt <= at).Select(c => c.Id).ToListAsync(Ct));

        public Task<List<long>> BreachedClocksAsync() =>
            App.QueryDbAsync(db => db.SlaClocks.Where(c => c.State == SlaClockState.Breached).Select(c => c.Id).ToListAsync(Ct));

        public Task<List<SlaClockEffect>> EffectsAsync() =>
            App.QueryDbAsync(db => db.SlaClockEffects.AsNoTracking().ToListAsync(Ct));

        public Task<List<SlaClock>> ClocksAsync(IReadOnlyCollection<long> ids) =>
            App.QueryDbAsync(db => db.SlaClocks.AsNoTracking().Where(c => ids.Contains(c.Id)).ToListAsync(Ct));

        public Task<List<SlaClock>> AllClocksAsync(Guid complaintId) =>
            App.QueryDbAsync(db => db.SlaClocks.AsNoTracking().Where(c => c.ComplaintId == complaintId).ToListAsync(Ct));

        public Task<List<Complaint>> CasesAsync(IReadOnlyCollection<Guid> ids) =>
            App.QueryDbAsync(db => db.Complaints.AsNoTracking().Where(c => ids.Contains(c.Id)).ToListAsync(Ct));

        public Task<List<TimelineEvent>> EventsAsync(Guid id) =>
            App.QueryDbAsync(db => db.TimelineEvents.AsNoTracking().Where(e => e.ComplaintId == id).OrderBy(e => e.Id).ToListAsync(Ct));

        public Task<List<NoticeRow>> NotificationsAsync(DateTimeOffset createdAt) =>
            App.QueryDbAsync(db => db.Notifications.Where(n => n.CreatedAt == createdAt)
                .Select(n => new NoticeRow(n.UserId, n.Kind, n.ComplaintId)).ToListAsync(Ct));

        /// <summary>Each case has exactly one timeline event of <paramref name="kind"/>, and no other case has one.</summary>
        public async Task AssertOneEventEachAsync(TimelineEventKind kind, IReadOnlyCollection<Guid> cases)
        {
            var counts = await App.QueryDbAsync(db => db.TimelineEvents.Where(e => e.Kind == kind)
                .GroupBy(e => e.ComplaintId).Select(g => new { ComplaintId = g.Key, Count = g.Count() }).ToListAsync(Ct));
            Assert.Equal(cases.Order(), counts.Select(c => c.ComplaintId).Order());
            Assert.All(counts, c => Assert.Equal(1, c.Count));
        }

        /// <summary>
        /// Exactly once, for every clock that was due at <paramref name="at"/>: one Breach effect row; the clock
        /// breached at its deadline and out of the sweeper's way; one SlaBreached event and one automatic escalation
        /// per case (level 1, with the breach as its reason); a decision clock started; each supervisor told once per
        /// case — and nothing left due.
        /// </summary>
        public async Task AssertBreachedExactlyOnceAsync(IReadOnlyCollection<long> due, IReadOnlyList<Guid> resolving,
            IReadOnlyList<Guid> received, DateTimeOffset at)
        {
            var cases = resolving.Concat(received).ToList();
            Assert.Equal(cases.Count, due.Count);

            var breaches = (await EffectsAsync()).Where(e => e.Effect == SlaEffect.Breach).ToList();
            Assert.Equal(due.Order(), breaches.Select(e => e.ClockId).Order());
            Assert.All(breaches, e => Assert.Equal(at, e.FiredAt));

            var clocks = await ClocksAsync(due);
            Assert.Equal(cases.Order(), clocks.Select(c => c.ComplaintId).Order());
            Assert.All(clocks, c =>
            {
                Assert.Equal(SlaClockState.Breached, c.State);
                Assert.Equal(c.DueAt, c.BreachedAt);
                Assert.Null(c.NextCheckAt);
            });
            var resolvingSet = resolving.ToHashSet();
            Assert.All(clocks, c => Assert.Equal(resolvingSet.Contains(c.ComplaintId) ? SlaClockKind.Resolve : SlaClockKind.Acknowledge, c.Kind));

            await AssertOneEventEachAsync(TimelineEventKind.SlaBreached, cases);
            await AssertOneEventEachAsync(TimelineEventKind.Escalated, cases);
            var escalations = await App.QueryDbAsync(db => db.TimelineEvents.AsNoTracking()
                .Where(e => e.Kind == TimelineEventKind.Escalated).ToListAsync(Ct));
            Assert.All(escalations, e =>
            {
                Assert.Null(e.ActorId);
                Assert.Equal(at, e.At);
                Assert.Equal(resolvingSet.Contains(e.ComplaintId) ? ComplaintState.Resolving : ComplaintState.Received, e.From);
                Assert.Equal(ComplaintState.Escalated, e.To);
                Assert.Equal(resolvingSet.Contains(e.ComplaintId)
                    ? "SLA breach: the resolve deadline passed"
                    : "SLA breach: the acknowledge deadline passed", e.Text);
            });

            var stored = await CasesAsync(cases);
            Assert.Equal(cases.Count, stored.Count);
            Assert.All(stored, c =>
            {
                Assert.Equal(ComplaintState.Escalated, c.State);
                Assert.Equal(1, c.EscalationLevel);
                Assert.True(c.Overdue);
            });

            var decisions = await App.QueryDbAsync(db => db.SlaClocks.AsNoTracking()
                .Where(c => c.Kind == SlaClockKind.EscalationDecision).ToListAsync(Ct));
            Assert.Equal(cases.Order(), decisions.Select(c => c.ComplaintId).Order());
            Assert.All(decisions, c =>
            {
                Assert.Equal(SlaClockState.Running, c.State);
                Assert.Equal(at, c.StartedAt);
                Assert.True(c.NextCheckAt > at);
            });

            // The escalation tells every supervisor (not the administrator, not the agent); no separate breach notice.
            var notices = await NotificationsAsync(at);
            Assert.All(notices, n => Assert.Equal(NotificationKind.EscalationRequested, n.Kind));
            AssertOneEach(notices, cases, Supervisors.Select(s => s.Id).ToList());

            Assert.Empty(await DueClocksAsync(at));
        }
    }
}
