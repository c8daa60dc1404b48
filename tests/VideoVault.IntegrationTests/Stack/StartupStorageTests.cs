using VideoVault.IntegrationTests.Infrastructure;

namespace VideoVault.IntegrationTests.Stack;

/// <summary>
/// A host creates the app's table, queues and container when it starts, before any task: where the
/// deployment did not (Azurite), the queue triggers would otherwise poll queues that are not there.
/// </summary>
public sealed class StartupStorageTests(AzuriteFixture azurite) : StackTest(azurite)
{
    [Fact]
    public async Task A_fresh_host_creates_its_table_queues_and_container_before_any_task()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!await AllExistAsync())
        {
            Assert.True(DateTime.UtcNow < deadline, "The host did not create its storage within 20 s of starting.");
            await Task.Delay(100);
        }

        Assert.DoesNotContain(Stack.Logs.Lines, line => line.Contains("Creating the app's table, queues and container at start-up failed", StringComparison.Ordinal));
    }

    private async Task<bool> AllExistAsync()
    {
        var table = await Azurite.Clients.CreateTableServiceClient().QueryAsync(filter: $"TableName eq '{Stack.Table}'").AnyAsync();
        return table
            && (await Stack.WorkQueue.ExistsAsync()).Value
            && (await Stack.PoisonQueue.ExistsAsync()).Value
            && (await Stack.EventQueue.ExistsAsync()).Value
            && (await Stack.Videos.ExistsAsync()).Value;
    }
}
