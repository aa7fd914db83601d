using ComplaintDesk.Application.Identity;
using ComplaintDesk.Application.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;

namespace ComplaintDesk.Web.Hosting;

/// <summary>Where the database comes from, and what happens to it at start: migrations, roles, demo data.</summary>
public static class DatabaseStartup
{
    public const string ConnectionName = "ComplaintDesk";
    private const string EmbeddedDatabase = "complaintdesk";

    /// <summary>
    /// With no connection string in Development, start (or take over) the private cluster under .local/ in the
    /// repository, so that `dotnet run` needs nothing else. Anywhere else a missing connection string is an error.
    /// </summary>
    public static async Task<PrivatePostgresCluster?> EnsureDatabaseAsync(WebApplication app)
    {
        if (!string.IsNullOrWhiteSpace(app.Configuration.GetConnectionString(ConnectionName)))
        {
            return null;
        }
        if (!app.Environment.IsDevelopment())
        {
            throw new InvalidOperationException(
                $"No database configured: set ConnectionStrings__{ConnectionName} (e.g. Host=db;Database=complaintdesk;Username=…;Password=…).");
        }
        var root = app.Configuration["EmbeddedPostgres:Directory"]
            ?? Path.GetFullPath(Path.Combine(app.Environment.ContentRootPath, "..", "..", ".local", "postgres"));
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("EmbeddedPostgres");
        var cluster = await PrivatePostgresCluster.StartAsync(new PrivatePostgresOptions(root, Throwaway: false, Port: null), logger);
        await CreateDatabaseIfMissingAsync(cluster, EmbeddedDatabase);
        app.Configuration[$"ConnectionStrings:{ConnectionName}"] = cluster.ConnectionString(EmbeddedDatabase);
        app.Lifetime.ApplicationStopped.Register(() => cluster.StopAsync().GetAwaiter().GetResult());
        return cluster;
    }

    /// <summary>
    /// A fresh production database has no users. Bootstrap__Email and Bootstrap__Password create the first one (all
    /// roles) once; afterwards the variables may be removed. The password never reaches a log.
    /// </summary>
    private static async Task EnsureBootstrapUserAsync(IServiceProvider services)
    {
        var configuration = services.GetRequiredService<IConfiguration>();
        var email = configuration["Bootstrap:Email"];
        var password = configuration["Bootstrap:Password"];
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrEmpty(password))
        {
            return;
        }
        var users = services.GetRequiredService<UserManager<StaffUser>>();
        if (await users.FindByEmailAsync(email) is not null)
        {
            return;
        }
        var user = new StaffUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = configuration["Bootstrap:DisplayName"] ?? "Administrator" };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            throw new InvalidOperationException($"The bootstrap user could not be created: {string.Join(" ", created.Errors.Select(e => e.Description))}");
        }
        await users.AddToRolesAsync(user, Roles.All);
    }

    /// <summary>EF could create it too, but only after logging a frightening error on every first run.</summary>
    private static async Task CreateDatabaseIfMissingAsync(PrivatePostgresCluster cluster, string database)
    {
        await using var connection = new NpgsqlConnection(cluster.ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
        exists.Parameters.AddWithValue("name", database);
        if (await exists.ExecuteScalarAsync() is null)
        {
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", connection);
            await create.ExecuteNonQueryAsync();
        }
    }

    public static async Task MigrateAndSeedAsync(IServiceProvider services, bool seedDemoData, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ComplaintDeskDbContext>();
        // An empty database has no history table; creating it first spares every first run a logged SQL error.
        await db.GetService<IHistoryRepository>().CreateIfNotExistsAsync(cancellationToken);
        // EF takes a database lock while migrating, so instances starting together apply each migration once.
        await db.Database.MigrateAsync(cancellationToken);

        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                var created = await roles.CreateAsync(new IdentityRole(role));
                // Another instance may have created it a moment ago; that is fine.
                if (!created.Succeeded && !await roles.RoleExistsAsync(role))
                {
                    throw new InvalidOperationException($"Could not create role {role}.");
                }
            }
        }
        await EnsureBootstrapUserAsync(scope.ServiceProvider);
        if (seedDemoData)
        {
            await DemoData.SeedAsync(scope.ServiceProvider, cancellationToken);
        }
    }
}
