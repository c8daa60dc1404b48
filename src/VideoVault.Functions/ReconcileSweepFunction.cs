using Microsoft.Azure.Functions.Worker;
using VideoVault.Hosting;

namespace VideoVault.Functions;

/// <summary>Every 15 minutes: re-queues reconcile for non-terminal tasks whose own reconcile was lost.</summary>
public sealed class ReconcileSweepFunction(BackgroundWork work)
{
    [Function("ReconcileSweep")]
    public Task Run([TimerTrigger(BackgroundWork.ReconcileSchedule)] TimerInfo timer, CancellationToken cancellationToken) =>
        work.SweepReconcileAsync(cancellationToken);
}
