using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VideoVault.Work;

namespace VideoVault.Events;

/// <summary>
/// The safety net of delivery: queues a <c>deliver</c> work item for every task with an event that
/// should have gone out a while ago (its work item was never queued, expired, or was poisoned), or
/// whose sender died holding it.
/// </summary>
internal sealed partial class EventSweep(
    ITaskEventStore store,
    IWorkQueue workQueue,
    IOptionsMonitor<EventOptions> options,
    TimeProvider timeProvider,
    ILogger<EventSweep> logger)
{
    /// <summary>Every 5 minutes, as NCRONTAB for the Functions timer trigger.</summary>
    public const string Schedule = "0 */5 * * * *";

    /// <summary>The same period for the dev host's timer.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(5);

    public async Task<SweepResult> SweepAsync(CancellationToken cancellationToken)
    {
        var dueBefore = timeProvider.GetUtcNow() - options.CurrentValue.SweepStaleAfter;
        var queued = new HashSet<string>(StringComparer.Ordinal);
        var (matched, pages) = (0, 0);
        await foreach (var page in store.FindUndeliveredAsync(dueBefore, cancellationToken).ConfigureAwait(false))
        {
            pages++;
            matched += page.Count;
            foreach (var taskId in page.Where(queued.Add))
            {
                await workQueue.EnqueueAsync(new WorkItem(WorkItemKind.Deliver, taskId, 0), TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
            }
        }

        Log.Swept(logger, queued.Count, pages);
        return new SweepResult(matched, queued.Count, pages);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1120, Level = LogLevel.Information, Message = "Event sweep queued delivery for {Queued} task(s) in {Pages} page(s)")]
        public static partial void Swept(ILogger logger, int queued, int pages);
    }
}
