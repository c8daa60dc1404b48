using VideoVault.IntegrationTests.Infrastructure;

namespace VideoVault.IntegrationTests.Stack;

public sealed class WebhookDeliveryTests(AzuriteFixture azurite) : StackTest(azurite)
{
    [Theory]
    [InlineData("[sim:dup]")]
    [InlineData("[sim:reorder]")]
    [InlineData("[sim:dup] [sim:reorder]")]
    public async Task Repeated_and_reordered_webhooks_still_give_one_archived_copy(string faults)
    {
        var id = Id(await Stack.SubmitAsync(Prompt(faults)));

        var task = await Stack.WaitForTerminalAsync(id);

        Assert.Equal("archived", Status(task));
        Assert.Single(await Stack.BlobsAsync());
        var ledger = Stack.Ledger.Find(task.GetProperty("piapi_task_id").GetString()!)!;
        Assert.True(ledger.WebhooksDelivered >= 3, $"Only {ledger.WebhooksDelivered} webhooks were delivered.");

        // Late duplicates of earlier events must not move the task back.
        await Task.Delay(500);
        Assert.Equal("archived", Status(await Stack.GetTaskAsync(id)));
    }
}
