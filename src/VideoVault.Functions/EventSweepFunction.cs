using Microsoft.Azure.Functions.Worker;
using VideoVault.Hosting;

namespace VideoVault.Functions;

/// <summary>Every 5 minutes: re-queues delivery of events whose own work item was lost.</summary>
public sealed class EventSweepFunction(BackgroundWork work)
{
    [Function("EventSweep")]
    public Task Run([TimerTrigger(BackgroundWork.EventSweepSchedule)] TimerInfo timer, CancellationToken cancellationToken) =>
        work.SweepEventsAsync(cancellationToken);
}
