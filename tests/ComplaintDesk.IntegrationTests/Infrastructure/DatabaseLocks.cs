using Npgsql;

namespace ComplaintDesk.IntegrationTests.Infrastructure;

/// <summary>What the database's own sessions are doing: how a race test knows the racer reached the held row.</summary>
public static class DatabaseLocks
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>
    /// Until some session of this app's database waits for a row lock (another's save holds the row). Fails the test
    /// after <paramref name="patience"/>: a bound for a slow machine, not a timing the test measures.
    /// </summary>
    public static async Task UntilASessionWaitsOnALockAsync(this ComplaintDeskApp app, TimeSpan patience)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync(Ct);
        using var giveUp = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        giveUp.CancelAfter(patience);
        try
        {
            while (true)
            {
                await using var command = new NpgsqlCommand(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'", connection);
                if ((long)(await command.ExecuteScalarAsync(giveUp.Token))! > 0)
                {
                    return;
                }
                await Task.Delay(10, giveUp.Token);
            }
        }
        catch (OperationCanceledException) when (!Ct.IsCancellationRequested)
        {
            Assert.Fail($"No session started waiting for the row within {patience}.");
        }
    }
}
