using Microsoft.Azure.Functions.Worker;
using VideoVault.Hosting;
using VideoVault.Workers;

namespace VideoVault.Functions;

/// <summary>Marks the task of a message that exhausted its retries as failed, so nothing is stuck silently.</summary>
public sealed class ProcessPoisonFunction(PoisonProcessor processor)
{
    [Function("ProcessPoison")]
    public Task Run(
        [QueueTrigger(WorkQueueNames.PoisonQueueTrigger, Connection = VideoVaultServiceCollectionExtensions.StorageConnectionName)] string? message,
        CancellationToken cancellationToken) => processor.ProcessAsync(message, cancellationToken);
}
