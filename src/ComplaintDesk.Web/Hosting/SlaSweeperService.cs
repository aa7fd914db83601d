using ComplaintDesk.Application.Features.Sla;

namespace ComplaintDesk.Web.Hosting;

/// <summary>How the sweeper runs in this instance: <c>Sla__Sweeper__Enabled</c>, <c>Sla__Sweeper__Interval</c>, <c>Sla__Sweeper__BatchSize</c>.</summary>
public sealed class SlaSweeperOptions
{
    public bool Enabled { get; set; } = true;
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(30);
    public int BatchSize { get; set; } = SlaSweeper.DefaultBatchSize;
}

/// <summary>
/// The background worker every instance runs: sweep until nothing is due, wait, again. Instances coordinate only
/// through row locks in the database (see <see cref="SlaSweeper"/>), so any number may run side by side.
/// </summary>
public sealed class SlaSweeperService(IServiceScopeFactory scopes, TimeProvider clock, SlaSweeperOptions options,
    ILogger<SlaSweeperService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<SlaSweeper>().SweepAsync(options.BatchSize, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                // A failed batch committed nothing; the next pass claims its clocks again.
                logger.LogError(exception, "SLA sweep failed; retrying in {Interval}", options.Interval);
            }
            try
            {
                await Task.Delay(options.Interval, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
