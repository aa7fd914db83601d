using ComplaintDesk.Application.Persistence;
using ComplaintDesk.IntegrationTests.Infrastructure;
using ComplaintDesk.Web.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ComplaintDesk.IntegrationTests.Hosting;

/// <summary>Ready means migrated: an instance pointed at an unmigrated or unreachable database must say so.</summary>
public sealed class DatabaseReadyCheckTests(TestDatabaseServer server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_empty_database_is_not_ready_until_the_migrations_are_applied()
    {
        var connectionString = await server.CreateDatabaseAsync();
        try
        {
            await using var db = Context(connectionString);
            var before = await new DatabaseReadyCheck(db).CheckHealthAsync(new HealthCheckContext(), Ct);
            Assert.Equal(HealthStatus.Unhealthy, before.Status);
            Assert.Contains("migration", before.Description);

            await db.Database.MigrateAsync(Ct);
            var after = await new DatabaseReadyCheck(db).CheckHealthAsync(new HealthCheckContext(), Ct);
            Assert.Equal(HealthStatus.Healthy, after.Status);
        }
        finally
        {
            await server.DropDatabaseAsync(connectionString);
        }
    }

    [Fact]
    public async Task A_database_that_does_not_answer_is_not_ready()
    {
        await using var db = Context("Host=127.0.0.1;Port=1;Database=nowhere;Username=nobody;Timeout=2");

        var result = await new DatabaseReadyCheck(db).CheckHealthAsync(new HealthCheckContext(), Ct);

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
    }

    private static ComplaintDeskDbContext Context(string connectionString) =>
        new(new DbContextOptionsBuilder<ComplaintDeskDbContext>().UseNpgsql(connectionString).Options);
}
