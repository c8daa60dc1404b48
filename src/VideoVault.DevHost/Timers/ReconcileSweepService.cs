using VideoVault.Work;

namespace VideoVault.DevHost.Timers;

/// <summary>The dev host's stand-in for the Functions timer trigger that runs the reconcile sweep.</summary>
internal sealed partial class ReconcileSweepService(
    ReconcileSweep sweep,
    TimeProvider timeProvider,
    ILogger<ReconcileSweepService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(ReconcileSweep.Interval, timeProvider);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                await sweep.SweepAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // Like a timer function that failed: log and try again at the next tick.
                Log.SweepFailed(logger, exception);
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 910, Level = LogLevel.Warning, Message = "Reconcile sweep failed; trying again at the next tick")]
        public static partial void SweepFailed(ILogger logger, Exception exception);
    }
}
