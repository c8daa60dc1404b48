using VideoVault.IntegrationTests.Infrastructure;

namespace VideoVault.IntegrationTests.Storage;

[Collection(AzuriteCollection.Name)]
public sealed class BlobContainerTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Creating_a_container_twice_succeeds_and_the_container_holds_blobs()
    {
        var store = azurite.CreateBlobStore();
        var container = AzuriteFixture.NewName("container");

        await store.CreateContainerIfNotExistsAsync(container, CancellationToken.None);
        // The app creates its container on every start; the second call must be a no-op, not a 409.
        await store.CreateContainerIfNotExistsAsync(container, CancellationToken.None);

        await store.UploadAsync(container, "probe.bin", new MemoryStream([1, 2, 3]), new(), CancellationToken.None);
        Assert.NotNull(await store.GetPropertiesAsync(container, "probe.bin", CancellationToken.None));
    }
}
