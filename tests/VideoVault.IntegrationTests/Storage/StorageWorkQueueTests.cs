using Azure.Storage.Queues;
using VideoVault.IntegrationTests.Infrastructure;
using VideoVault.Storage;
using VideoVault.Work;

namespace VideoVault.IntegrationTests.Storage;

/// <summary>The work queue on Azurite through the SDK: what the Functions trigger will read, delays, lifetime.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class StorageWorkQueueTests(AzuriteFixture azurite)
{
    private readonly Microsoft.Extensions.Options.IOptions<VideoVaultOptions> _options = AzuriteFixture.AppOptions();

    /// <summary>A client that decodes nothing, so the test sees the bytes on the wire as the trigger gets them.</summary>
    private QueueClient Raw(string name) =>
        new QueueServiceClient(azurite.ConnectionString, new QueueClientOptions(StorageClientFactory.QueueVersion) { MessageEncoding = QueueMessageEncoding.None }).GetQueueClient(name);

    [Fact]
    public async Task An_item_is_raw_json_that_never_expires_and_its_poison_queue_exists()
    {
        var item = new WorkItem(WorkItemKind.Archive, "task-1", 2);
        var sent = DateTimeOffset.UtcNow;

        await azurite.CreateWorkQueue(_options).EnqueueAsync(item, TimeSpan.Zero, CancellationToken.None);

        var message = Assert.Single((await Raw(_options.Value.WorkQueue).ReceiveMessagesAsync(32)).Value);
        // Raw JSON, as host.json's messageEncoding "none" has the trigger hand it over, stamped with when it became visible.
        var read = WorkItemJson.TryParse(message.Body.ToString())!;
        Assert.Equal(item, read with { VisibleAt = null });
        Assert.InRange(read.VisibleAt!.Value, sent.AddSeconds(-1), DateTimeOffset.UtcNow.AddSeconds(1));
        Assert.True(message.ExpiresOn > DateTimeOffset.UtcNow.AddYears(100), $"expires {message.ExpiresOn}");
        Assert.True((await Raw(WorkQueueNames.Poison(_options.Value.WorkQueue)).ExistsAsync()).Value);
    }

    [Fact]
    public async Task A_delay_hides_the_item_until_it_is_due()
    {
        var queue = azurite.CreateWorkQueue(_options);

        await queue.EnqueueAsync(new WorkItem(WorkItemKind.Reconcile, "later", 0), TimeSpan.FromSeconds(2), CancellationToken.None);
        await queue.EnqueueAsync(new WorkItem(WorkItemKind.Reconcile, "now", 0), TimeSpan.FromSeconds(-5), CancellationToken.None);

        var visible = (await Raw(_options.Value.WorkQueue).PeekMessagesAsync(32)).Value;
        Assert.Equal("now", WorkItemJson.TryParse(Assert.Single(visible).Body.ToString())!.TaskId);
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        Assert.Equal(2, (await Raw(_options.Value.WorkQueue).PeekMessagesAsync(32)).Value.Length);
    }

    [Fact]
    public async Task A_delay_past_the_queue_limit_is_clamped_instead_of_refused()
    {
        await azurite.CreateWorkQueue(_options).EnqueueAsync(new WorkItem(WorkItemKind.Reconcile, "far", 0), TimeSpan.FromDays(30), CancellationToken.None);

        var properties = (await Raw(_options.Value.WorkQueue).GetPropertiesAsync()).Value;
        Assert.Equal(1, properties.ApproximateMessagesCount);
    }
}
