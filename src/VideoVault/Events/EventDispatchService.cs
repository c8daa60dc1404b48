using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using VideoVault.Tasks;
using VideoVault.Work;

namespace VideoVault.Events;

/// <summary>Runs the <see cref="EventDispatcher"/>'s deliveries, <see cref="EventDispatcher.Concurrency"/> at a time.</summary>
internal sealed partial class EventDispatchService(
    EventDispatcher dispatcher,
    EventDeliverer deliverer,
    IWorkQueue workQueue,
    TimeProvider timeProvider,
    ILogger<EventDispatchService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = EventDispatcher.Concurrency, CancellationToken = stoppingToken };
        try
        {
            await Parallel.ForEachAsync(dispatcher.Reader.ReadAllAsync(stoppingToken), parallel, async (events, cancellationToken) =>
            {
                try
                {
                    await deliverer.DeliverNewAsync(events.TaskId, events.Lease, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    // The events keep their lease until it runs out: the work queue takes them over then (and failing that, the sweep).
                    Log.Failed(logger, events.TaskId, exception);
                    await FallBackAsync(events).ConfigureAwait(false);
                }
            }).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: what is still waiting keeps its lease, and the sweep finds it.
        }
    }

    private async Task FallBackAsync(EventDispatcher.NewEvents events)
    {
        try
        {
            var delay = events.Lease - timeProvider.GetUtcNow();
            await workQueue.EnqueueAsync(new WorkItem(WorkItemKind.Deliver, events.TaskId, 0), delay > TimeSpan.Zero ? delay : TimeSpan.Zero, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception exception) when (StorageOutage.IsOutage(exception))
        {
            Log.NotQueued(logger, events.TaskId, exception.Message);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1150, Level = LogLevel.Warning, Message = "Task {TaskId}: delivering its new events failed; the work queue takes them over once their lease has run out")]
        public static partial void Failed(ILogger logger, string taskId, Exception exception);

        [LoggerMessage(EventId = 1151, Level = LogLevel.Warning, Message = "Task {TaskId}: its new events could not be handed to the work queue either ({Reason}); the event sweep will queue them")]
        public static partial void NotQueued(ILogger logger, string taskId, string reason);
    }
}
