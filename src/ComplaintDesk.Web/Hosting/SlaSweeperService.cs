using ComplaintDesk.Application.Features.Sla;

namespace ComplaintDesk.Web.Hosting;

/// <summary>How the sweeper runs in this instance: <c>Sla__Sweeper__Enabled</c>, <c>Sla__Sweeper__Interval</c>, <c>Sla__Sweeper__BatchSize</c>.</summary>
public sealed class SlaSweeperOptions
{
    public bool Enabled { get; set; } = true;
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(30);
    public int BatchSize { get; set; } = SlaSweeper.DefaultBatchSize;
}

/// <summary>Runs in every instance (<see cref="DatabaseWorker"/>); see <see cref="SlaSweeper"/> for why several may.</summary>
public sealed class SlaSweeperService(IServiceScopeFactory scopes, TimeProvider clock, SlaSweeperOptions options, ILogger<SlaSweeperService> logger)
    : DatabaseWorker(scopes, clock, options.Interval, logger)
{
    protected override string Name => "SLA sweep";

    protected override Task RunAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        services.GetRequiredService<SlaSweeper>().SweepAsync(options.BatchSize, cancellationToken);
}
