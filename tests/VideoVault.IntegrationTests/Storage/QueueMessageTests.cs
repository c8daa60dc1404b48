using System.Text;
using Azure;
using VideoVault.IntegrationTests.Infrastructure;
using VideoVault.Storage;

namespace VideoVault.IntegrationTests.Storage;

[Collection(AzuriteCollection.Name)]
public sealed class QueueMessageTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan Hidden = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Creating_a_queue_twice_succeeds()
    {
        var store = azurite.CreateQueueStore();
        var queue = AzuriteFixture.NewName("work");

        await store.CreateQueueIfNotExistsAsync(queue, CancellationToken.None);
        await store.CreateQueueIfNotExistsAsync(queue, CancellationToken.None);

        await store.SendAsync(queue, "x", null, null, CancellationToken.None);
    }

    [Fact]
    public async Task Unicode_text_round_trips()
    {
        var (store, queue) = await CreateQueueAsync();
        const string text = "{\"kind\":\"archive\",\"task_id\":\"vidéo-日本語-🎬\",\"note\":\"<&>\"}";

        var sent = await store.SendAsync(queue, text, null, null, CancellationToken.None);
        var received = Assert.Single(await store.ReceiveAsync(queue, 32, Hidden, CancellationToken.None));

        Assert.Equal(text, received.Text);
        Assert.Equal(sent.MessageId, received.MessageId);
        Assert.Equal(1, received.DequeueCount);
        Assert.NotNull(received.InsertedOn);
        Assert.True(received.NextVisibleOn > DateTimeOffset.UtcNow.AddSeconds(10));
    }

    [Fact]
    public async Task Text_is_base64_of_its_utf8_on_the_wire()
    {
        var (store, queue) = await CreateQueueAsync();
        var raw = azurite.CreateQueueStore(QueueMessageEncoding.None);
        const string text = "{\"task_id\":\"ünï\"}";

        await store.SendAsync(queue, text, null, null, CancellationToken.None);
        var received = Assert.Single(await raw.ReceiveAsync(queue, 1, Hidden, CancellationToken.None));

        Assert.Equal(Convert.ToBase64String(Encoding.UTF8.GetBytes(text)), received.Text);
    }

    [Fact]
    public async Task Plain_text_is_sent_as_is_without_base64()
    {
        var (_, queue) = await CreateQueueAsync();
        var raw = azurite.CreateQueueStore(QueueMessageEncoding.None);

        await raw.SendAsync(queue, "plain & <xml> text", null, null, CancellationToken.None);
        var received = Assert.Single(await raw.ReceiveAsync(queue, 1, Hidden, CancellationToken.None));

        Assert.Equal("plain & <xml> text", received.Text);
    }

    [Fact]
    public async Task Deleting_with_the_current_pop_receipt_removes_the_message()
    {
        var (store, queue) = await CreateQueueAsync();
        await store.SendAsync(queue, "done", null, null, CancellationToken.None);
        var received = Assert.Single(await store.ReceiveAsync(queue, 1, TimeSpan.FromSeconds(1), CancellationToken.None));

        await store.DeleteAsync(queue, received.MessageId, received.PopReceipt, CancellationToken.None);
        await Task.Delay(TimeSpan.FromSeconds(1.5));

        Assert.Empty(await store.ReceiveAsync(queue, 32, Hidden, CancellationToken.None));
    }

    [Fact]
    public async Task Deleting_with_a_stale_pop_receipt_after_redelivery_fails()
    {
        var (store, queue) = await CreateQueueAsync();
        await store.SendAsync(queue, "twice", null, null, CancellationToken.None);
        var first = Assert.Single(await store.ReceiveAsync(queue, 1, TimeSpan.FromSeconds(1), CancellationToken.None));
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        var second = Assert.Single(await store.ReceiveAsync(queue, 1, Hidden, CancellationToken.None));

        var error = await Assert.ThrowsAsync<RequestFailedException>(
            () => store.DeleteAsync(queue, first.MessageId, first.PopReceipt, CancellationToken.None));
        await store.DeleteAsync(queue, second.MessageId, second.PopReceipt, CancellationToken.None);

        Assert.Equal(first.MessageId, second.MessageId);
        Assert.Equal(2, second.DequeueCount);
        Assert.Equal(400, error.Status);
        Assert.Equal("PopReceiptMismatch", error.ErrorCode);
    }

    private async Task<(QueueStore Store, string Queue)> CreateQueueAsync()
    {
        var store = azurite.CreateQueueStore();
        var queue = AzuriteFixture.NewName("q");
        await store.CreateQueueIfNotExistsAsync(queue, CancellationToken.None);
        return (store, queue);
    }
}
