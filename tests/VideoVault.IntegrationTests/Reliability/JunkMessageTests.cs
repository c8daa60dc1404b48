using System.Text;
using Azure.Storage.Queues;
using VideoVault.IntegrationTests.Infrastructure;
using VideoVault.IntegrationTests.Stack;

namespace VideoVault.IntegrationTests.Reliability;

/// <summary>
/// On a real Functions host, a message that was not base64 went from the work queue to the poison queue,
/// which could not decode it either: it stayed there for ever, back every 10 minutes. With host.json's
/// <c>messageEncoding: none</c> (which the dev host follows too) every message reaches the app as stored,
/// and junk on either queue is ended with one warning while real tasks go on.
/// </summary>
public sealed class JunkMessageTests(AzuriteFixture azurite) : StackTest(azurite)
{
    private const string WorkDropped = "Dropped a work message that is not a valid work item";
    private const string PoisonDropped = "Dropped a poison message that is not a valid work item";

    /// <summary>A raw message that is not base64, valid base64 that is no work item, and an empty message.</summary>
    private static readonly string[] Junk = ["%%% not base64 %%%", Convert.ToBase64String(Encoding.UTF8.GetBytes("not a work item")), string.Empty];

    [Fact]
    public async Task Junk_on_the_work_and_poison_queues_drains_with_one_warning_each_while_tasks_archive()
    {
        var raw = new QueueServiceClient(Azurite.ConnectionString, new QueueClientOptions(VideoVault.Storage.StorageClientFactory.QueueVersion) { MessageEncoding = QueueMessageEncoding.None });
        foreach (var queue in new[] { raw.GetQueueClient(Stack.Queue), raw.GetQueueClient(WorkQueueNames.Poison(Stack.Queue)) })
        {
            await queue.CreateIfNotExistsAsync();
            foreach (var message in Junk)
            {
                await queue.SendMessageAsync(message);
            }
        }

        var task = await Stack.WaitForTerminalAsync(Id(await Stack.SubmitAsync(Prompt())));

        Assert.Equal("archived", Status(task));
        await WaitUntilAsync(() => Count(WorkDropped) == Junk.Length && Count(PoisonDropped) == Junk.Length);
        await WaitUntilAsync(async () => (await Stack.PoisonQueue.GetPropertiesAsync()).Value.ApproximateMessagesCount == 0);

        // Ended, not released: a message a handler threw on would be back after the 0.5 s visibility timeout.
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(Junk.Length, Count(WorkDropped));
        Assert.Equal(Junk.Length, Count(PoisonDropped));
        Assert.All(Stack.Logs.Lines.Where(line => line.Contains(WorkDropped, StringComparison.Ordinal) || line.Contains(PoisonDropped, StringComparison.Ordinal)), line =>
        {
            Assert.StartsWith("Warning ", line, StringComparison.Ordinal);
            Assert.DoesNotContain(" at ", line, StringComparison.Ordinal);
        });
        Assert.DoesNotContain(Stack.Logs.Lines, line => line.Contains("poison queue", StringComparison.Ordinal) && line.Contains("moved", StringComparison.Ordinal));
    }

    private int Count(string text) => Stack.Logs.Lines.Count(line => line.Contains(text, StringComparison.Ordinal));

    private static async Task WaitUntilAsync(Func<bool> condition) => await WaitUntilAsync(() => Task.FromResult(condition()));

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition did not hold within 20 s.");
            await Task.Delay(100);
        }
    }
}
