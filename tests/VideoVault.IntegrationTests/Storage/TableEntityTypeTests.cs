using VideoVault.IntegrationTests.Infrastructure;
using VideoVault.Storage;

namespace VideoVault.IntegrationTests.Storage;

[Collection(AzuriteCollection.Name)]
public sealed class TableEntityTypeTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Creating_a_table_twice_succeeds()
    {
        var store = azurite.CreateTableStore();
        var table = AzuriteFixture.NewName("tasks");

        await store.CreateTableIfNotExistsAsync(table, CancellationToken.None);
        await store.CreateTableIfNotExistsAsync(table, CancellationToken.None);

        await store.InsertAsync(table, new TableEntity("p", "r"), CancellationToken.None);
    }

    [Fact]
    public async Task Every_supported_type_round_trips_exactly()
    {
        var store = azurite.CreateTableStore();
        var table = AzuriteFixture.NewName("types");
        await store.CreateTableIfNotExistsAsync(table, CancellationToken.None);
        // 100 ns precision: the last digit of the ticks must survive.
        var time = new DateTimeOffset(2025, 3, 4, 5, 6, 7, TimeSpan.Zero).AddTicks(1_234_567);
        var guid = Guid.NewGuid();
        var entity = new TableEntity("partition", "row")
        {
            ["Text"] = "héllo 🌍",
            ["Int"] = -123_456,
            ["Long"] = (1L << 53) + 1,
            ["LongMax"] = long.MaxValue,
            ["Double"] = 3.25,
            ["WholeDouble"] = 2.0,
            ["TinyDouble"] = 1e-300,
            ["Bool"] = true,
            ["False"] = false,
            ["Time"] = time,
            ["Guid"] = guid,
            ["Bytes"] = new byte[] { 0, 1, 2, 254, 255 },
        };

        var etag = await store.InsertAsync(table, entity, CancellationToken.None);
        var read = await store.GetEntityAsync(table, "partition", "row", CancellationToken.None);

        Assert.NotNull(read);
        Assert.Equal(etag, read.ETag);
        Assert.NotNull(read.Timestamp);
        Assert.Equal("héllo 🌍", read["Text"]);
        Assert.Equal(-123_456, Assert.IsType<int>(read["Int"]));
        Assert.Equal((1L << 53) + 1, Assert.IsType<long>(read["Long"]));
        Assert.Equal(long.MaxValue, Assert.IsType<long>(read["LongMax"]));
        Assert.Equal(3.25, Assert.IsType<double>(read["Double"]));
        Assert.Equal(2.0, Assert.IsType<double>(read["WholeDouble"]));
        Assert.Equal(1e-300, Assert.IsType<double>(read["TinyDouble"]));
        Assert.True(Assert.IsType<bool>(read["Bool"]));
        Assert.False(Assert.IsType<bool>(read["False"]));
        Assert.Equal(time, Assert.IsType<DateTimeOffset>(read["Time"]));
        Assert.Equal(time.UtcTicks, read.GetDateTimeOffset("Time")!.Value.UtcTicks);
        Assert.Equal(guid, Assert.IsType<Guid>(read["Guid"]));
        Assert.Equal([0, 1, 2, 254, 255], Assert.IsType<byte[]>(read["Bytes"]));
        Assert.Equal(12, read.Properties.Count);
    }

    [Fact]
    public async Task A_query_returns_the_same_types_as_a_point_read()
    {
        var store = azurite.CreateTableStore();
        var table = AzuriteFixture.NewName("qtypes");
        await store.CreateTableIfNotExistsAsync(table, CancellationToken.None);
        var time = DateTimeOffset.UnixEpoch.AddTicks(638_000_000_000_000_001);
        await store.InsertAsync(table, new TableEntity("p", "r") { ["Long"] = long.MinValue, ["WholeDouble"] = 5.0, ["Time"] = time }, CancellationToken.None);

        var page = await store.QueryAsync(table, new TableQuery(), CancellationToken.None);

        var read = Assert.Single(page.Entities);
        Assert.Equal(long.MinValue, Assert.IsType<long>(read["Long"]));
        Assert.Equal(5.0, Assert.IsType<double>(read["WholeDouble"]));
        Assert.Equal(time, Assert.IsType<DateTimeOffset>(read["Time"]));
        Assert.False(string.IsNullOrEmpty(read.ETag));
    }
}
