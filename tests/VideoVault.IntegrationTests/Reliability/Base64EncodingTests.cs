using Azure.Storage.Queues;
using VideoVault.IntegrationTests.Infrastructure;
using VideoVault.IntegrationTests.Stack;

namespace VideoVault.IntegrationTests.Reliability;

/// <summary>
/// Why the app's host.json says <c>messageEncoding: none</c>: under base64 the dev host does what the Functions
/// host did to a message that is not base64. It moves it to the poison queue as it is, where it cannot be
/// decoded either and no handler ever sees it; it stays. (Before, the dev host re-encoded it on the way, so
/// the poison handler dropped it and no test of ours could see a real host's behaviour.)
/// </summary>
public sealed class Base64EncodingTests(AzuriteFixture azurite) : StackTest(azurite)
{
    protected override void Configure(StackSettings settings) => settings.HostJson = settings.HostJson.Replace("\"none\"", "\"base64\"", StringComparison.Ordinal);

    [Fact]
    public async Task Under_base64_a_message_that_is_not_base64_sticks_in_the_poison_queue_as_on_the_functions_host()
    {
        var raw = new QueueServiceClient(Azurite.ConnectionString, new QueueClientOptions(VideoVault.Storage.StorageClientFactory.QueueVersion) { MessageEncoding = QueueMessageEncoding.None });
        await raw.GetQueueClient(Stack.Queue).CreateIfNotExistsAsync();

        await raw.GetQueueClient(Stack.Queue).SendMessageAsync("%%% not base64 %%%");

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!Stack.Logs.Lines.Any(line => line.Contains("is not base64; a poison queue has no poison queue, so it stays", StringComparison.Ordinal)))
        {
            Assert.True(DateTime.UtcNow < deadline, "The poison queue never met the message.");
            await Task.Delay(100);
        }

        var properties = (await raw.GetQueueClient(WorkQueueNames.Poison(Stack.Queue)).GetPropertiesAsync()).Value;
        Assert.Equal(1, properties.ApproximateMessagesCount);
        Assert.Contains(Stack.Logs.Lines, line => line.Contains("is not base64 and was moved to the poison queue", StringComparison.Ordinal));
        Assert.DoesNotContain(Stack.Logs.Lines, line => line.Contains("not a valid work item", StringComparison.Ordinal));
    }
}
