using System.Net;
using System.Security.Cryptography;
using VideoVault.IntegrationTests.Infrastructure;
using VideoVault.Storage;

namespace VideoVault.IntegrationTests.Storage;

/// <summary>The managed-identity path: bearer tokens over HTTPS against Azurite with basic OAuth.</summary>
public sealed class BearerTokenTests(OAuthAzuriteFixture azurite) : IClassFixture<OAuthAzuriteFixture>
{
    [Fact]
    public async Task Blob_create_upload_and_properties_work_with_a_token_credential()
    {
        var store = new BlobStore(azurite.TokenConnection, azurite.CreateClientOptions(), TimeProvider.System);
        var container = AzuriteFixture.NewName("oauth");
        var content = RandomNumberGenerator.GetBytes(300_000);

        await store.CreateContainerIfNotExistsAsync(container, CancellationToken.None);
        var result = await store.UploadAsync(container, "token.mp4", new MemoryStream(content), new BlobUploadOptions { BlockSize = 128 * 1024, ContentType = "video/mp4" }, CancellationToken.None);
        var properties = await store.GetPropertiesAsync(container, "token.mp4", CancellationToken.None);

        Assert.NotNull(properties);
        Assert.Equal(content.Length, properties.Length);
        Assert.Equal(MD5.HashData(content), properties.ContentMd5);
        Assert.Equal(3, result.BlockCount);
        Assert.Contains("https://storage.azure.com/.default", azurite.Credential.LastScopes);
    }

    [Fact]
    public async Task A_user_delegation_sas_downloads_the_blob_over_https()
    {
        var store = new BlobStore(azurite.TokenConnection, azurite.CreateClientOptions(), TimeProvider.System);
        var container = AzuriteFixture.NewName("udk");
        var content = RandomNumberGenerator.GetBytes(10_000);
        await store.CreateContainerIfNotExistsAsync(container, CancellationToken.None);
        await store.UploadAsync(container, "folder/del egated.mp4", new MemoryStream(content), new(), CancellationToken.None);

        var sas = await store.CreateReadSasUriAsync(container, "folder/del egated.mp4", TimeSpan.FromMinutes(10), CancellationToken.None);
        using var http = azurite.Certificate.CreateHttpClient();
        using var response = await http.GetAsync(sas);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(content, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(Uri.UriSchemeHttps, sas.Scheme);
        Assert.Contains("skoid=" + azurite.Credential.ObjectId, sas.Query, StringComparison.Ordinal);
        Assert.DoesNotContain("AccountKey", sas.AbsoluteUri, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_user_delegation_sas_cannot_write()
    {
        var store = new BlobStore(azurite.TokenConnection, azurite.CreateClientOptions(), TimeProvider.System);
        var container = AzuriteFixture.NewName("udkro");
        await store.CreateContainerIfNotExistsAsync(container, CancellationToken.None);
        await store.UploadAsync(container, "ro.bin", new MemoryStream([1]), new(), CancellationToken.None);

        var sas = await store.CreateReadSasUriAsync(container, "ro.bin", TimeSpan.FromMinutes(10), CancellationToken.None);
        using var http = azurite.Certificate.CreateHttpClient();
        using var put = new HttpRequestMessage(HttpMethod.Put, sas) { Content = new ByteArrayContent([2]) };
        put.Headers.Add("x-ms-blob-type", "BlockBlob");
        using var response = await http.SendAsync(put);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Table_insert_and_get_work_with_a_token_credential()
    {
        var store = new TableStore(azurite.TokenConnection, azurite.CreateClientOptions(), TimeProvider.System);
        var table = AzuriteFixture.NewName("oauth");

        await store.CreateTableIfNotExistsAsync(table, CancellationToken.None);
        var etag = await store.InsertAsync(table, new TableEntity("p", "r") { ["Status"] = "pending" }, CancellationToken.None);
        var read = await store.GetEntityAsync(table, "p", "r", CancellationToken.None);

        Assert.NotNull(read);
        Assert.Equal("pending", read.GetString("Status"));
        Assert.Equal(etag, read.ETag);
    }

    [Fact]
    public async Task Queue_send_and_receive_work_with_a_token_credential()
    {
        var store = new QueueStore(azurite.TokenConnection, azurite.CreateClientOptions(), TimeProvider.System);
        var queue = AzuriteFixture.NewName("oauth");

        await store.CreateQueueIfNotExistsAsync(queue, CancellationToken.None);
        await store.SendAsync(queue, "{\"kind\":\"submit\"}", null, null, CancellationToken.None);
        var received = Assert.Single(await store.ReceiveAsync(queue, 1, TimeSpan.FromSeconds(30), CancellationToken.None));
        await store.DeleteAsync(queue, received.MessageId, received.PopReceipt, CancellationToken.None);

        Assert.Equal("{\"kind\":\"submit\"}", received.Text);
    }
}
