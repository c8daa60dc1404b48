using Microsoft.Azure.Functions.Worker;
using VideoVault.Workers;

namespace VideoVault.Functions;

/// <summary>Every 15 minutes: re-queues reconcile for non-terminal tasks whose own reconcile was lost.</summary>
public sealed class ReconcileSweepFunction(ReconcileSweep sweep)
{
    [Function("ReconcileSweep")]
    public Task Run([TimerTrigger(ReconcileSweep.Schedule)] TimerInfo timer, CancellationToken cancellationToken) =>
        sweep.SweepAsync(cancellationToken);
}
