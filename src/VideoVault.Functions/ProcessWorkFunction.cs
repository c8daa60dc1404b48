using Microsoft.Azure.Functions.Worker;
using VideoVault.Hosting;

namespace VideoVault.Functions;

/// <summary>
/// Unexpected exceptions propagate on purpose: the trigger retries up to host.json's
/// <c>maxDequeueCount</c>, then moves the message to the poison queue. The message comes as stored
/// (host.json <c>messageEncoding</c> is <c>none</c>): the app decodes it, so junk is dropped, not stuck.
/// </summary>
public sealed class ProcessWorkFunction(BackgroundWork work)
{
    [Function("ProcessWork")]
    public Task Run(
        [QueueTrigger(WorkQueueNames.WorkQueueTrigger, Connection = VideoVaultServiceCollectionExtensions.StorageConnectionName)] string? message,
        CancellationToken cancellationToken) => work.ProcessWorkAsync(message, cancellationToken);
}
