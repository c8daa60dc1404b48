using Microsoft.Azure.Functions.Worker;
using VideoVault.Hosting;

namespace VideoVault.Functions;

/// <summary>Marks the task of a message that exhausted its retries as failed, so nothing is stuck silently.</summary>
public sealed class ProcessPoisonFunction(BackgroundWork work)
{
    [Function("ProcessPoison")]
    public Task Run(
        [QueueTrigger(WorkQueueNames.PoisonQueueTrigger, Connection = VideoVaultServiceCollectionExtensions.StorageConnectionName)] string? message,
        CancellationToken cancellationToken) => work.ProcessPoisonAsync(message, cancellationToken);
}
