using VideoVault.IntegrationTests.Infrastructure;

namespace VideoVault.IntegrationTests.Storage;

[Collection(AzuriteCollection.Name)]
public sealed class BlobDeleteAndListTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Delete_reports_true_for_an_existing_blob_then_false()
    {
        var store = azurite.CreateBlobStore();
        var container = AzuriteFixture.NewName("delete");
        await store.CreateContainerIfNotExistsAsync(container, CancellationToken.None);
        await store.UploadAsync(container, "gone.bin", new MemoryStream([1]), new(), CancellationToken.None);

        Assert.True(await store.DeleteIfExistsAsync(container, "gone.bin", CancellationToken.None));
        Assert.False(await store.DeleteIfExistsAsync(container, "gone.bin", CancellationToken.None));
        Assert.Null(await store.GetPropertiesAsync(container, "gone.bin", CancellationToken.None));
    }

    [Fact]
    public async Task List_with_a_prefix_returns_only_matching_blobs_with_their_lengths()
    {
        var store = azurite.CreateBlobStore();
        var container = AzuriteFixture.NewName("list");
        await store.CreateContainerIfNotExistsAsync(container, CancellationToken.None);
        string[] wanted = ["videos/2025/a.mp4", "videos/2025/b.mp4", "videos/2025/sub/c.mp4"];
        var index = 0;
        foreach (var name in wanted.Append("thumbs/a.jpg").Append("videos/2024/old.mp4"))
        {
            await store.UploadAsync(container, name, new MemoryStream(new byte[++index]), new(), CancellationToken.None);
        }

        var listed = await store.ListAsync(container, "videos/2025/", CancellationToken.None).ToListAsync();

        Assert.Equal(wanted, listed.Select(b => b.Name).Order(StringComparer.Ordinal));
        Assert.Equal([1L, 2L, 3L], listed.OrderBy(b => b.Name, StringComparer.Ordinal).Select(b => b.Length));
    }
}
