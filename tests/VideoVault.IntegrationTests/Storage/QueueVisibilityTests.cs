using VideoVault.IntegrationTests.Infrastructure;
using VideoVault.Storage;

namespace VideoVault.IntegrationTests.Storage;

[Collection(AzuriteCollection.Name)]
public sealed class QueueVisibilityTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan Hidden = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task An_initial_visibility_delay_hides_the_message_until_it_passes()
    {
        var (store, queue) = await CreateQueueAsync();

        var sent = await store.SendAsync(queue, "later", TimeSpan.FromSeconds(2), null, CancellationToken.None);
        var early = await store.ReceiveAsync(queue, 32, Hidden, CancellationToken.None);
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        var late = await store.ReceiveAsync(queue, 32, Hidden, CancellationToken.None);

        Assert.Empty(early);
        Assert.Equal("later", Assert.Single(late).Text);
        Assert.True(sent.NextVisibleOn > DateTimeOffset.UtcNow.AddSeconds(-5));
    }

    [Fact]
    public async Task The_dequeue_count_grows_with_each_redelivery()
    {
        var (store, queue) = await CreateQueueAsync();
        await store.SendAsync(queue, "retry me", null, null, CancellationToken.None);

        var counts = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            counts.Add(Assert.Single(await store.ReceiveAsync(queue, 1, TimeSpan.FromSeconds(1), CancellationToken.None)).DequeueCount);
            await Task.Delay(TimeSpan.FromSeconds(1.2));
        }

        Assert.Equal([1L, 2L, 3L], counts);
    }

    [Fact]
    public async Task Update_visibility_returns_a_new_pop_receipt_and_hides_the_message_again()
    {
        var (store, queue) = await CreateQueueAsync();
        await store.SendAsync(queue, "long job", null, null, CancellationToken.None);
        var received = Assert.Single(await store.ReceiveAsync(queue, 1, TimeSpan.FromSeconds(1), CancellationToken.None));

        // Extend the lease before it runs out, then wait past the original timeout.
        var updated = await store.UpdateVisibilityAsync(queue, received.MessageId, received.PopReceipt, TimeSpan.FromSeconds(4), CancellationToken.None);
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        var whileHidden = await store.ReceiveAsync(queue, 32, Hidden, CancellationToken.None);
        await store.DeleteAsync(queue, updated.MessageId, updated.PopReceipt, CancellationToken.None);

        Assert.NotEqual(received.PopReceipt, updated.PopReceipt);
        Assert.Equal(received.MessageId, updated.MessageId);
        Assert.NotNull(updated.NextVisibleOn);
        Assert.True(updated.NextVisibleOn > received.NextVisibleOn);
        Assert.Empty(whileHidden);
    }

    [Fact]
    public async Task A_message_disappears_when_its_time_to_live_runs_out()
    {
        var (store, queue) = await CreateQueueAsync();

        await store.SendAsync(queue, "short-lived", null, TimeSpan.FromSeconds(1), CancellationToken.None);
        await store.SendAsync(queue, "forever", null, Timeout.InfiniteTimeSpan, CancellationToken.None);
        await Task.Delay(TimeSpan.FromSeconds(2));
        var received = await store.ReceiveAsync(queue, 32, Hidden, CancellationToken.None);

        Assert.Equal("forever", Assert.Single(received).Text);
    }

    private async Task<(QueueStore Store, string Queue)> CreateQueueAsync()
    {
        var store = azurite.CreateQueueStore();
        var queue = AzuriteFixture.NewName("vis");
        await store.CreateQueueIfNotExistsAsync(queue, CancellationToken.None);
        return (store, queue);
    }
}
