using VideoVault.IntegrationTests.Infrastructure;
using VideoVault.Storage;

namespace VideoVault.IntegrationTests.Storage;

[Collection(AzuriteCollection.Name)]
public sealed class TablePagingTests(AzuriteFixture azurite)
{
    private const int EntityCount = 1_100;

    [Fact]
    public async Task A_query_over_more_than_a_thousand_entities_pages_through_continuations_and_sees_each_once()
    {
        var store = azurite.CreateTableStore();
        var table = AzuriteFixture.NewName("paging");
        await store.CreateTableIfNotExistsAsync(table, CancellationToken.None);
        // Three partitions, so continuations must carry both NextPartitionKey and NextRowKey.
        await Parallel.ForAsync(0, EntityCount, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
            await store.InsertAsync(table, new TableEntity($"p{i % 3}", $"r{i:D5}") { ["Index"] = i }, ct));

        var seen = new List<int>();
        var pages = 0;
        TableContinuation? continuation = null;
        do
        {
            var page = await store.QueryAsync(table, new TableQuery(Continuation: continuation), CancellationToken.None);
            seen.AddRange(page.Entities.Select(e => e.GetInt32("Index")!.Value));
            continuation = page.Continuation;
            pages++;
        }
        while (continuation is not null && pages < 100);

        Assert.True(pages >= 2, $"Expected the service to split {EntityCount} entities into pages, got {pages}.");
        Assert.Equal(EntityCount, seen.Count);
        Assert.Equal(Enumerable.Range(0, EntityCount), seen.Order());
    }
}
