using System.Net.Http.Headers;
using System.Net.Http.Json;
using ComplaintDesk.Application.Common;
using ComplaintDesk.Application.Identity;
using ComplaintDesk.Application.Persistence;
using ComplaintDesk.Domain.Actors;
using ComplaintDesk.Web.Identity;
using Mediator;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace ComplaintDesk.IntegrationTests.Infrastructure;

/// <summary>
/// The real app (real DI, real middleware, real PostgreSQL) on a fresh database per test class, cloned from a
/// template that the real migrations built once per run. Time is a <see cref="FakeTimeProvider"/> tests can move.
/// </summary>
public sealed class ComplaintDeskApp(TestDatabaseServer server) : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string Password = "Test-password-123";
    private static readonly SemaphoreSlim TemplateLock = new(1, 1);
    private static string? _template;

    public string ConnectionString { get; private set; } = "";
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero));

    public async ValueTask InitializeAsync()
    {
        ConnectionString = await server.CreateDatabaseAsync(await MigratedTemplateAsync(server));
        _ = Services; // start the host now: migrations check and roles, as in production
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (ConnectionString.Length > 0)
        {
            await server.DropDatabaseAsync(ConnectionString);
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:ComplaintDesk", ConnectionString);
        builder.UseSetting("Database:SeedDemoData", "false");
        // Tests drive the sweeper themselves (SweepAsync), with the fake clock; no background timer races them.
        builder.UseSetting("Sla:Sweeper:Enabled", "false");
        // Every test request comes from one address; the per-address sign-in throttle has its own test.
        builder.UseSetting("SignIn:AttemptsPerMinute", "100000");
        // Likewise for the status link's per-address limit (its own test sets it low).
        builder.UseSetting("StatusLink:RequestsPerMinute", "100000");
        // Links point at the test server; tests deliver the outbox themselves (no background dispatcher).
        builder.UseSetting("StatusLink:BaseUrl", "http://localhost");
        builder.UseSetting("Outbox:Dispatcher:Enabled", "false");
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            services.AddScoped<TestActor>();
            // Slice tests name the actor; HTTP requests use the signed-in user as in production.
            services.AddScoped<ICurrentActor>(provider =>
            {
                var test = provider.GetRequiredService<TestActor>();
                return test.Assigned ? test : ActivatorUtilities.CreateInstance<HttpCurrentActor>(provider);
            });
        });
    }

    /// <summary>Sends a command or query through the app's own pipeline (validation, logging, handler) as <paramref name="actor"/>.</summary>
    public async Task<T> SendAsync<T>(Actor actor, IMessage message)
    {
        await using var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TestActor>().Actor = actor;
        var sender = scope.ServiceProvider.GetRequiredService<ISender>();
        var result = message switch
        {
            ICommand<T> command => await sender.Send(command, TestContext.Current.CancellationToken),
            IQuery<T> query => await sender.Send(query, TestContext.Current.CancellationToken),
            _ => throw new ArgumentException($"{message.GetType().Name} does not answer {typeof(T).Name}."),
        };
        return result;
    }

    /// <summary>One full sweep of the SLA clocks at the fake clock's now, as the background worker would run it; returns the effects fired.</summary>
    public async Task<int> SweepAsync(int batchSize = Application.Features.Sla.SlaSweeper.DefaultBatchSize)
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<Application.Features.Sla.SlaSweeper>()
            .SweepAsync(batchSize, TestContext.Current.CancellationToken);
    }

    public async Task<T> QueryDbAsync<T>(Func<ComplaintDeskDbContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<ComplaintDeskDbContext>());
    }

    /// <summary>A staff user with the given roles; the returned actor is what the app makes of them when they sign in.</summary>
    public async Task<TestUser> CreateUserAsync(string displayName, params string[] roles)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        // Identity user names allow ASCII letters and digits only; a Chinese display name gets a plain address.
        var slug = new string(displayName.ToLowerInvariant().Replace(' ', '.').Where(c => char.IsAsciiLetterOrDigit(c) || c == '.').ToArray()).Trim('.');
        var email = $"{(slug.Length == 0 ? "user" : slug)}.{Guid.NewGuid():N}@test.example";
        var user = new StaffUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = displayName };
        Check(await users.CreateAsync(user, Password));
        foreach (var role in roles)
        {
            Check(await users.AddToRoleAsync(user, role));
        }
        var parties = Party.None;
        if (roles.Contains(Roles.Agent)) parties |= Party.Agent;
        if (roles.Contains(Roles.Supervisor)) parties |= Party.Agent | Party.Supervisor;
        if (roles.Contains(Roles.Admin)) parties |= Party.Admin;
        return new TestUser(user.Id, email, displayName, new Actor(user.Id, displayName, parties));
    }

    public Task<TestUser> CreateAgentAsync(string name = "Alice Agent") => CreateUserAsync(name, Roles.Agent);

    public Task<TestUser> CreateSupervisorAsync(string name = "Sue Supervisor") => CreateUserAsync(name, Roles.Supervisor);

    /// <summary>An API client holding a bearer token obtained through POST /api/v1/auth/token, as an integration would.</summary>
    public async Task<HttpClient> CreateApiClientAsync(TestUser user)
    {
        var client = CreateClient();
        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { email = user.Email, password = Password },
            TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        var token = await response.Content.ReadFromJsonAsync<TokenAnswer>(TestContext.Current.CancellationToken);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token!.AccessToken);
        return client;
    }

    private sealed record TokenAnswer(string AccessToken, long ExpiresIn);

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }

    /// <summary>One database per run migrated by the real migrations; each test class clones it (CREATE DATABASE … TEMPLATE).</summary>
    private static async Task<string> MigratedTemplateAsync(TestDatabaseServer server)
    {
        await TemplateLock.WaitAsync(TestContext.Current.CancellationToken);
        try
        {
            if (_template is null)
            {
                var connectionString = await server.CreateDatabaseAsync();
                var options = new DbContextOptionsBuilder<ComplaintDeskDbContext>().UseNpgsql(connectionString).Options;
                await using (var db = new ComplaintDeskDbContext(options))
                {
                    await db.Database.MigrateAsync(TestContext.Current.CancellationToken);
                }
                NpgsqlConnection.ClearAllPools();
                _template = connectionString;
            }
            return _template;
        }
        finally
        {
            TemplateLock.Release();
        }
    }
}

public sealed record TestUser(string Id, string Email, string DisplayName, Actor Actor);

/// <summary>The actor a slice test sends as.</summary>
public sealed class TestActor : ICurrentActor
{
    private Actor? _actor;

    public bool Assigned => _actor is not null;

    public Actor Actor
    {
        get => _actor ?? throw new InvalidOperationException("No test actor assigned.");
        set => _actor = value;
    }
}
