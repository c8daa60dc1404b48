using VideoVault.Events;

namespace VideoVault.DevHost.Timers;

/// <summary>The dev host's stand-in for the Functions timer trigger that runs the event sweep.</summary>
internal sealed partial class EventSweepService(
    EventSweep sweep,
    TimeProvider timeProvider,
    ILogger<EventSweepService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(EventSweep.Interval, timeProvider);
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
        [LoggerMessage(EventId = 911, Level = LogLevel.Warning, Message = "Event sweep failed; trying again at the next tick")]
        public static partial void SweepFailed(ILogger logger, Exception exception);
    }
}
