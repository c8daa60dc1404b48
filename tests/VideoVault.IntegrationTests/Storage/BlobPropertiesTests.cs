using System.Security.Cryptography;
using System.Text;
using VideoVault.IntegrationTests.Infrastructure;
using VideoVault.Storage;

namespace VideoVault.IntegrationTests.Storage;

[Collection(AzuriteCollection.Name)]
public sealed class BlobPropertiesTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_small_upload_reports_its_length_content_type_md5_and_metadata()
    {
        var store = azurite.CreateBlobStore();
        var container = AzuriteFixture.NewName("props");
        await store.CreateContainerIfNotExistsAsync(container, CancellationToken.None);
        var content = Encoding.UTF8.GetBytes("{\"hello\":\"world\"}");
        var options = new BlobUploadOptions
        {
            ContentType = "application/json",
            Metadata = new Dictionary<string, string> { ["taskid"] = "task-42", ["source"] = "piapi" },
        };

        var result = await store.UploadAsync(container, "small.json", new MemoryStream(content), options, CancellationToken.None);
        var properties = await store.GetPropertiesAsync(container, "small.json", CancellationToken.None);

        Assert.NotNull(properties);
        Assert.Equal(content.Length, properties.Length);
        Assert.Equal("application/json", properties.ContentType);
        Assert.Equal(MD5.HashData(content), properties.ContentMd5);
        Assert.Equal(MD5.HashData(content), result.ContentMd5);
        Assert.Equal(SHA256.HashData(content), result.Sha256);
        Assert.Equal(content.Length, result.Length);
        Assert.Equal(1, result.BlockCount);
        Assert.Equal("task-42", properties.Metadata["taskid"]);
        Assert.Equal("piapi", properties.Metadata["source"]);
        Assert.Equal(result.ETag, properties.ETag);
        Assert.NotNull(properties.LastModified);
        Assert.InRange(properties.LastModified.Value, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(5));
    }

    [Fact]
    public async Task Properties_of_a_missing_blob_are_null()
    {
        var store = azurite.CreateBlobStore();
        var container = AzuriteFixture.NewName("missing");
        await store.CreateContainerIfNotExistsAsync(container, CancellationToken.None);

        Assert.Null(await store.GetPropertiesAsync(container, "never-uploaded.mp4", CancellationToken.None));
    }
}
