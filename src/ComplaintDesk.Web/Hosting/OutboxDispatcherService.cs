using ComplaintDesk.Application.Features.Outbox;

namespace ComplaintDesk.Web.Hosting;

/// <summary>How the dispatcher runs in this instance: <c>Outbox__Dispatcher__Enabled</c>, <c>Outbox__Dispatcher__Interval</c>, <c>Outbox__Dispatcher__BatchSize</c>.</summary>
public sealed class OutboxDispatcherOptions
{
    public bool Enabled { get; set; } = true;
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(5);
    public int BatchSize { get; set; } = OutboxDispatcher.DefaultBatchSize;
}

/// <summary>Runs in every instance (<see cref="DatabaseWorker"/>); see <see cref="OutboxDispatcher"/> for why several may.</summary>
public sealed class OutboxDispatcherService(IServiceScopeFactory scopes, TimeProvider clock, OutboxDispatcherOptions options, ILogger<OutboxDispatcherService> logger)
    : DatabaseWorker(scopes, clock, options.Interval, logger)
{
    protected override string Name => "Outbox dispatch";

    protected override Task RunAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        services.GetRequiredService<OutboxDispatcher>().DispatchAsync(options.BatchSize, cancellationToken);
}
