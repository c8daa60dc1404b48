using Azure;
using VideoVault.IntegrationTests.Infrastructure;
using VideoVault.Storage;

namespace VideoVault.IntegrationTests.Storage;

[Collection(AzuriteCollection.Name)]
public sealed class TableConcurrencyTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Inserting_an_existing_entity_fails_with_409_EntityAlreadyExists()
    {
        var (store, table) = await CreateTableAsync();
        await store.InsertAsync(table, new TableEntity("p", "r"), CancellationToken.None);

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => store.InsertAsync(table, new TableEntity("p", "r"), CancellationToken.None));

        Assert.Equal(409, error.Status);
        Assert.Equal("EntityAlreadyExists", error.ErrorCode);
    }

    [Fact]
    public async Task Merge_with_the_current_etag_succeeds_a_stale_one_fails_with_412_and_star_always_wins()
    {
        var (store, table) = await CreateTableAsync();
        var first = await store.InsertAsync(table, new TableEntity("p", "r") { ["Status"] = "pending" }, CancellationToken.None);

        var second = await store.MergeAsync(table, new TableEntity("p", "r") { ["Status"] = "processing" }, first, CancellationToken.None);
        var stale = await Assert.ThrowsAsync<RequestFailedException>(
            () => store.MergeAsync(table, new TableEntity("p", "r") { ["Status"] = "submitting" }, first, CancellationToken.None));
        var third = await store.MergeAsync(table, new TableEntity("p", "r") { ["Status"] = "completed" }, "*", CancellationToken.None);
        var read = await store.GetEntityAsync(table, "p", "r", CancellationToken.None);

        Assert.NotEqual(first, second);
        Assert.Equal(412, stale.Status);
        Assert.Equal("UpdateConditionNotSatisfied", stale.ErrorCode);
        Assert.NotEqual(second, third);
        Assert.Equal("completed", read?.GetString("Status"));
        Assert.Equal(third, read?.ETag);
    }

    [Fact]
    public async Task Merging_a_missing_entity_fails_with_404()
    {
        var (store, table) = await CreateTableAsync();

        var error = await Assert.ThrowsAsync<RequestFailedException>(
            () => store.MergeAsync(table, new TableEntity("p", "nobody"), "*", CancellationToken.None));

        Assert.Equal(404, error.Status);
    }

    [Fact]
    public async Task Merge_keeps_unspecified_properties_and_replace_drops_them()
    {
        var (store, table) = await CreateTableAsync();
        var etag = await store.InsertAsync(table, new TableEntity("p", "r") { ["Status"] = "pending", ["Attempt"] = 1, ["Owner"] = "alice" }, CancellationToken.None);

        etag = await store.MergeAsync(table, new TableEntity("p", "r") { ["Status"] = "processing" }, etag, CancellationToken.None);
        var merged = await store.GetEntityAsync(table, "p", "r", CancellationToken.None);
        await store.ReplaceAsync(table, new TableEntity("p", "r") { ["Status"] = "archived" }, etag, CancellationToken.None);
        var replaced = await store.GetEntityAsync(table, "p", "r", CancellationToken.None);

        Assert.NotNull(merged);
        Assert.Equal("processing", merged.GetString("Status"));
        Assert.Equal(1, merged.GetInt32("Attempt"));
        Assert.Equal("alice", merged.GetString("Owner"));
        Assert.NotNull(replaced);
        Assert.Equal("archived", replaced.GetString("Status"));
        Assert.Equal(["Status"], replaced.Properties.Keys);
    }

    [Fact]
    public async Task Replace_with_a_stale_etag_fails_with_412()
    {
        var (store, table) = await CreateTableAsync();
        var stale = await store.InsertAsync(table, new TableEntity("p", "r") { ["Status"] = "pending" }, CancellationToken.None);
        await store.MergeAsync(table, new TableEntity("p", "r") { ["Status"] = "processing" }, stale, CancellationToken.None);

        var error = await Assert.ThrowsAsync<RequestFailedException>(
            () => store.ReplaceAsync(table, new TableEntity("p", "r") { ["Status"] = "failed" }, stale, CancellationToken.None));

        Assert.Equal(412, error.Status);
    }

    [Fact]
    public async Task Delete_removes_the_entity_and_a_second_delete_reports_false()
    {
        var (store, table) = await CreateTableAsync();
        var etag = await store.InsertAsync(table, new TableEntity("p", "r"), CancellationToken.None);

        var stale = await Assert.ThrowsAsync<RequestFailedException>(() => store.DeleteAsync(table, "p", "r", "W/\"datetime'2000-01-01T00%3A00%3A00.0000000Z'\"", CancellationToken.None));
        Assert.True(await store.DeleteAsync(table, "p", "r", etag, CancellationToken.None));
        Assert.False(await store.DeleteAsync(table, "p", "r", "*", CancellationToken.None));
        Assert.Null(await store.GetEntityAsync(table, "p", "r", CancellationToken.None));
        Assert.Equal(412, stale.Status);
    }

    [Fact]
    public async Task Getting_a_missing_entity_returns_null()
    {
        var (store, table) = await CreateTableAsync();

        Assert.Null(await store.GetEntityAsync(table, "p", "missing", CancellationToken.None));
    }

    private async Task<(TableStore Store, string Table)> CreateTableAsync()
    {
        var store = azurite.CreateTableStore();
        var table = AzuriteFixture.NewName("conc");
        await store.CreateTableIfNotExistsAsync(table, CancellationToken.None);
        return (store, table);
    }
}
