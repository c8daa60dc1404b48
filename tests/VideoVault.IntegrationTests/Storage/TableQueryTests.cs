using VideoVault.IntegrationTests.Infrastructure;
using VideoVault.Storage;

namespace VideoVault.IntegrationTests.Storage;

[Collection(AzuriteCollection.Name)]
public sealed class TableQueryTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Filter_select_and_top_shape_the_result()
    {
        var store = azurite.CreateTableStore();
        var table = AzuriteFixture.NewName("query");
        await store.CreateTableIfNotExistsAsync(table, CancellationToken.None);
        var created = new DateTimeOffset(2025, 6, 1, 0, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < 10; i++)
        {
            await store.InsertAsync(
                table,
                new TableEntity("tasks", $"task{i:D2}")
                {
                    ["Status"] = i % 2 == 0 ? "archived" : "failed",
                    ["Owner"] = "o'neil",
                    ["CreatedAt"] = created.AddDays(i),
                    ["Attempt"] = i,
                },
                CancellationToken.None);
        }

        var archivedSince = await store.QueryAsync(
            table,
            new TableQuery(
                $"{TableFilter.Equal("Status", "archived")} and {TableFilter.Equal("Owner", "o'neil")} and CreatedAt ge {TableFilter.DateTime(created.AddDays(4))}",
                Select: ["Status", "Attempt"]),
            CancellationToken.None);
        var firstThree = await store.QueryAsync(table, new TableQuery(TableFilter.Equal("PartitionKey", "tasks"), Top: 3), CancellationToken.None);

        Assert.Equal(["task04", "task06", "task08"], archivedSince.Entities.Select(e => e.RowKey));
        Assert.All(archivedSince.Entities, e => Assert.Equal(["Attempt", "Status"], e.Properties.Keys.Order(StringComparer.Ordinal)));
        Assert.Equal([4, 6, 8], archivedSince.Entities.Select(e => e.GetInt32("Attempt")!.Value));
        Assert.Null(archivedSince.Continuation);
        Assert.Equal(["task00", "task01", "task02"], firstThree.Entities.Select(e => e.RowKey));
        Assert.NotNull(firstThree.Continuation);
    }

    [Fact]
    public async Task A_filter_value_cannot_break_out_of_its_quotes()
    {
        var store = azurite.CreateTableStore();
        var table = AzuriteFixture.NewName("inject");
        await store.CreateTableIfNotExistsAsync(table, CancellationToken.None);
        await store.InsertAsync(table, new TableEntity("p", "secret") { ["Owner"] = "bob" }, CancellationToken.None);

        var page = await store.QueryAsync(table, new TableQuery(TableFilter.Equal("Owner", "x' or Owner ne 'x")), CancellationToken.None);

        Assert.Empty(page.Entities);
    }
}
