using System.ComponentModel;
using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ComplaintDesk.Web.Hosting;

/// <summary>Where and how to run a private PostgreSQL cluster.</summary>
/// <param name="RootDirectory">
/// Folder that holds the cluster: <c>data/</c> (the cluster itself), <c>server.log</c>, <c>port</c> (the port chosen,
/// reused on the next start) and, for throwaway clusters, <c>owner.pid</c> (the owning process).
/// </param>
/// <param name="Throwaway">
/// A cluster whose data nobody keeps (tests): initdb runs with <c>--no-sync</c>, the server with fsync, synchronous
/// commit and full-page writes off, and <c>owner.pid</c> records the current process so that
/// <see cref="PrivatePostgresCluster.ReapAbandoned"/> can clean up after a killed run.
/// </param>
/// <param name="Port">A fixed port; when null the port of the previous start is reused if still free, else a free one.</param>
public sealed record PrivatePostgresOptions(string RootDirectory, bool Throwaway, int? Port = null);

/// <summary>No PostgreSQL server binaries (initdb, pg_ctl) could be found on this machine.</summary>
public sealed class PostgresNotFoundException : Exception
{
    public const string DefaultMessage =
        "PostgreSQL server binaries (initdb and pg_ctl) were not found, so no private database cluster can be started. "
        + "Either install PostgreSQL (e.g. `apt-get install postgresql`; set COMPLAINTDESK_PG_BIN to the folder holding "
        + "initdb and pg_ctl if they are somewhere unusual), or start the Docker database with `docker compose up -d db`, "
        + "or point the application at an existing server by setting `ConnectionStrings__ComplaintDesk`.";

    public PostgresNotFoundException()
        : base(DefaultMessage)
    {
    }

    public PostgresNotFoundException(string message)
        : base(message)
    {
    }

    public PostgresNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>
/// A private PostgreSQL cluster run from the local PostgreSQL binaries (no Docker, no system service): used by the
/// web application's Development default and by the integration-test fixture. When the current process is root the
/// PostgreSQL tools run as the <c>postgres</c> user through <c>runuser</c>, because PostgreSQL refuses to run as root.
/// </summary>
public sealed class PrivatePostgresCluster : IAsyncDisposable
{
    public const string BinDirectoryEnvironmentVariable = "COMPLAINTDESK_PG_BIN";

    private const string DataFolderName = "data";
    private const string LogFileName = "server.log";
    private const string PortFileName = "port";
    private const string OwnerFileName = "owner.pid";
    private const string PostgresUser = "postgres";
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(30);

    // Connection settings from the environment must not redirect pg_ctl's readiness probe elsewhere.
    private static readonly string[] ScrubbedEnvironmentVariables =
    [
        "PGDATA", "PGHOST", "PGHOSTADDR", "PGPORT", "PGOPTIONS", "PGSERVICE", "PGSERVICEFILE", "PGSSLMODE",
        "PGREQUIRESSL", "PGTARGETSESSIONATTRS", "PGCONNECT_TIMEOUT", "PGDATABASE", "PGUSER", "PGPASSWORD",
    ];

    private readonly string _binDirectory;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _stopLock = new(1, 1);
    private bool _stopped;

    private PrivatePostgresCluster(string rootDirectory, string binDirectory, int port, bool adopted, ILogger logger)
    {
        RootDirectory = rootDirectory;
        DataDirectory = Path.Combine(rootDirectory, DataFolderName);
        _binDirectory = binDirectory;
        Port = port;
        Adopted = adopted;
        _logger = logger;
    }

    public int Port { get; }

    public string RootDirectory { get; }

    public string DataDirectory { get; }

    /// <summary>True when a cluster that was already running (left by a crashed run) was taken over instead of started.</summary>
    public bool Adopted { get; }

    public string LogFile => Path.Combine(RootDirectory, LogFileName);

    private static bool RunningAsRoot { get; } = DetectRoot();

    /// <summary>
    /// The folder holding initdb and pg_ctl: <c>COMPLAINTDESK_PG_BIN</c>, else the folder of <c>pg_ctl</c> on PATH,
    /// else <c>pg_config --bindir</c>, else the highest <c>/usr/lib/postgresql/*/bin</c>, else <c>/usr/local/pgsql/bin</c>.
    /// Null when none of them holds both tools.
    /// </summary>
    public static string? FindBinaries()
    {
        foreach (var candidate in BinaryCandidates())
        {
            if (!string.IsNullOrWhiteSpace(candidate) && HasServerTools(candidate))
            {
                return Path.GetFullPath(candidate);
            }
        }

        return null;
    }

    /// <summary>
    /// Starts the cluster under <see cref="PrivatePostgresOptions.RootDirectory"/> (running initdb first when it has no
    /// data yet), or adopts it when it is already running, and returns once it accepts TCP connections.
    /// </summary>
    /// <exception cref="PostgresNotFoundException">No PostgreSQL binaries were found.</exception>
    /// <exception cref="InvalidOperationException">A PostgreSQL tool failed; the message holds its output and the server log's tail.</exception>
    public static async Task<PrivatePostgresCluster> StartAsync(
        PrivatePostgresOptions options,
        ILogger logger,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.RootDirectory);

        var bin = FindBinaries() ?? throw new PostgresNotFoundException();
        var root = Path.GetFullPath(options.RootDirectory);
        var data = Path.Combine(root, DataFolderName);
        var logFile = Path.Combine(root, LogFileName);
        var portFile = Path.Combine(root, PortFileName);

        Directory.CreateDirectory(root);
        if (options.Throwaway)
        {
            WriteOwnerFile(root);
        }

        await PrepareOwnershipAsync(root, cancellationToken).ConfigureAwait(false);

        var initialized = File.Exists(Path.Combine(data, "PG_VERSION"));
        if (initialized && await IsRunningAsync(bin, root, data, logger, cancellationToken).ConfigureAwait(false))
        {
            return await AdoptAsync(bin, root, logger, cancellationToken).ConfigureAwait(false);
        }

        if (!initialized)
        {
            await InitializeDataDirectoryAsync(bin, root, data, options.Throwaway, cancellationToken).ConfigureAwait(false);
        }

        var port = ChoosePort(options.Port, portFile);
        await WritePortFileAsync(portFile, port, cancellationToken).ConfigureAwait(false);

        var serverOptions = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"-p {port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=''");
        if (options.Throwaway)
        {
            serverOptions.Append(" -c fsync=off -c synchronous_commit=off -c full_page_writes=off");
        }

        var start = await RunToolAsync(
                bin,
                "pg_ctl",
                ["-D", data, "-l", logFile, "-w", "-t", "60", "-o", serverOptions.ToString(), "start"],
                root,
                cancellationToken)
            .ConfigureAwait(false);
        if (start.ExitCode != 0)
        {
            // Another process may have started the same cluster a moment earlier (e.g. two app instances racing).
            if (await IsRunningAsync(bin, root, data, logger, cancellationToken).ConfigureAwait(false))
            {
                return await AdoptAsync(bin, root, logger, cancellationToken).ConfigureAwait(false);
            }

            throw ToolFailure("pg_ctl start", start, logFile);
        }

        var cluster = new PrivatePostgresCluster(root, bin, port, adopted: false, logger);
        try
        {
            await cluster.WaitForConnectionsAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await cluster.StopAsync().ConfigureAwait(false);
            throw;
        }

        logger.LogInformation(
            "Started a private PostgreSQL cluster on 127.0.0.1:{Port} (data directory {DataDirectory})",
            port,
            data);
        return cluster;
    }

    private static async Task<PrivatePostgresCluster> AdoptAsync(
        string bin,
        string root,
        ILogger logger,
        CancellationToken cancellationToken)
    {
        var data = Path.Combine(root, DataFolderName);
        var portFile = Path.Combine(root, PortFileName);

        // The port file is what this class wrote; postmaster.pid is what the server really uses, should they differ.
        var recordedPort = ReadPortFile(portFile);
        var runningPort = ReadPostmasterPort(data) ?? recordedPort
            ?? throw new InvalidOperationException(
                $"The PostgreSQL cluster in {data} is running, but its port is recorded neither in {portFile} nor in postmaster.pid.");
        if (recordedPort != runningPort)
        {
            await WritePortFileAsync(portFile, runningPort, cancellationToken).ConfigureAwait(false);
        }

        var adopted = new PrivatePostgresCluster(root, bin, runningPort, adopted: true, logger);
        await adopted.WaitForConnectionsAsync(cancellationToken).ConfigureAwait(false);
        logger.LogInformation(
            "Adopted the private PostgreSQL cluster already running on 127.0.0.1:{Port} (data directory {DataDirectory})",
            runningPort,
            data);
        return adopted;
    }

    private static async Task WritePortFileAsync(string portFile, int port, CancellationToken cancellationToken)
    {
        await File.WriteAllTextAsync(portFile, port.ToString(CultureInfo.InvariantCulture), cancellationToken)
            .ConfigureAwait(false);
        if (RunningAsRoot)
        {
            // Keep the whole folder the postgres user's, so that a later run as that user can rewrite it.
            await RunProcessAsync(SystemTool("chown"), [PostgresUser + ":", portFile], Path.GetDirectoryName(portFile)!, cancellationToken)
                .ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Cleans up throwaway clusters of runs that were killed: each folder <c>parentDirectory/prefix*</c> holding an
    /// <c>owner.pid</c> whose process is gone has its postmaster stopped with its own pg_ctl (<c>-m immediate</c>) and is
    /// deleted. Folders without <c>owner.pid</c> and folders whose owner is alive are left alone. Never throws.
    /// </summary>
    public static void ReapAbandoned(string parentDirectory, string prefix, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentException.ThrowIfNullOrEmpty(prefix);

        string[] folders;
        try
        {
            if (!Directory.Exists(parentDirectory))
            {
                return;
            }

            folders = Directory.GetDirectories(parentDirectory, prefix + "*", SearchOption.TopDirectoryOnly);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            logger.LogWarning(ex, "Could not list {ParentDirectory} to reap abandoned PostgreSQL clusters", parentDirectory);
            return;
        }

        foreach (var folder in folders)
        {
            try
            {
                ReapOne(folder, logger);
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Could not reap the abandoned PostgreSQL cluster in {Folder}", folder);
            }
        }
    }

    /// <summary>A connection string for <paramref name="database"/> (user postgres, trust authentication, no password).</summary>
    public string ConnectionString(string database)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(database);
        var builder = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"Host=127.0.0.1;Port={Port};Username={PostgresUser};");
        DbConnectionStringBuilder.AppendKeyValuePair(builder, "Database", database); // quoted when it needs to be
        return builder.ToString();
    }

    /// <summary>Stops the cluster (<c>pg_ctl -m fast stop</c>). Does nothing when it is not running; safe to call twice.</summary>
    public async Task StopAsync()
    {
        await _stopLock.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_stopped)
            {
                return;
            }

            if (!File.Exists(Path.Combine(DataDirectory, "PG_VERSION"))
                || !await IsRunningAsync(_binDirectory, RootDirectory, DataDirectory, _logger, CancellationToken.None).ConfigureAwait(false))
            {
                _stopped = true;
                return;
            }

            var stop = await RunToolAsync(
                    _binDirectory,
                    "pg_ctl",
                    ["-D", DataDirectory, "-m", "fast", "-w", "-t", "60", "stop"],
                    RootDirectory,
                    CancellationToken.None)
                .ConfigureAwait(false);
            if (stop.ExitCode != 0)
            {
                throw ToolFailure("pg_ctl stop", stop, LogFile);
            }

            _stopped = true;
            _logger.LogInformation(
                "Stopped the private PostgreSQL cluster on 127.0.0.1:{Port} (data directory {DataDirectory})",
                Port,
                DataDirectory);
        }
        finally
        {
            _stopLock.Release();
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    private static IEnumerable<string?> BinaryCandidates()
    {
        yield return Environment.GetEnvironmentVariable(BinDirectoryEnvironmentVariable);

        var pgCtl = FindOnPath("pg_ctl");
        if (pgCtl is not null)
        {
            yield return Path.GetDirectoryName(pgCtl);

            // e.g. /usr/local/bin/pg_ctl -> /usr/lib/postgresql/15/bin/pg_ctl
            var target = TryResolveLink(pgCtl);
            if (target is not null)
            {
                yield return Path.GetDirectoryName(target);
            }
        }

        var pgConfig = FindOnPath("pg_config");
        if (pgConfig is not null)
        {
            yield return RunPgConfigBinDir(pgConfig);
        }

        if (Directory.Exists("/usr/lib/postgresql"))
        {
            var versions = Directory.GetDirectories("/usr/lib/postgresql")
                .Select(dir => (dir, version: ParseVersion(Path.GetFileName(dir))))
                .Where(x => x.version is not null)
                .OrderByDescending(x => x.version);
            foreach (var (dir, _) in versions)
            {
                yield return Path.Combine(dir, "bin");
            }
        }

        yield return "/usr/local/pgsql/bin";
    }

    private static Version? ParseVersion(string name) =>
        int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var major)
            ? new Version(major, 0)
            : Version.TryParse(name, out var version) ? version : null;

    private static bool HasServerTools(string directory) =>
        File.Exists(Path.Combine(directory, ExecutableName("initdb")))
        && File.Exists(Path.Combine(directory, ExecutableName("pg_ctl")));

    private static string ExecutableName(string tool) => OperatingSystem.IsWindows() ? tool + ".exe" : tool;

    private static string? FindOnPath(string tool)
    {
        var path = Environment.GetEnvironmentVariable("PATH");
        if (string.IsNullOrEmpty(path))
        {
            return null;
        }

        foreach (var dir in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            try
            {
                var candidate = Path.Combine(dir, ExecutableName(tool));
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
            catch (ArgumentException)
            {
                // A malformed PATH entry: skip it.
            }
        }

        return null;
    }

    /// <summary>A system tool on PATH, else in the usual system folders (runuser lives in /usr/sbin, often not on PATH).</summary>
    private static string SystemTool(string name) =>
        FindOnPath(name)
        ?? new[] { "/usr/sbin", "/sbin", "/usr/bin", "/bin" }.Select(dir => Path.Combine(dir, name)).FirstOrDefault(File.Exists)
        ?? name;

    private static string? TryResolveLink(string path)
    {
        try
        {
            return new FileInfo(path).ResolveLinkTarget(returnFinalTarget: true)?.FullName;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static string? RunPgConfigBinDir(string pgConfig)
    {
        try
        {
            var psi = new ProcessStartInfo(pgConfig, "--bindir")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            using var process = Process.Start(psi);
            if (process is null)
            {
                return null;
            }

            var stderr = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd();
            if (!process.WaitForExit(10_000))
            {
                process.Kill(entireProcessTree: true);
                return null;
            }

            _ = stderr.GetAwaiter().GetResult();
            return process.ExitCode == 0 ? output.Trim() : null;
        }
        catch (Exception ex) when (ex is Win32Exception or InvalidOperationException or IOException)
        {
            return null;
        }
    }

    private static bool DetectRoot()
    {
        if (OperatingSystem.IsWindows())
        {
            return false;
        }

        if (string.Equals(Environment.UserName, "root", StringComparison.Ordinal))
        {
            return true;
        }

        // Effective uid from /proc (Linux); "Uid:" lists real, effective, saved and filesystem uids.
        try
        {
            var uidLine = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("Uid:", StringComparison.Ordinal));
            var fields = uidLine?.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            return fields is { Length: > 2 } && fields[2] == "0";
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static void WriteOwnerFile(string root)
    {
        var pid = Environment.ProcessId;
        var content = pid.ToString(CultureInfo.InvariantCulture) + "\n";
        var startTime = ReadProcessStartTime(pid);
        if (startTime is not null)
        {
            // A second line guards against the owner's pid being reused by an unrelated process later.
            content += startTime + "\n";
        }

        File.WriteAllText(Path.Combine(root, OwnerFileName), content);
    }

    private static async Task PrepareOwnershipAsync(string root, CancellationToken cancellationToken)
    {
        if (!RunningAsRoot)
        {
            return;
        }

        var chown = await RunProcessAsync(SystemTool("chown"), ["-R", PostgresUser + ":", root], root, cancellationToken)
            .ConfigureAwait(false);
        if (chown.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"Could not give {root} to the '{PostgresUser}' user (PostgreSQL refuses to run as root; does the user exist?): "
                + chown.Output);
        }

        // PostgreSQL needs to reach the folder through all its parents; nothing outside it is changed here.
        var probe = await RunProcessAsync(
                SystemTool("runuser"),
                ["-u", PostgresUser, "--", SystemTool("test"), "-w", root, "-a", "-x", root],
                root,
                cancellationToken)
            .ConfigureAwait(false);
        if (probe.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"The '{PostgresUser}' user cannot reach {root}: every parent folder must be searchable by it "
                + $"(mode 755 is enough), or choose a folder elsewhere (e.g. under /tmp). {probe.Output}".TrimEnd());
        }
    }

    private static async Task InitializeDataDirectoryAsync(
        string bin,
        string root,
        string data,
        bool throwaway,
        CancellationToken cancellationToken)
    {
        if (Directory.Exists(data) && Directory.EnumerateFileSystemEntries(data).Any())
        {
            throw new InvalidOperationException(
                $"{data} is not empty but holds no PostgreSQL cluster (no PG_VERSION): an interrupted initdb? Delete the folder and start again.");
        }

        List<string> args = ["-D", data, "-U", PostgresUser, "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8"];
        if (throwaway)
        {
            args.Add("--no-sync");
        }

        var init = await RunToolAsync(bin, "initdb", args, root, cancellationToken).ConfigureAwait(false);
        if (init.ExitCode != 0)
        {
            throw ToolFailure("initdb", init, logFile: null);
        }
    }

    private static int ChoosePort(int? requested, string portFile)
    {
        if (requested is { } fixedPort)
        {
            return fixedPort;
        }

        var previous = ReadPortFile(portFile);
        if (previous is { } p && IsPortFree(p))
        {
            return p;
        }

        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }

    private static bool IsPortFree(int port)
    {
        if (port is <= 0 or > IPEndPoint.MaxPort)
        {
            return false;
        }

        var listener = new TcpListener(IPAddress.Loopback, port);
        try
        {
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
        finally
        {
            listener.Stop();
        }
    }

    private static int? ReadPortFile(string portFile)
    {
        try
        {
            return File.Exists(portFile)
                && int.TryParse(File.ReadAllText(portFile).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var port)
                && port is > 0 and <= IPEndPoint.MaxPort
                    ? port
                    : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    // postmaster.pid: line 1 pid, 2 data directory, 3 start time, 4 port, 5 socket directory, 6 listen address, ...
    private static string[]? ReadPostmasterPid(string data)
    {
        try
        {
            var file = Path.Combine(data, "postmaster.pid");
            return File.Exists(file) ? File.ReadAllLines(file) : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static int? ReadPostmasterPort(string data) =>
        ReadPostmasterPid(data) is { Length: >= 4 } lines
        && int.TryParse(lines[3].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            ? port
            : null;

    private static int? ReadPostmasterProcessId(string data) =>
        ReadPostmasterPid(data) is { Length: >= 1 } lines
        && int.TryParse(lines[0].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
            ? pid
            : null;

    /// <summary>
    /// <c>pg_ctl status</c>, double-checked on Linux: pg_ctl only asks whether the pid in postmaster.pid exists, which is
    /// also true of a killed postmaster that nobody has reaped yet (a zombie: containers whose init reaps slowly) and of
    /// an unrelated process that got the pid later. Such a stale postmaster.pid would make the next start fail
    /// ("lock file already exists"), so it is removed once the process is known not to be a live postgres.
    /// </summary>
    private static async Task<bool> IsRunningAsync(
        string bin,
        string root,
        string data,
        ILogger logger,
        CancellationToken cancellationToken)
    {
        var status = await RunToolAsync(bin, "pg_ctl", ["status", "-D", data], root, cancellationToken).ConfigureAwait(false);
        if (status.ExitCode != 0)
        {
            return false; // 3: not running, 4: no accessible data directory
        }

        if (!OperatingSystem.IsLinux() || ReadPostmasterProcessId(data) is not { } pid)
        {
            return true;
        }

        // A zombie is dead already (only its exit status waits to be collected): no need to wait for its reaping.
        if (ProbeProcess(pid) == ProcessState.LivePostgres)
        {
            return true;
        }

        var stalePid = Path.Combine(data, "postmaster.pid");
        if (ReadPostmasterProcessId(data) == pid)
        {
            File.Delete(stalePid);
            logger.LogWarning(
                "Removed the stale {PidFile}: process {ProcessId} is no longer a running postgres",
                stalePid,
                pid);
        }

        return false;
    }

    private enum ProcessState
    {
        Gone,
        Zombie,
        LivePostgres,
        OtherProcess,
    }

    private static ProcessState ProbeProcess(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var afterName = stat[(stat.LastIndexOf(')') + 1)..].TrimStart();
            if (afterName.Length == 0 || afterName[0] is 'Z' or 'X' or 'x')
            {
                return ProcessState.Zombie;
            }

            var comm = File.ReadAllText($"/proc/{pid}/comm").Trim();
            return comm is "postgres" or "postmaster" ? ProcessState.LivePostgres : ProcessState.OtherProcess;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return ProcessState.Gone;
        }
    }

    private static string? ReadProcessStartTime(int pid)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        try
        {
            // Field 22 (starttime); the fields after the parenthesised command name start at field 3.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return fields.Length > 19 ? fields[19] : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static bool IsOwnerAlive(string ownerFile)
    {
        var lines = File.ReadAllLines(ownerFile);
        if (lines.Length == 0
            || !int.TryParse(lines[0].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
        {
            return false; // unreadable: nobody can claim it
        }

        if (pid == Environment.ProcessId)
        {
            return true;
        }

        if (OperatingSystem.IsLinux())
        {
            var state = ProbeProcess(pid);
            if (state is ProcessState.Gone or ProcessState.Zombie)
            {
                return false;
            }

            var recordedStart = lines.Length > 1 ? lines[1].Trim() : "";
            return recordedStart.Length == 0 || ReadProcessStartTime(pid) is not { } start || start == recordedStart;
        }

        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static void ReapOne(string folder, ILogger logger)
    {
        var ownerFile = Path.Combine(folder, OwnerFileName);
        if (!File.Exists(ownerFile) || IsOwnerAlive(ownerFile))
        {
            return;
        }

        var data = Path.Combine(folder, DataFolderName);
        if (File.Exists(Path.Combine(data, "PG_VERSION")))
        {
            // Stop it with its own pg_ctl: the binaries that started it are named in postmaster.opts.
            var bin = BinDirectoryOf(data) ?? FindBinaries();
            if (bin is null)
            {
                if (File.Exists(Path.Combine(data, "postmaster.pid")))
                {
                    logger.LogWarning(
                        "Left the abandoned PostgreSQL cluster in {Folder} alone: no pg_ctl was found to stop it",
                        folder);
                    return;
                }
            }
            else if (IsRunningAsync(bin, folder, data, logger, CancellationToken.None).GetAwaiter().GetResult())
            {
                var stop = RunToolAsync(
                        bin,
                        "pg_ctl",
                        ["-D", data, "-m", "immediate", "-w", "-t", "60", "stop"],
                        folder,
                        CancellationToken.None)
                    .GetAwaiter()
                    .GetResult();
                if (stop.ExitCode != 0)
                {
                    logger.LogWarning(
                        "Could not stop the abandoned PostgreSQL cluster in {Folder}; left it in place: {Output}",
                        folder,
                        stop.Output);
                    return;
                }
            }
        }

        Directory.Delete(folder, recursive: true);
        logger.LogInformation("Reaped the abandoned PostgreSQL cluster in {Folder} (its owner process is gone)", folder);
    }

    private static string? BinDirectoryOf(string data)
    {
        try
        {
            // postmaster.opts: /usr/lib/postgresql/15/bin/postgres "-D" "/…/data" "-p" "…"
            var optsFile = Path.Combine(data, "postmaster.opts");
            if (!File.Exists(optsFile))
            {
                return null;
            }

            var opts = File.ReadAllText(optsFile).Trim();
            var end = opts.IndexOf(" \"", StringComparison.Ordinal);
            var executable = end < 0 ? opts : opts[..end];
            var dir = Path.GetDirectoryName(executable);
            return dir is not null && Path.IsPathRooted(dir) && HasServerTools(dir) ? dir : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private async Task WaitForConnectionsAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ConnectTimeout);
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port, timeout.Token).ConfigureAwait(false);
                return;
            }
            catch (SocketException)
            {
                // Not listening yet.
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                break;
            }

            try
            {
                await Task.Delay(100, timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                break;
            }
        }

        throw new InvalidOperationException(
            $"The private PostgreSQL cluster in {DataDirectory} did not accept connections on 127.0.0.1:{Port} within "
            + $"{ConnectTimeout.TotalSeconds:0} s.{LogTail(LogFile)}");
    }

    private sealed record ToolResult(int ExitCode, string StandardOutput, string StandardError)
    {
        public string Output => string.Join(
            Environment.NewLine,
            new[] { StandardOutput.Trim(), StandardError.Trim() }.Where(s => s.Length > 0));
    }

    private static InvalidOperationException ToolFailure(string what, ToolResult result, string? logFile) =>
        new($"{what} failed with exit code {result.ExitCode}.{Environment.NewLine}{result.Output}{LogTail(logFile)}");

    private static string LogTail(string? logFile)
    {
        if (logFile is null)
        {
            return "";
        }

        try
        {
            if (!File.Exists(logFile))
            {
                return "";
            }

            var tail = File.ReadLines(logFile).TakeLast(30).ToArray();
            return tail.Length == 0
                ? ""
                : $"{Environment.NewLine}--- last lines of {logFile} ---{Environment.NewLine}{string.Join(Environment.NewLine, tail)}";
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }

    /// <summary>Runs a PostgreSQL tool from <paramref name="bin"/>, as the postgres user when this process is root.</summary>
    private static Task<ToolResult> RunToolAsync(
        string bin,
        string tool,
        IReadOnlyList<string> args,
        string workingDirectory,
        CancellationToken cancellationToken)
    {
        var toolPath = Path.Combine(bin, ExecutableName(tool));
        return RunningAsRoot
            ? RunProcessAsync(SystemTool("runuser"), ["-u", PostgresUser, "--", toolPath, .. args], workingDirectory, cancellationToken)
            : RunProcessAsync(toolPath, args, workingDirectory, cancellationToken);
    }

    private static async Task<ToolResult> RunProcessAsync(
        string fileName,
        IReadOnlyList<string> args,
        string workingDirectory,
        CancellationToken cancellationToken)
    {
        var psi = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var arg in args)
        {
            psi.ArgumentList.Add(arg);
        }

        foreach (var name in ScrubbedEnvironmentVariables)
        {
            psi.Environment.Remove(name);
        }

        Process? process;
        try
        {
            process = Process.Start(psi);
        }
        catch (Win32Exception ex)
        {
            throw new InvalidOperationException($"Could not run {fileName}: {ex.Message}", ex);
        }

        if (process is null)
        {
            throw new InvalidOperationException($"Could not run {fileName}.");
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
            var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
            try
            {
                await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                try
                {
                    process.Kill(entireProcessTree: true);
                }
                catch (InvalidOperationException)
                {
                    // Already gone.
                }

                throw;
            }

            return new ToolResult(
                process.ExitCode,
                await stdout.ConfigureAwait(false),
                await stderr.ConfigureAwait(false));
        }
    }
}
