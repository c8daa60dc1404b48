using VideoVault.IntegrationTests.Infrastructure;
using VideoVault.Storage;

namespace VideoVault.IntegrationTests.Storage;

[Collection(AzuriteCollection.Name)]
public sealed class TableKeyTests(AzuriteFixture azurite)
{
    public static TheoryData<string, string> Keys => new()
    {
        { "it's", "o'brien''s" },
        { "with space", "and  two  spaces " },
        { "ünïcödé", "日本語-🎬" },
        { "a+b=c&d", "percent%20and,comma;semi:colon@at$" },
        { "(parens)", "brackets[0]{1}" },
    };

    [Theory]
    [MemberData(nameof(Keys))]
    public async Task Keys_with_quotes_spaces_unicode_and_reserved_characters_work_for_every_operation(string partitionKey, string rowKey)
    {
        var store = azurite.CreateTableStore();
        var table = AzuriteFixture.NewName("keys");
        await store.CreateTableIfNotExistsAsync(table, CancellationToken.None);

        var etag = await store.InsertAsync(table, new TableEntity(partitionKey, rowKey) { ["Value"] = 1 }, CancellationToken.None);
        var read = await store.GetEntityAsync(table, partitionKey, rowKey, CancellationToken.None);
        etag = await store.MergeAsync(table, new TableEntity(partitionKey, rowKey) { ["Value"] = 2 }, etag, CancellationToken.None);
        var filtered = await store.QueryAsync(
            table,
            new TableQuery($"{TableFilter.Equal("PartitionKey", partitionKey)} and {TableFilter.Equal("RowKey", rowKey)}"),
            CancellationToken.None);
        var deleted = await store.DeleteAsync(table, partitionKey, rowKey, etag, CancellationToken.None);

        Assert.NotNull(read);
        Assert.Equal(partitionKey, read.PartitionKey);
        Assert.Equal(rowKey, read.RowKey);
        var match = Assert.Single(filtered.Entities);
        Assert.Equal(2, match.GetInt32("Value"));
        Assert.Equal(rowKey, match.RowKey);
        Assert.True(deleted);
    }
}
