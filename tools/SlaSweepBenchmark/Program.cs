// The SLA sweeper benchmark (issue 4): sweeps N overdue clocks on valid cases with the real SlaSweeper (1 worker, then
// 3 in parallel) and with a raw-SQL baseline doing the same writes in batches of the same size, each on a fresh copy
// of one prepared database, all in one run on one PostgreSQL. Prints seconds, clocks per second, and how far the
// 3-worker sweep is from the goal (within 5× the raw-SQL time). How to run it and the figures: docs/benchmarks.md.
//
//   dotnet run -c Release --project tools/SlaSweepBenchmark -- [--clocks 100000] [--batch 200] [--repeat 1] [--durable]
//
// The server: BENCH_PG_CONNECTION (a connection string whose user may create databases), else a throwaway private
// cluster under /tmp (fsync off, as the tests run; --durable keeps fsync and synchronous commit on).

using System.Diagnostics;
using System.Globalization;
using ComplaintDesk.Application;
using ComplaintDesk.Application.Common;
using ComplaintDesk.Application.Features.Complaints;
using ComplaintDesk.Application.Features.Sla;
using ComplaintDesk.Application.Identity;
using ComplaintDesk.Application.Persistence;
using ComplaintDesk.Domain.Actors;
using ComplaintDesk.Domain.Categories;
using ComplaintDesk.Domain.Complaints;
using ComplaintDesk.IntegrationTests.Infrastructure;
using ComplaintDesk.Web.Hosting;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

var options = BenchOptions.Parse(args);
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
Console.WriteLine($"SLA sweep benchmark: {options.Clocks:N0} overdue clocks, batches of {options.Batch}, {options.Repeat} run(s) each");
Console.WriteLine($"machine: {Environment.ProcessorCount} logical CPUs, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024):0.0} GiB memory, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}");

await using var server = await BenchServer.StartAsync(options.Durable);
Console.WriteLine($"server: {server.Description}");

var prepared = Stopwatch.StartNew();
var world = await World.PrepareAsync(server, options);
Console.WriteLine($"prepared {options.Clocks:N0} cases with one overdue clock each in {prepared.Elapsed.TotalSeconds:0.0} s (template database {world.Template})");

try
{
    // Warm-up, not timed: JIT (up to its optimised tier), EF's model and query caches, the server's caches — as in an
    // instance that has been running. At least 20 raw batches and 60 sweeper batches, on scratch copies.
    for (var (rawLeft, sweeperLeft) = (20, 60); rawLeft > 0 || sweeperLeft > 0;)
    {
        var warmDatabase = await server.CopyAsync(world.Template);
        try
        {
            var warm = server.ConnectionString(warmDatabase);
            if (rawLeft > 0)
            {
                rawLeft -= Batches(await RawSweep.RunAsync(warm, world, options.Batch, maxBatches: rawLeft));
            }
            else
            {
                sweeperLeft -= Batches(await SweeperRun.RunAsync(warm, world, options.Batch, workers: 3, maxBatches: (sweeperLeft + 2) / 3));
            }
        }
        finally
        {
            await server.DropAsync(warmDatabase);
        }
    }
    int Batches(int clocks) => Math.Max(1, (clocks + options.Batch - 1) / options.Batch);

    var runs = new List<(string Name, double Seconds, double? Cpu)>();
    var variants = new (string Name, Func<string, Task<int>> Sweep)[]
    {
        ("raw SQL", cs => RawSweep.RunAsync(cs, world, options.Batch)),
        ("SlaSweeper, 1 worker", cs => SweeperRun.RunAsync(cs, world, options.Batch, workers: 1)),
        ("SlaSweeper, 3 workers", cs => SweeperRun.RunAsync(cs, world, options.Batch, workers: 3)),
    };
    for (var repeat = 0; repeat < options.Repeat; repeat++)
    {
        foreach (var (name, sweep) in variants)
        {
            var database = await server.CopyAsync(world.Template);
            try
            {
                var connectionString = server.ConnectionString(database);
                await server.CheckpointAsync();
                var serverBefore = await server.ServerCpuAsync();
                var load = LoadAverage();
                var clientBefore = Process.GetCurrentProcess().TotalProcessorTime;
                var watch = Stopwatch.StartNew();
                var swept = await sweep(connectionString);
                watch.Stop();
                var client = (Process.GetCurrentProcess().TotalProcessorTime - clientBefore).TotalSeconds;
                var serverCpu = (await server.ServerCpuAsync() - serverBefore)?.TotalSeconds;
                await world.VerifyAsync(connectionString, swept);
                runs.Add((name, watch.Elapsed.TotalSeconds, client + serverCpu));
                Console.WriteLine($"  {name,-24} {watch.Elapsed.TotalSeconds,8:0.00} s {options.Clocks / watch.Elapsed.TotalSeconds,8:N0} clocks/s"
                    + $"   CPU: client {client:0.0} s + server {(serverCpu is { } cpu ? $"{cpu:0.0} s" : "?")}"
                    + $"   (verified: each clock fired once; load average {load} before, {LoadAverage()} after)");
            }
            finally
            {
                await server.DropAsync(database);
            }
        }
    }

    // The 1-minute load average: other work on the machine slows every run, and shows here.
    static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";

    double? Median(string name, bool cpu = false)
    {
        var values = runs.Where(r => r.Name == name).Select(r => cpu ? r.Cpu : r.Seconds).ToList();
        if (values.Any(v => v is null))
        {
            return null;
        }
        var sorted = values.Select(v => v!.Value).Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    // CPU: this process's CPU time plus the server's (private cluster only), whatever else the machine was doing.
    var raw = Median("raw SQL")!.Value;
    var rawCpu = Median("raw SQL", cpu: true);
    Console.WriteLine();
    Console.WriteLine($"{(options.Repeat > 1 ? $"median of {options.Repeat}" : ""),-24} {"seconds",8} {"clocks/s",8} {"× raw SQL",10}   {"CPU s",6} {"× raw SQL",10}");
    foreach (var (name, _) in variants)
    {
        var seconds = Median(name)!.Value;
        var cpu = Median(name, cpu: true);
        Console.WriteLine($"{name,-24} {seconds,8:0.00} {options.Clocks / seconds,8:N0} {seconds / raw,10:0.0}   "
            + (cpu is { } c && rawCpu is { } r ? $"{c,6:0.0} {c / r,10:0.0}" : $"{"?",6} {"?",10}"));
    }
    var ratio = Median("SlaSweeper, 3 workers")!.Value / raw;
    Console.WriteLine($"goal: 3 workers within 5× the raw-SQL time — {ratio:0.0}× ({(ratio <= 5 ? "met" : "NOT met")})");
}
finally
{
    // The prepared database too: on a server of your own (BENCH_PG_CONNECTION) nothing is left behind.
    await server.DropAsync(world.Template);
}

/// <summary>Command-line options.</summary>
internal sealed record BenchOptions(int Clocks, int Batch, int Repeat, bool Durable)
{
    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions(100_000, SlaSweeper.DefaultBatchSize, 1, false);
        for (var i = 0; i < args.Length; i++)
        {
            int Next() => i + 1 < args.Length && int.TryParse(args[++i], CultureInfo.InvariantCulture, out var n) && n > 0
                ? n
                : throw new ArgumentException($"{args[i - 1]} needs a positive number.");
            options = args[i] switch
            {
                "--clocks" => options with { Clocks = Next() },
                "--batch" => options with { Batch = Next() },
                "--repeat" => options with { Repeat = Next() },
                "--durable" => options with { Durable = true },
                _ => throw new ArgumentException($"Unknown option {args[i]}. Options: --clocks N, --batch N, --repeat N, --durable."),
            };
        }
        if (options.Clocks < 2)
        {
            throw new ArgumentException("--clocks must be at least 2.");
        }
        return options;
    }
}

/// <summary>The PostgreSQL server: the one named by BENCH_PG_CONNECTION, or a private throwaway cluster.</summary>
internal sealed class BenchServer : IAsyncDisposable
{
    private const string FolderPrefix = "complaintdesk-bench-";
    private readonly string _admin;
    private readonly string _adminUnpooled;
    private readonly PrivatePostgresCluster? _cluster;
    private readonly string? _root;

    private BenchServer(string admin, PrivatePostgresCluster? cluster, string? root, string description)
    {
        _admin = admin;
        // Administrative sessions end when closed, so a run's server CPU time is its own (see ServerCpuAsync).
        _adminUnpooled = new NpgsqlConnectionStringBuilder(admin) { Pooling = false }.ConnectionString;
        _cluster = cluster;
        _root = root;
        Description = description;
    }

    public string Description { get; private set; }

    public static async Task<BenchServer> StartAsync(bool durable)
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("BENCH_PG_CONNECTION");
        BenchServer server;
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            server = new BenchServer(fromEnvironment, null, null, "BENCH_PG_CONNECTION");
        }
        else
        {
            var parent = Directory.Exists("/tmp") ? "/tmp" : Path.GetTempPath();
            PrivatePostgresCluster.ReapAbandoned(parent, FolderPrefix, NullLogger.Instance);
            var root = Path.Combine(parent, FolderPrefix + Guid.NewGuid().ToString("N"));
            var cluster = await PrivatePostgresCluster.StartAsync(new PrivatePostgresOptions(root, Throwaway: !durable), NullLogger.Instance);
            server = new BenchServer(cluster.ConnectionString("postgres"), cluster, root,
                $"private cluster in {root} ({(durable ? "fsync and synchronous commit on" : "throwaway: fsync and synchronous commit off")})");
        }
        await using var connection = new NpgsqlConnection(server._admin);
        await connection.OpenAsync();
        server.Description += $", PostgreSQL {connection.PostgreSqlVersion}";
        return server;
    }

    public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder(_admin) { Database = database }.ConnectionString;

    public async Task<string> CreateAsync(string? template = null)
    {
        var name = "slabench_" + Guid.NewGuid().ToString("N");
        await ExecuteAsync($"CREATE DATABASE \"{name}\"" + (template is null ? "" : $" TEMPLATE \"{template}\""));
        return name;
    }

    /// <summary>A fresh copy of the prepared database (nobody may be connected to it).</summary>
    public Task<string> CopyAsync(string template)
    {
        NpgsqlConnection.ClearAllPools();
        return CreateAsync(template);
    }

    /// <summary>
    /// The CPU time the server's ended processes have used (backends, autovacuum workers), from the postmaster's
    /// children's times in /proc: only for the private cluster, on Linux; null otherwise. It closes this process's
    /// pooled connections first and waits until their backends are gone, so all of a run's server work is counted.
    /// </summary>
    public async Task<TimeSpan?> ServerCpuAsync()
    {
        var pidFile = _cluster is null ? null : Path.Combine(_cluster.DataDirectory, "postmaster.pid");
        if (pidFile is null || !File.Exists(pidFile) || !Directory.Exists("/proc"))
        {
            return null;
        }
        NpgsqlConnection.ClearAllPools();
        await using (var connection = new NpgsqlConnection(_adminUnpooled))
        {
            await connection.OpenAsync();
            for (var attempt = 0; attempt < 200; attempt++)
            {
                await using var command = new NpgsqlCommand(
                    "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()", connection);
                if ((long)(await command.ExecuteScalarAsync())! == 0)
                {
                    break;
                }
                await Task.Delay(50);
            }
        }
        await Task.Delay(200); // the postmaster reaps its ended children
        var pid = File.ReadLines(pidFile).First().Trim();
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        // After "pid (comm) ": state, ppid, …; utime, stime, cutime, cstime are fields 14–17 (here 11–14), in 1/100 s.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = Enumerable.Range(11, 4).Sum(i => long.Parse(fields[i], CultureInfo.InvariantCulture));
        return TimeSpan.FromSeconds(ticks / 100.0);
    }

    /// <summary>Dirty buffers written out before a timed run, not during it.</summary>
    public Task CheckpointAsync() => ExecuteAsync("CHECKPOINT");

    public async Task DropAsync(string database)
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_adminUnpooled);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
        if (_root is not null && Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}

/// <summary>A settable clock: the sweeper's injected TimeProvider, as the tests drive it.</summary>
internal sealed class BenchClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}

/// <summary>The signed-in actor of the commands that make the prototype cases.</summary>
internal sealed class BenchActor : ICurrentActor
{
    public Actor Actor { get; set; } = Actor.System;
}

/// <summary>
/// The prepared database: staff (an agent, two supervisors, an administrator), half the cases in Resolving with their
/// resolve deadline passed, half Received with their acknowledge deadline passed — each made the app's way once and
/// copied in bulk SQL — and the moment of the sweep. Every case has exactly one clock due: its breach escalates it.
/// </summary>
internal sealed class World
{
    /// <summary>Monday 2 November 2026, 17:00 in Taipei; the seeded Medium cell: acknowledge 8, resolve 40 business hours.</summary>
    private static readonly DateTimeOffset Start = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset ReceivedAt = new(2026, 11, 10, 1, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset SweepAt = new(2026, 11, 11, 1, 0, 0, TimeSpan.Zero);

    public required string Template { get; init; }
    public required int Clocks { get; init; }
    public required IReadOnlyList<string> Supervisors { get; init; }

    public static async Task<World> PrepareAsync(BenchServer server, BenchOptions options)
    {
        var template = await server.CreateAsync();
        var connectionString = server.ConnectionString(template);
        var clock = new BenchClock(Start);
        await using (var services = Services(connectionString, clock))
        {
            await using (var scope = services.CreateAsyncScope())
            {
                await scope.ServiceProvider.GetRequiredService<ComplaintDeskDbContext>().Database.MigrateAsync();
                var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
                foreach (var role in Roles.All.Where(r => !roles.Roles.Any(existing => existing.Name == r)))
                {
                    await Check(roles.CreateAsync(new IdentityRole(role)));
                }
            }
            var agent = await UserAsync(services, "Alice Agent", Roles.Agent);
            var supervisors = new[] { await UserAsync(services, "Sue Supervisor", Roles.Supervisor), await UserAsync(services, "Sam Supervisor", Roles.Supervisor) };
            await UserAsync(services, "Ada Admin", Roles.Admin);
            var agentActor = new Actor(agent, "Alice Agent", Party.Agent);

            var resolving = await SendAsync(services, agentActor, NewComplaint());
            await SendAsync(services, agentActor, new AcknowledgeComplaintCommand { ComplaintId = resolving.Id });
            await SendAsync(services, agentActor, new StartResolvingCommand { ComplaintId = resolving.Id });
            clock.Now = ReceivedAt;
            var received = await SendAsync(services, agentActor, NewComplaint());

            var half = options.Clocks / 2;
            await CaseCloner.CloneAsync(connectionString, resolving.Id, half - 1);
            await CaseCloner.CloneAsync(connectionString, received.Id, options.Clocks - half - 1);

            var world = new World { Template = template, Clocks = options.Clocks, Supervisors = supervisors };
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            var due = await ScalarAsync(connection, """SELECT count(*) FROM "SlaClocks" WHERE "NextCheckAt" <= @now""");
            if (due != options.Clocks)
            {
                throw new InvalidOperationException($"Expected {options.Clocks} due clocks, found {due}.");
            }
            await using (var vacuum = new NpgsqlCommand("VACUUM ANALYZE", connection) { CommandTimeout = 0 })
            {
                await vacuum.ExecuteNonQueryAsync();
            }
            return world;
        }
    }

    /// <summary>
    /// The services a web instance gives the sweeper: the application (DbContext, clock keeper, sweeper) and the
    /// notifications interceptor, as Program.cs adds them; Identity only to make the staff.
    /// </summary>
    public static ServiceProvider Services(string connectionString, TimeProvider clock, BenchActor? actor = null)
    {
        var configuration = new ConfigurationBuilder().Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        // Warnings and errors only; a fresh database's first migration check logs a failed query: not news.
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning).AddSimpleConsole()
            .AddFilter("Microsoft.EntityFrameworkCore.Database.Command", LogLevel.None));
        services.AddComplaintDeskApplication(_ => connectionString, LifecycleSettings.Default);
        services.AddNotificationsArea(configuration);
        services.AddSingleton(clock);
        services.AddSingleton<BenchActor>(actor ?? new BenchActor());
        services.AddScoped<ICurrentActor>(provider => provider.GetRequiredService<BenchActor>());
        services.AddIdentityCore<StaffUser>().AddRoles<IdentityRole>().AddEntityFrameworkStores<ComplaintDeskDbContext>();
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    private static LogComplaintCommand NewComplaint() => new()
    {
        Customer = new CustomerInput { Name = "Ann Customer", Email = $"ann.{Guid.NewGuid():N}@example.test" },
        Channel = Channel.Email,
        Category = Category.Codes.ProductQuality,
        Severity = Severity.Medium,
        Subject = "Kettle stopped working",
        Description = "It stopped heating after two days.",
    };

    private static async Task<ComplaintView> SendAsync(ServiceProvider services, Actor actor, ICommand<ComplaintView> command)
    {
        services.GetRequiredService<BenchActor>().Actor = actor;
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(command);
    }

    private static async Task<string> UserAsync(ServiceProvider services, string name, string role)
    {
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var email = $"{name.ToLowerInvariant().Replace(' ', '.')}@bench.example";
        var user = new StaffUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = name };
        await Check(users.CreateAsync(user));
        await Check(users.AddToRoleAsync(user, role));
        return user.Id;
    }

    private static async Task Check(Task<IdentityResult> result)
    {
        var outcome = await result;
        if (!outcome.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", outcome.Errors.Select(e => e.Description)));
        }
    }

    private static async Task<long> ScalarAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("now", SweepAt);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Whatever swept: every clock fired once, every case escalated once, every supervisor told once per case.</summary>
    public async Task VerifyAsync(string connectionString, int swept)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var checks = new (string What, string Sql, long Expected)[]
        {
            ("clocks swept", "SELECT @swept::bigint", Clocks),
            ("effect rows", """SELECT count(*) FROM "SlaClockEffects" WHERE "Effect" = 'Breach'""", Clocks),
            ("clocks still due", """SELECT count(*) FROM "SlaClocks" WHERE "NextCheckAt" <= @now""", 0),
            ("breached clocks", """SELECT count(*) FROM "SlaClocks" WHERE "State" = 'Breached'""", Clocks),
            ("escalated cases at level 1", """SELECT count(*) FROM "Complaints" WHERE "State" = 'Escalated' AND "EscalationLevel" = 1""", Clocks),
            ("SlaBreached events", """SELECT count(*) FROM "TimelineEvents" WHERE "Kind" = 'SlaBreached'""", Clocks),
            ("automatic escalations", """SELECT count(*) FROM "TimelineEvents" WHERE "Kind" = 'Escalated' AND "ActorId" IS NULL""", Clocks),
            ("decision clocks", """SELECT count(*) FROM "SlaClocks" WHERE "Kind" = 'EscalationDecision'""", Clocks),
            ("supervisor notifications", """SELECT count(DISTINCT ("UserId", "ComplaintId")) FROM "Notifications" WHERE "Kind" = 'EscalationRequested'""", Clocks * Supervisors.Count),
            ("all notifications", """SELECT count(*) FROM "Notifications" WHERE "CreatedAt" = @now""", Clocks * Supervisors.Count),
        };
        foreach (var (what, sql, expected) in checks)
        {
            await using var command = new NpgsqlCommand(sql, connection);
            command.Parameters.AddWithValue("now", SweepAt);
            command.Parameters.AddWithValue("swept", (long)swept);
            var actual = (long)(await command.ExecuteScalarAsync())!;
            if (actual != expected)
            {
                throw new InvalidOperationException($"Verification failed: {what} = {actual}, expected {expected}.");
            }
        }
    }
}

/// <summary>The real sweeper, as the background worker runs it: each worker its own scope, DbContext and connection.</summary>
internal static class SweeperRun
{
    public static async Task<int> RunAsync(string connectionString, World world, int batch, int workers, int? maxBatches = null)
    {
        await using var services = World.Services(connectionString, new BenchClock(World.SweepAt));
        // Warm up outside the timing: the EF model and the first connection, as in a running instance.
        await using (var warm = services.CreateAsyncScope())
        {
            await warm.ServiceProvider.GetRequiredService<ComplaintDeskDbContext>().SlaPolicies.AnyAsync();
        }
        var swept = await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            await using var scope = services.CreateAsyncScope();
            var sweeper = scope.ServiceProvider.GetRequiredService<SlaSweeper>();
            if (maxBatches is null)
            {
                return await sweeper.SweepAsync(batch);
            }
            var swept = 0;
            for (var i = 0; i < maxBatches; i++)
            {
                swept += await sweeper.SweepBatchAsync(batch);
            }
            return swept;
        })));
        return swept.Sum();
    }
}

/// <summary>
/// The baseline: the same claim and the same writes as the sweeper makes for these breaches, in hand-written set-based
/// SQL, one transaction per batch of the same size — mark the clocks breached, record the effects, write the SlaBreached
/// and Escalated events, escalate the cases (state, level, summary; a new xmin), start the decision clocks, notify each
/// supervisor. One worker, two round trips per batch.
/// </summary>
internal static class RawSweep
{
    private const string Claim = """
        SELECT c."Id", c."ComplaintId", c."Kind"
        FROM "SlaClocks" c JOIN "Complaints" p ON p."Id" = c."ComplaintId"
        WHERE c."NextCheckAt" <= @now
        ORDER BY c."NextCheckAt"
        LIMIT @batch
        FOR UPDATE OF c, p SKIP LOCKED
        """;

    private const string Writes = """
        UPDATE "SlaClocks" SET "State" = 'Breached', "BreachedAt" = "DueAt", "NextCheckAt" = NULL WHERE "Id" = ANY(@clocks);
        INSERT INTO "SlaClockEffects" ("ClockId", "Effect", "FiredAt") SELECT id, 'Breach', @now FROM unnest(@clocks) id;
        INSERT INTO "TimelineEvents" ("ComplaintId", "At", "ActorId", "ActorName", "Kind", "From", "To", "Text", "Visibility")
        SELECT x.id, @now, NULL, @system, e.kind, e.from_state, e.to_state, e.text, 'Internal'
        FROM unnest(@cases, @kinds) AS x(id, kind) JOIN "Complaints" p ON p."Id" = x.id
        CROSS JOIN LATERAL (VALUES
            (1, 'SlaBreached', NULL::varchar, NULL::varchar, x.kind),
            (2, 'Escalated', p."State", 'Escalated', 'SLA breach: the ' || x.kind || ' deadline passed')) AS e(n, kind, from_state, to_state, text)
        ORDER BY x.id, e.n;
        UPDATE "Complaints" SET "State" = 'Escalated', "EscalationLevel" = "EscalationLevel" + 1, "LastChangedAt" = @now, "Overdue" = TRUE
        WHERE "Id" = ANY(@cases);
        INSERT INTO "SlaClocks" ("ComplaintId", "Kind", "State", "StartedAt", "Allowed", "Business", "CalendarId", "DueAt", "WarnAt", "NextCheckAt")
        SELECT id, 'EscalationDecision', 'Running', @now, interval '8 hours', TRUE, '0193a000-0000-7000-8000-000000000001',
            @now + interval '32 hours', @now + interval '30 hours', @now + interval '30 hours'
        FROM unnest(@cases) id;
        INSERT INTO "Notifications" ("UserId", "Kind", "ComplaintId", "ComplaintReference", "Text", "CreatedAt")
        SELECT s, 'EscalationRequested', p."Id", p."Reference", 'System escalated ' || p."Reference" || ': SLA breach: the deadline passed', @now
        FROM "Complaints" p CROSS JOIN unnest(@supervisors) s WHERE p."Id" = ANY(@cases);
        """;

    public static async Task<int> RunAsync(string connectionString, World world, int batch, int maxBatches = int.MaxValue)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var total = 0;
        while (true)
        {
            await using var transaction = await connection.BeginTransactionAsync();
            var clocks = new List<long>();
            var cases = new List<Guid>();
            var kinds = new List<string>();
            await using (var claim = new NpgsqlCommand(Claim, connection, transaction))
            {
                claim.Parameters.AddWithValue("now", World.SweepAt);
                claim.Parameters.AddWithValue("batch", batch);
                await using var reader = await claim.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    clocks.Add(reader.GetInt64(0));
                    cases.Add(reader.GetGuid(1));
                    kinds.Add(Complaint.SlaKindName(Enum.Parse<ComplaintDesk.Domain.Sla.SlaClockKind>(reader.GetString(2))));
                }
            }
            if (clocks.Count > 0)
            {
                await using var writes = new NpgsqlCommand(Writes, connection, transaction);
                writes.Parameters.AddWithValue("now", World.SweepAt);
                writes.Parameters.AddWithValue("clocks", clocks.ToArray());
                writes.Parameters.AddWithValue("cases", cases.ToArray());
                writes.Parameters.AddWithValue("kinds", kinds.ToArray());
                writes.Parameters.AddWithValue("system", Actor.System.Name);
                writes.Parameters.AddWithValue("supervisors", world.Supervisors.ToArray());
                await writes.ExecuteNonQueryAsync();
            }
            await transaction.CommitAsync();
            total += clocks.Count;
            if (clocks.Count < batch || --maxBatches == 0)
            {
                return total;
            }
        }
    }
}
