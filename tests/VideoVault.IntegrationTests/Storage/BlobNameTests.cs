using System.Text;
using VideoVault.IntegrationTests.Infrastructure;

namespace VideoVault.IntegrationTests.Storage;

[Collection(AzuriteCollection.Name)]
public sealed class BlobNameTests(AzuriteFixture azurite)
{
    public static TheoryData<string> Names => new()
    {
        "with space/and more spaces.mp4",
        "unicode/vidéo-日本語-🎬.mp4",
        "deep/a/b/c/d/e.mp4",
        "reserved chars/a+b=c&d;e,f@g$h!i'(j)*.mp4",
        "percent%20literal#hash?.mp4",
    };

    [Theory]
    [MemberData(nameof(Names))]
    public async Task Names_with_spaces_unicode_slashes_and_reserved_characters_round_trip(string blobName)
    {
        var store = azurite.CreateBlobStore();
        var container = AzuriteFixture.NewName("names");
        await store.CreateContainerIfNotExistsAsync(container, CancellationToken.None);
        var content = Encoding.UTF8.GetBytes(blobName);

        await store.UploadAsync(container, blobName, new MemoryStream(content), new(), CancellationToken.None);
        var properties = await store.GetPropertiesAsync(container, blobName, CancellationToken.None);
        var listed = await store.ListAsync(container, null, CancellationToken.None).ToListAsync();
        var sas = await store.CreateReadSasUriAsync(container, blobName, TimeSpan.FromMinutes(5), CancellationToken.None);
        using var http = new HttpClient();
        var downloaded = await http.GetByteArrayAsync(sas);

        Assert.NotNull(properties);
        Assert.Equal(content.Length, properties.Length);
        Assert.Equal(blobName, Assert.Single(listed).Name);
        Assert.Equal(content, downloaded);
        Assert.True(await store.DeleteIfExistsAsync(container, blobName, CancellationToken.None));
    }
}
