using Microsoft.Azure.Functions.Worker;
using VideoVault.Events;

namespace VideoVault.Functions;

/// <summary>Every 5 minutes: re-queues delivery of events whose own work item was lost.</summary>
public sealed class EventSweepFunction(EventSweep sweep)
{
    [Function("EventSweep")]
    public Task Run([TimerTrigger(EventSweep.Schedule)] TimerInfo timer, CancellationToken cancellationToken) =>
        sweep.SweepAsync(cancellationToken);
}
