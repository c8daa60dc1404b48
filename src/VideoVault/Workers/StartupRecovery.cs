using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace VideoVault.Workers;

/// <summary>
/// When a host starts (after a crash, a deployment, a scale-out), it queues a reconcile for every
/// open task that has been in its status for <see cref="VideoVaultOptions.RecoveryScanAfter"/>: a
/// webhook PiAPI sent while no host answered is then recovered in seconds, not at the task's next
/// scheduled check. The open-task index keeps this proportional to the open tasks; a failure is
/// logged and left to the schedule and the sweep.
/// </summary>
internal sealed partial class StartupRecovery(ReconcileSweep sweep, IOptions<VideoVaultOptions> options, ILogger<StartupRecovery> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var result = await sweep.SweepAsync(options.Value.RecoveryScanAfter, stoppingToken).ConfigureAwait(false);
            Log.Recovered(logger, result.Queued);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            Log.Failed(logger, exception);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 710, Level = LogLevel.Information, Message = "Start-up recovery queued a reconcile for {Queued} open task(s)")]
        public static partial void Recovered(ILogger logger, int queued);

        [LoggerMessage(EventId = 711, Level = LogLevel.Warning, Message = "Start-up recovery failed; the reconcile schedule and the sweep remain")]
        public static partial void Failed(ILogger logger, Exception exception);
    }
}
