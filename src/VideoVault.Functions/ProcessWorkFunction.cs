using Microsoft.Azure.Functions.Worker;
using VideoVault.Work;

namespace VideoVault.Functions;

/// <summary>
/// Unexpected exceptions propagate on purpose: the trigger retries up to host.json's
/// <c>maxDequeueCount</c>, then moves the message to the poison queue.
/// </summary>
public sealed class ProcessWorkFunction(WorkProcessor processor)
{
    [Function("ProcessWork")]
    public Task Run(
        [QueueTrigger(WorkQueueNames.WorkQueueTrigger, Connection = VideoVaultServiceCollectionExtensions.StorageConnectionName)] string message,
        CancellationToken cancellationToken) => processor.ProcessAsync(message, cancellationToken);
}
