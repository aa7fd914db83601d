using System.Data.Common;
using ComplaintDesk.Application.Features.Sla;
using ComplaintDesk.Application.Persistence;
using ComplaintDesk.Domain.Actors;
using ComplaintDesk.Domain.Sla;
using Mediator;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace ComplaintDesk.IntegrationTests.Infrastructure;

/// <summary>
/// More app instances on the database of a <see cref="ComplaintDeskApp"/>: each its own host, DI container and
/// connection pool use, the same database and the same fake clock — as several instances behind a load balancer.
/// An instance may get extra EF interceptors (faults to inject); the DbContext takes every registered one.
/// </summary>
public static class AppInstances
{
    public static WebApplicationFactory<Program> AnotherInstance(this ComplaintDeskApp app, params ISaveChangesInterceptor[] interceptors) =>
        app.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
        {
            foreach (var interceptor in interceptors)
            {
                services.AddScoped(_ => interceptor);
            }
        }));

    /// <summary>One full sweep on this instance, as its background worker would run it; returns the clocks it handled.</summary>
    public static async Task<int> SweepOnAsync(this WebApplicationFactory<Program> instance, int batchSize = SlaSweeper.DefaultBatchSize)
    {
        await using var scope = instance.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SlaSweeper>().SweepAsync(batchSize, TestContext.Current.CancellationToken);
    }

    /// <summary>Sends a command through this instance's pipeline as <paramref name="actor"/> (as <see cref="ComplaintDeskApp.SendAsync{T}"/>).</summary>
    public static async Task<T> SendOnAsync<T>(this WebApplicationFactory<Program> instance, Actor actor, IMessage message)
    {
        await using var scope = instance.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TestActor>().Actor = actor;
        var sender = scope.ServiceProvider.GetRequiredService<ISender>();
        return message switch
        {
            ICommand<T> command => await sender.Send(command, TestContext.Current.CancellationToken),
            IQuery<T> query => await sender.Send(query, TestContext.Current.CancellationToken),
            _ => throw new ArgumentException($"{message.GetType().Name} does not answer {typeof(T).Name}."),
        };
    }
}

/// <summary>
/// Kills the sweeper's own database session in the middle of its Nth batch (a save that records effects): after the
/// batch's SQL ran (effects, escalations, notifications written in its open transaction), before the commit. The
/// server ends the session as if the process had died, and the open transaction is lost with it.
/// </summary>
public sealed class SweepKiller(int killAtBatch) : SaveChangesInterceptor
{
    private int _batches;

    /// <summary>The clocks of the batch that died.</summary>
    public IReadOnlyList<long> KilledClockIds { get; private set; } = [];

    /// <summary>How many of those clocks' effect rows the dying transaction had written (and saw) before it died.</summary>
    public int WrittenBeforeKill { get; private set; }

    public bool Killed { get; private set; }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result,
        CancellationToken cancellationToken = default)
    {
        if (eventData.Context is not ComplaintDeskDbContext db || !db.ChangeTracker.Entries<SlaClockEffect>().Any()
            || Interlocked.Increment(ref _batches) != killAtBatch)
        {
            return result;
        }
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("The sweeper saved outside a transaction: there is no mid-batch to die in.");
        }
        var clockIds = db.ChangeTracker.Entries<SlaClockEffect>().Select(e => e.Entity.ClockId).ToList();
        WrittenBeforeKill = await db.SlaClockEffects.CountAsync(e => clockIds.Contains(e.ClockId), cancellationToken);
        KilledClockIds = clockIds;
        Killed = true;
        await db.Database.ExecuteSqlRawAsync("SELECT pg_terminate_backend(pg_backend_pid())", cancellationToken);
        throw new InvalidOperationException("pg_terminate_backend returned: the session should have died.");
    }
}

/// <summary>
/// Holds one transaction at its commit: its statements ran and its row locks are held, the commit waits until the
/// test releases it. Armed once; other transactions pass. (A transaction interceptor, registered as a SaveChanges one
/// because that is what the app hands its DbContext; EF dispatches by interface.)
/// </summary>
public sealed class CommitGate : SaveChangesInterceptor, IDbTransactionInterceptor
{
    private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _armed;

    public void Arm() => Volatile.Write(ref _armed, 1);

    /// <summary>Completes when the held transaction is at its commit.</summary>
    public Task Reached => _reached.Task;

    public void Release() => _released.TrySetResult();

    public async ValueTask<InterceptionResult> TransactionCommittingAsync(DbTransaction transaction, TransactionEventData eventData,
        InterceptionResult result, CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _armed, 0) == 1)
        {
            _reached.TrySetResult();
            await _released.Task.WaitAsync(cancellationToken);
        }
        return result;
    }
}
