using Azure.Storage.Queues;

namespace VideoVault.Benchmarks.Infrastructure;

/// <summary>
/// Waits for background work the dev host does after answering, seen from storage: every event it delivers puts one
/// message on its events queue, which nothing reads in a benchmark, so the queue's length counts the deliveries done.
/// </summary>
internal static class QueueFill
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    /// <summary>The delivery's last write (the event row's publication) follows its message by a request.</summary>
    private static readonly TimeSpan LastWrite = TimeSpan.FromMilliseconds(200);

    public static async Task WaitForAsync(QueueClient queue, int messages)
    {
        var deadline = DateTimeOffset.UtcNow + Timeout;
        int held;
        while ((held = (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount) < messages)
        {
            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException($"Queue {queue.Name} holds {held} messages after {Timeout}, not {messages}: deliveries were lost.");
            }

            await Task.Delay(PollInterval);
        }

        await Task.Delay(LastWrite);
    }
}
