using ComplaintDesk.Web.Hosting;

using Microsoft.Extensions.Logging.Abstractions;

using Npgsql;

using Testcontainers.PostgreSql;

[assembly: AssemblyFixture(typeof(ComplaintDesk.IntegrationTests.Infrastructure.TestDatabaseServer))]

namespace ComplaintDesk.IntegrationTests.Infrastructure;

/// <summary>
/// The one PostgreSQL server of a test run; each test creates (and drops) its own database on it. Picked in this order:
/// <list type="number">
/// <item>the server named by <c>TEST_PG_CONNECTION</c> (a connection string whose user may create databases);</item>
/// <item>a Testcontainers <c>postgres:17-alpine</c> container, when a Docker engine answers;</item>
/// <item>a throwaway private cluster (<see cref="PrivatePostgresCluster"/>) under <c>/tmp/complaintdesk-test-*</c>.</item>
/// </list>
/// </summary>
public sealed class TestDatabaseServer : IAsyncLifetime
{
    public const string ConnectionVariable = "TEST_PG_CONNECTION";
    public const string ClusterFolderPrefix = "complaintdesk-test-";

    private const string DatabasePrefix = "cdtest_";

    private PostgreSqlContainer? _container;
    private PrivatePostgresCluster? _cluster;
    private string? _clusterRoot;
    private string? _adminConnectionString;

    /// <summary>A connection string to the server's <c>postgres</c> database, as a user that may create databases.</summary>
    public string AdminConnectionString =>
        _adminConnectionString ?? throw new InvalidOperationException("The test database server has not been started.");

    /// <summary>Where the server came from: "env", "testcontainers" or "private cluster".</summary>
    public string Source { get; private set; } = "none";

    /// <summary>Folder holding the temp files of this run's private clusters (/tmp where it exists).</summary>
    public static string TempParent => Directory.Exists("/tmp") ? "/tmp" : Path.GetTempPath();

    public async ValueTask InitializeAsync()
    {
        var cancellationToken = TestContext.Current.CancellationToken;

        try
        {
            var fromEnvironment = Environment.GetEnvironmentVariable(ConnectionVariable);
            if (!string.IsNullOrWhiteSpace(fromEnvironment))
            {
                _adminConnectionString = fromEnvironment;
                Source = "env";
            }
            else if (await TryStartContainerAsync(cancellationToken))
            {
                Source = "testcontainers";
            }
            else
            {
                await StartPrivateClusterAsync(cancellationToken);
                Source = "private cluster";
            }

            // Fail here, once, with a clear message rather than in every test.
            await using var connection = new NpgsqlConnection(AdminConnectionString);
            await connection.OpenAsync(cancellationToken);
            TestContext.Current.SendDiagnosticMessage(
                $"Test database server: {Source} (PostgreSQL {connection.PostgreSqlVersion}, {connection.Host}:{connection.Port})");
        }
        catch
        {
            // Leave no container, postmaster or folder behind when the run cannot start.
            await DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();

        if (_container is not null)
        {
            await _container.DisposeAsync();
            _container = null;
        }

        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
            _cluster = null;
        }

        if (_clusterRoot is not null && Directory.Exists(_clusterRoot))
        {
            Directory.Delete(_clusterRoot, recursive: true);
            _clusterRoot = null;
        }
    }

    /// <summary>
    /// Creates a database with a unique name, from <paramref name="template"/> when given (a database name, or a
    /// connection string naming one; nobody may be connected to it), and returns a connection string to it.
    /// </summary>
    public async Task<string> CreateDatabaseAsync(string? template = null)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var name = DatabasePrefix + Guid.NewGuid().ToString("N");
        var sql = $"CREATE DATABASE {QuoteIdentifier(name)}";

        if (template is not null)
        {
            var templateName = template.Contains('=', StringComparison.Ordinal)
                ? new NpgsqlConnectionStringBuilder(template).Database
                : template;
            if (string.IsNullOrWhiteSpace(templateName))
            {
                throw new ArgumentException("The template names no database.", nameof(template));
            }

            // Idle pooled connections to the template would make CREATE DATABASE fail ("being accessed by other users").
            ClearPool(template.Contains('=', StringComparison.Ordinal) ? template : ConnectionStringFor(templateName));
            sql += $" TEMPLATE {QuoteIdentifier(templateName)}";
        }

        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync(cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var command = new NpgsqlCommand(sql, connection);
                await command.ExecuteNonQueryAsync(cancellationToken);
                break;
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.ObjectInUse && attempt < 20)
            {
                // Another session is briefly connected to the template (e.g. a concurrent CREATE DATABASE): retry.
                await Task.Delay(100 * attempt, cancellationToken);
            }
        }

        return ConnectionStringFor(name);
    }

    /// <summary>Drops the database named by <paramref name="connectionString"/>, closing any connection to it.</summary>
    public async Task DropDatabaseAsync(string connectionString)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        var adminDatabase = new NpgsqlConnectionStringBuilder(AdminConnectionString).Database;
        if (string.IsNullOrWhiteSpace(name)
            || name is "postgres" or "template0" or "template1"
            || string.Equals(name, adminDatabase, StringComparison.Ordinal))
        {
            throw new ArgumentException($"Refusing to drop the database '{name}'.", nameof(connectionString));
        }

        ClearPool(connectionString);
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            $"DROP DATABASE IF EXISTS {QuoteIdentifier(name)} WITH (FORCE)",
            connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = database }.ConnectionString;

    private static void ClearPool(string connectionString)
    {
        using var connection = new NpgsqlConnection(connectionString);
        NpgsqlConnection.ClearPool(connection);
    }

    private static string QuoteIdentifier(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private async Task<bool> TryStartContainerAsync(CancellationToken cancellationToken)
    {
        PostgreSqlContainer? container = null;
        try
        {
            // Build() already throws DockerUnavailableException when no engine answers, so both are inside the try.
            container = new PostgreSqlBuilder("postgres:17-alpine").Build();
            await container.StartAsync(cancellationToken);
            _container = container;
            _adminConnectionString = container.GetConnectionString();
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            TestContext.Current.SendDiagnosticMessage($"Testcontainers unavailable ({ex.GetType().Name}): {ex.Message}");
            if (container is not null)
            {
                try
                {
                    await container.DisposeAsync();
                }
                catch (Exception disposeError)
                {
                    TestContext.Current.SendDiagnosticMessage($"Disposing the failed container: {disposeError.Message}");
                }
            }

            return false;
        }
    }

    private async Task StartPrivateClusterAsync(CancellationToken cancellationToken)
    {
        var logger = NullLogger.Instance;
        PrivatePostgresCluster.ReapAbandoned(TempParent, ClusterFolderPrefix, logger);

        _clusterRoot = Path.Combine(TempParent, ClusterFolderPrefix + Guid.NewGuid().ToString("N"));
        _cluster = await PrivatePostgresCluster.StartAsync(
            new PrivatePostgresOptions(_clusterRoot, Throwaway: true),
            logger,
            cancellationToken);
        _adminConnectionString = _cluster.ConnectionString("postgres");
    }
}
