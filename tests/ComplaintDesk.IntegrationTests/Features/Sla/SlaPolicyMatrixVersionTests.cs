using System.Diagnostics;
using ComplaintDesk.Application.Common;
using ComplaintDesk.Application.Features.Sla;
using ComplaintDesk.IntegrationTests.Infrastructure;
using FluentValidation;
using Npgsql;
using Severity = ComplaintDesk.Domain.Complaints.Severity;

namespace ComplaintDesk.IntegrationTests.Features.Sla;

/// <summary>
/// The matrix's version: a save from a copy someone else has changed since (a cell added, changed or deleted) is
/// refused and loses nothing, and two saves from one version are serialised so exactly one wins. The tests of this
/// class share a database: each starts from the seeded matrix.
/// </summary>
public sealed class SlaPolicyMatrixVersionTests(ComplaintDeskApp app) : IClassFixture<ComplaintDeskApp>, IAsyncLifetime
{
    private readonly SlaAdminSteps _steps = new(app);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => await _steps.ResetMatrixAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private Task<SlaPoliciesView> ReadAsync(TestUser admin) => app.SendAsync<SlaPoliciesView>(admin.Actor, new GetSlaPoliciesQuery());

    private Task<SlaPoliciesView> SaveAsync(TestUser admin, IEnumerable<SlaPolicyRow> rows, uint? version) =>
        app.SendAsync<SlaPoliciesView>(admin.Actor, new SaveSlaPoliciesCommand { Rows = [.. rows], ExpectedVersion = version });

    private static List<SlaPolicyRow> RowsOf(SlaPoliciesView matrix) => [.. matrix.Rows.Select(SlaAdminSteps.RowOf)];

    private static SlaPolicyRow Override(string category, int acknowledgeHours) => new()
    {
        Severity = Severity.High, Category = category, CalendarId = SlaAdminSteps.OfficeHours,
        AcknowledgeWithin = TimeSpan.FromHours(acknowledgeHours), ResolveWithin = TimeSpan.FromHours(16), DecisionWithin = TimeSpan.FromHours(2),
    };

    [Fact]
    public async Task The_version_stays_while_nothing_changes_and_a_save_answers_the_new_one()
    {
        var admin = await _steps.CreateAdminAsync();
        var first = await ReadAsync(admin);
        var again = await ReadAsync(admin);
        await Assert.ThrowsAsync<ValidationException>(() => SaveAsync(admin, RowsOf(first).Take(3), first.Version));

        var saved = await SaveAsync(admin, [.. RowsOf(first), Override("billing", 2)], first.Version);

        Assert.Equal(first.Version, again.Version);
        Assert.NotEqual(first.Version, saved.Version);
        Assert.Equal(saved.Version, (await ReadAsync(admin)).Version);
    }

    [Fact]
    public async Task A_save_from_a_copy_read_before_another_administrator_added_a_cell_is_refused_and_the_cell_stays()
    {
        var (alice, bob) = (await _steps.CreateAdminAsync("Alice Admin"), await _steps.CreateAdminAsync("Bob Admin"));
        var seen = await ReadAsync(alice);
        await SaveAsync(bob, [.. RowsOf(await ReadAsync(bob)), Override("billing", 2)], null);

        // Alice's copy has no billing row: saved as it is, it would delete Bob's.
        var stale = RowsOf(seen);
        stale[2] = stale[2] with { AcknowledgeWithin = TimeSpan.FromHours(3) };
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => SaveAsync(alice, stale, seen.Version));

        var stored = await _steps.StoredPoliciesAsync();
        Assert.Equal(5, stored.Count);
        Assert.Equal(TimeSpan.FromHours(2), stored.Single(p => p.CategoryCode == "billing").AcknowledgeWithin);
        Assert.Equal(TimeSpan.FromHours(8), stored.Single(p => p.Id == SlaAdminSteps.MediumRow).AcknowledgeWithin);
    }

    [Fact]
    public async Task A_save_over_a_cell_another_administrator_changed_or_deleted_is_refused_and_theirs_stays()
    {
        var (alice, bob) = (await _steps.CreateAdminAsync("Alice Admin"), await _steps.CreateAdminAsync("Bob Admin"));
        var withOverride = await SaveAsync(bob, [.. RowsOf(await ReadAsync(bob)), Override("billing", 2)], null);
        var seen = await ReadAsync(alice);
        Assert.Equal(withOverride.Version, seen.Version);

        // Bob changes the Medium cell: Alice's copy still holds its old value.
        var bobs = RowsOf(seen).Select(r => r.Id == SlaAdminSteps.MediumRow ? r with { WarningPercent = 50 } : r);
        var afterChange = await SaveAsync(bob, bobs, seen.Version);
        var stale = RowsOf(seen).Select(r => r.Id == SlaAdminSteps.CriticalRow ? r with { WarningPercent = 90 } : r);
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => SaveAsync(alice, stale, seen.Version));
        var stored = await _steps.StoredPoliciesAsync();
        Assert.Equal((50, 75), (stored.Single(p => p.Id == SlaAdminSteps.MediumRow).WarningPercent, stored.Single(p => p.Id == SlaAdminSteps.CriticalRow).WarningPercent));

        // Bob deletes the override; Alice's copy from before still has it.
        await SaveAsync(bob, RowsOf(afterChange).Where(r => r.Category is null), afterChange.Version);
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => SaveAsync(alice, RowsOf(afterChange), afterChange.Version));
        Assert.DoesNotContain(await _steps.StoredPoliciesAsync(), p => p.CategoryCode is not null);
    }

    [Fact]
    public async Task Two_saves_from_one_version_at_the_same_moment_are_serialised_and_exactly_one_wins()
    {
        var (alice, bob) = (await _steps.CreateAdminAsync("Alice Admin"), await _steps.CreateAdminAsync("Bob Admin"));
        var seen = await ReadAsync(alice);

        // Hold the matrix lock so both saves are under way, waiting for it, before either reads the matrix.
        await using var holder = new NpgsqlConnection(app.ConnectionString);
        await holder.OpenAsync(Ct);
        await using var hold = await holder.BeginTransactionAsync(Ct);
        await using (var take = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@key)", holder, hold))
        {
            take.Parameters.AddWithValue("key", SaveSlaPoliciesHandler.MatrixLock);
            await take.ExecuteNonQueryAsync(Ct);
        }
        var saves = new[]
        {
            Task.Run(() => SaveAsync(alice, [.. RowsOf(seen), Override("billing", 2)], seen.Version), Ct),
            Task.Run(() => SaveAsync(bob, [.. RowsOf(seen), Override("logistics", 3)], seen.Version), Ct),
        };
        await UntilSessionsWaitForTheMatrixLockAsync(2);
        await hold.CommitAsync(Ct);
        try
        {
            await Task.WhenAll(saves);
        }
        catch (ConcurrencyConflictException)
        {
            // Expected for one of the two; counted below.
        }

        var won = Assert.Single(saves, s => s.IsCompletedSuccessfully);
        var lost = Assert.Single(saves, s => s.IsFaulted);
        Assert.IsType<ConcurrencyConflictException>(lost.Exception!.InnerException);
        var winning = await won;
        var winner = winning.Rows.Single(r => r.Category is not null).Category;
        var stored = await _steps.StoredPoliciesAsync();
        Assert.Equal(5, stored.Count);
        Assert.Equal([winner], stored.Where(p => p.CategoryCode is not null).Select(p => p.CategoryCode));
        Assert.Equal(winning.Version, (await ReadAsync(alice)).Version);
    }

    /// <summary>Polls pg_locks (no sleep) until this many sessions of the test database wait for an advisory lock.</summary>
    private async Task UntilSessionsWaitForTheMatrixLockAsync(int sessions)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(
            """
            SELECT count(*) FROM pg_locks
            WHERE locktype = 'advisory' AND NOT granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
            """, connection);
        var watch = Stopwatch.StartNew();
        while ((long)(await command.ExecuteScalarAsync(Ct))! < sessions)
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), "The saves never started waiting for the matrix lock.");
        }
    }
}
