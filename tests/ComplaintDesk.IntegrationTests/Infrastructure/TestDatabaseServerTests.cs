using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

using ComplaintDesk.Web.Hosting;

using Microsoft.Extensions.Logging.Abstractions;

using Npgsql;

namespace ComplaintDesk.IntegrationTests.Infrastructure;

public sealed class TestDatabaseServerTests(TestDatabaseServer server)
{
    [Fact]
    public async Task Created_database_accepts_connections_and_queries()
    {
        var ct = TestContext.Current.CancellationToken;
        var connectionString = await server.CreateDatabaseAsync();
        try
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(ct);
            Assert.Equal(new NpgsqlConnectionStringBuilder(connectionString).Database, connection.Database);

            Assert.Equal(1, await ScalarAsync<int>(connection, "SELECT 1", ct));
            await ExecuteAsync(connection, "CREATE TABLE note (id int PRIMARY KEY, body text NOT NULL)", ct);
            await ExecuteAsync(connection, "INSERT INTO note VALUES (1, 'a'), (2, 'b'), (3, 'c')", ct);
            Assert.Equal(3L, await ScalarAsync<long>(connection, "SELECT count(*) FROM note", ct));
        }
        finally
        {
            await server.DropDatabaseAsync(connectionString);
        }
    }

    [Fact]
    public async Task Dropped_database_no_longer_exists_even_with_an_open_connection()
    {
        var ct = TestContext.Current.CancellationToken;
        var connectionString = await server.CreateDatabaseAsync();
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database!;

        await using (var open = new NpgsqlConnection(connectionString))
        {
            await open.OpenAsync(ct);
            Assert.True(await DatabaseExistsAsync(name, ct));

            // WITH (FORCE): a connection still open does not block the drop.
            await server.DropDatabaseAsync(connectionString);
        }

        Assert.False(await DatabaseExistsAsync(name, ct));
    }

    [Fact]
    public async Task Database_created_from_a_template_has_the_template_tables()
    {
        var ct = TestContext.Current.CancellationToken;
        var templateConnectionString = await server.CreateDatabaseAsync();
        string? copyConnectionString = null;
        try
        {
            await using (var template = new NpgsqlConnection(templateConnectionString))
            {
                await template.OpenAsync(ct);
                await ExecuteAsync(template, "CREATE TABLE seeded (id int PRIMARY KEY)", ct);
                await ExecuteAsync(template, "INSERT INTO seeded SELECT generate_series(1, 5)", ct);
            }

            var templateName = new NpgsqlConnectionStringBuilder(templateConnectionString).Database!;
            copyConnectionString = await server.CreateDatabaseAsync(templateName);
            Assert.NotEqual(templateName, new NpgsqlConnectionStringBuilder(copyConnectionString).Database);

            await using var copy = new NpgsqlConnection(copyConnectionString);
            await copy.OpenAsync(ct);
            Assert.Equal(5L, await ScalarAsync<long>(copy, "SELECT count(*) FROM seeded", ct));

            // The copy is independent of its template.
            await ExecuteAsync(copy, "DELETE FROM seeded", ct);
            await using var templateAgain = new NpgsqlConnection(templateConnectionString);
            await templateAgain.OpenAsync(ct);
            Assert.Equal(5L, await ScalarAsync<long>(templateAgain, "SELECT count(*) FROM seeded", ct));
        }
        finally
        {
            if (copyConnectionString is not null)
            {
                await server.DropDatabaseAsync(copyConnectionString);
            }

            await server.DropDatabaseAsync(templateConnectionString);
        }
    }

    [Fact]
    public void Source_names_where_the_server_came_from() =>
        Assert.Contains(server.Source, new[] { "env", "testcontainers", "private cluster" });

    private async Task<bool> DatabaseExistsAsync(string name, CancellationToken ct)
    {
        await using var admin = new NpgsqlConnection(server.AdminConnectionString);
        await admin.OpenAsync(ct);
        await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_database WHERE datname = @name", admin);
        command.Parameters.AddWithValue("name", name);
        return (long)(await command.ExecuteScalarAsync(ct))! == 1;
    }

    internal static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(ct);
    }

    internal static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync(ct))!;
    }
}

public sealed class PrivatePostgresClusterTests
{
    [Fact]
    public async Task Starting_a_running_cluster_again_adopts_it()
    {
        var ct = TestContext.Current.CancellationToken;
        Assert.SkipWhen(PrivatePostgresCluster.FindBinaries() is null, "No local PostgreSQL binaries (initdb, pg_ctl).");
        var root = NewRoot();
        try
        {
            var first = await PrivatePostgresCluster.StartAsync(new PrivatePostgresOptions(root, Throwaway: true), NullLogger.Instance, ct);
            Assert.False(first.Adopted);
            Assert.Equal(first.Port.ToString(CultureInfo.InvariantCulture), File.ReadAllText(Path.Combine(root, "port")).Trim());
            Assert.Equal(Environment.ProcessId.ToString(CultureInfo.InvariantCulture), File.ReadLines(Path.Combine(root, "owner.pid")).First());
            var postmasterPid = File.ReadLines(Path.Combine(first.DataDirectory, "postmaster.pid")).First();

            var second = await PrivatePostgresCluster.StartAsync(new PrivatePostgresOptions(root, Throwaway: true), NullLogger.Instance, ct);
            Assert.True(second.Adopted);
            Assert.Equal(first.Port, second.Port);
            Assert.Equal(first.DataDirectory, second.DataDirectory);

            // Still the one postmaster that the first start launched.
            Assert.Equal(postmasterPid, File.ReadLines(Path.Combine(second.DataDirectory, "postmaster.pid")).First());
            if (OperatingSystem.IsLinux())
            {
                Assert.Equal(new[] { postmasterPid }, PostmastersOf(second.DataDirectory));
            }

            await using (var connection = new NpgsqlConnection(second.ConnectionString("postgres")))
            {
                await connection.OpenAsync(ct);
                Assert.Equal(1, await TestDatabaseServerTests.ScalarAsync<int>(connection, "SELECT 1", ct));
            }

            await second.StopAsync();
            Assert.False(File.Exists(Path.Combine(second.DataDirectory, "postmaster.pid")));
            Assert.False(await AcceptsConnectionsAsync(second.Port, ct));

            // Stopping again, through either object, is harmless.
            await second.StopAsync();
            await first.DisposeAsync();
        }
        finally
        {
            StopAndDelete(root);
        }
    }

    [Fact]
    public async Task Restart_reuses_the_recorded_port()
    {
        var ct = TestContext.Current.CancellationToken;
        Assert.SkipWhen(PrivatePostgresCluster.FindBinaries() is null, "No local PostgreSQL binaries (initdb, pg_ctl).");
        var root = NewRoot();
        try
        {
            int port;
            await using (var first = await PrivatePostgresCluster.StartAsync(new PrivatePostgresOptions(root, Throwaway: true), NullLogger.Instance, ct))
            {
                port = first.Port;
            }

            await using var again = await PrivatePostgresCluster.StartAsync(new PrivatePostgresOptions(root, Throwaway: true), NullLogger.Instance, ct);
            Assert.False(again.Adopted);
            Assert.Equal(port, again.Port);
        }
        finally
        {
            StopAndDelete(root);
        }
    }

    [Fact]
    public async Task A_killed_postmaster_leaves_nothing_that_blocks_the_next_start()
    {
        var ct = TestContext.Current.CancellationToken;
        Assert.SkipWhen(PrivatePostgresCluster.FindBinaries() is null, "No local PostgreSQL binaries (initdb, pg_ctl).");
        var root = NewRoot();
        try
        {
            var crashed = await PrivatePostgresCluster.StartAsync(new PrivatePostgresOptions(root, Throwaway: true), NullLogger.Instance, ct);
            var pidFile = Path.Combine(crashed.DataDirectory, "postmaster.pid");
            var postmasterPid = int.Parse(File.ReadLines(pidFile).First(), CultureInfo.InvariantCulture);

            // A crash: the postmaster (started by this test) dies without removing postmaster.pid.
            using (var postmaster = Process.GetProcessById(postmasterPid))
            {
                postmaster.Kill();
            }

            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (await AcceptsConnectionsAsync(crashed.Port, ct) && DateTime.UtcNow < deadline)
            {
                await Task.Delay(50, ct);
            }

            Assert.True(File.Exists(pidFile), "the killed postmaster should have left its postmaster.pid");

            await using var restarted = await PrivatePostgresCluster.StartAsync(new PrivatePostgresOptions(root, Throwaway: true), NullLogger.Instance, ct);
            Assert.False(restarted.Adopted);
            Assert.Equal(crashed.Port, restarted.Port);
            Assert.NotEqual(postmasterPid.ToString(CultureInfo.InvariantCulture), File.ReadLines(pidFile).First());

            await using var connection = new NpgsqlConnection(restarted.ConnectionString("postgres"));
            await connection.OpenAsync(ct);
            Assert.Equal(1, await TestDatabaseServerTests.ScalarAsync<int>(connection, "SELECT 1", ct));
        }
        finally
        {
            StopAndDelete(root);
        }
    }

    [Fact]
    public async Task ReapAbandoned_stops_and_deletes_a_cluster_whose_owner_is_gone()
    {
        var ct = TestContext.Current.CancellationToken;
        Assert.SkipWhen(PrivatePostgresCluster.FindBinaries() is null, "No local PostgreSQL binaries (initdb, pg_ctl).");

        // A prefix of its own keeps this reap away from other runs' clusters; it still starts with the fixture's prefix,
        // so a killed run of this very test is reaped next time.
        var prefix = TestDatabaseServer.ClusterFolderPrefix + "reap-" + Guid.NewGuid().ToString("N");
        var abandonedRoot = Path.Combine(TestDatabaseServer.TempParent, prefix + "-abandoned");
        var ownedRoot = Path.Combine(TestDatabaseServer.TempParent, prefix + "-owned");
        try
        {
            var abandoned = await PrivatePostgresCluster.StartAsync(new PrivatePostgresOptions(abandonedRoot, Throwaway: true), NullLogger.Instance, ct);
            var owned = await PrivatePostgresCluster.StartAsync(new PrivatePostgresOptions(ownedRoot, Throwaway: true), NullLogger.Instance, ct);
            Assert.True(await AcceptsConnectionsAsync(abandoned.Port, ct));

            File.WriteAllText(Path.Combine(abandonedRoot, "owner.pid"), DeadProcessId().ToString(CultureInfo.InvariantCulture));

            PrivatePostgresCluster.ReapAbandoned(TestDatabaseServer.TempParent, prefix, NullLogger.Instance);

            Assert.False(Directory.Exists(abandonedRoot));
            Assert.False(await AcceptsConnectionsAsync(abandoned.Port, ct));

            // A cluster whose owner (this process) is alive is left alone.
            Assert.True(Directory.Exists(ownedRoot));
            Assert.True(await AcceptsConnectionsAsync(owned.Port, ct));

            await abandoned.StopAsync(); // its folder is gone: nothing to do
            await owned.StopAsync();
        }
        finally
        {
            StopAndDelete(abandonedRoot);
            StopAndDelete(ownedRoot);
        }
    }

    private static string NewRoot() =>
        Path.Combine(TestDatabaseServer.TempParent, TestDatabaseServer.ClusterFolderPrefix + "cluster-" + Guid.NewGuid().ToString("N"));

    /// <summary>The pid of a process that has exited (and been reaped).</summary>
    private static int DeadProcessId()
    {
        using var process = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!;
        process.WaitForExit();
        var pid = process.Id;
        Assert.False(Directory.Exists($"/proc/{pid}"), $"pid {pid} should be gone");
        return pid;
    }

    /// <summary>
    /// Pids of the postmasters running on <paramref name="dataDirectory"/>: processes whose command line runs postgres
    /// on it, less those forked by such a process (a child keeps the postmaster's command line until it sets its own
    /// title, e.g. "postgres: checkpointer").
    /// </summary>
    private static string[] PostmastersOf(string dataDirectory)
    {
        var candidates = new Dictionary<string, string>(); // pid -> parent pid
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            var pid = Path.GetFileName(dir);
            if (!int.TryParse(pid, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                continue;
            }

            try
            {
                var args = File.ReadAllText(Path.Combine(dir, "cmdline")).Split('\0', StringSplitOptions.RemoveEmptyEntries);
                if (args.Length > 2 && Path.GetFileName(args[0]) == "postgres"
                    && args.Zip(args.Skip(1)).Any(pair => pair.First == "-D" && pair.Second == dataDirectory))
                {
                    var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                    var fields = stat[(stat.LastIndexOf(')') + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    candidates[pid] = fields[1];
                }
            }
            catch (IOException)
            {
                // The process ended meanwhile.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        return [.. candidates.Where(c => !candidates.ContainsKey(c.Value)).Select(c => c.Key)];
    }

    private static async Task<bool> AcceptsConnectionsAsync(int port, CancellationToken ct)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, port, ct);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>Cleanup that survives a failed assertion: stop whatever runs there (with its own pg_ctl) and delete it.</summary>
    private static void StopAndDelete(string root)
    {
        if (!Directory.Exists(root))
        {
            return;
        }

        // An owner that is certainly gone makes ReapAbandoned stop the cluster and delete the folder.
        File.WriteAllText(Path.Combine(root, "owner.pid"), DeadProcessId().ToString(CultureInfo.InvariantCulture));
        PrivatePostgresCluster.ReapAbandoned(Path.GetDirectoryName(root)!, Path.GetFileName(root), NullLogger.Instance);
    }
}
