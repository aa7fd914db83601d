namespace ComplaintDesk.Web.Hosting;

/// <summary>
/// A background worker every instance runs: do the work until nothing is due (in a fresh scope), wait, again. Instances
/// coordinate only through row locks in the database, so any number may run side by side; a failed pass committed
/// nothing and the next one claims the same rows again. The SLA sweeper and the outbox dispatcher are two of these.
/// </summary>
public abstract class DatabaseWorker(IServiceScopeFactory scopes, TimeProvider clock, TimeSpan interval, ILogger logger) : BackgroundService
{
    /// <summary>What this worker is called in its error log line.</summary>
    protected abstract string Name { get; }

    /// <summary>One pass: everything due now.</summary>
    protected abstract Task RunAsync(IServiceProvider services, CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await RunAsync(scope.ServiceProvider, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                logger.LogError(exception, "{Worker} failed; retrying in {Interval}", Name, interval);
            }
            try
            {
                await Task.Delay(interval, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
