using System.Security.Cryptography;
using VideoVault.Archiving;
using VideoVault.IntegrationTests.Infrastructure;
using VideoVault.Storage;

namespace VideoVault.IntegrationTests.Storage;

/// <summary>
/// The managed-identity path: with a token credential the account key is out of reach, so the video
/// store signs its read links with a user delegation key (Azurite over HTTPS with <c>--oauth basic</c>).
/// </summary>
public sealed class UserDelegationSasTests(OAuthAzuriteFixture azurite) : IClassFixture<OAuthAzuriteFixture>
{
    [Fact]
    public async Task A_token_client_uploads_and_signs_a_read_only_delegation_link()
    {
        var service = azurite.CreateTokenBlobClient();
        var store = new BlobVideoStore(service, AzuriteFixture.AppOptions(), TimeProvider.System);
        var bytes = RandomNumberGenerator.GetBytes(70_000);
        await store.UploadAsync("v/token.mp4", new MemoryStream(bytes), new VideoUploadOptions { ContentType = "video/mp4", BlockSize = 32 * 1024, MaxConcurrency = 2 }, CancellationToken.None);

        var first = await store.CreateReadUriAsync("v/token.mp4", TimeSpan.FromMinutes(15), CancellationToken.None);
        var second = await store.CreateReadUriAsync("v/token.mp4", TimeSpan.FromMinutes(15), CancellationToken.None);

        Assert.False(service.CanGenerateAccountSasUri);
        Assert.Contains("skoid=", first.Query, StringComparison.Ordinal);
        Assert.Contains("sp=r&", first.Query, StringComparison.Ordinal);
        using var http = new HttpClient(azurite.Certificate.CreateHandler());
        Assert.Equal(bytes, await http.GetByteArrayAsync(first));
        using var put = new HttpRequestMessage(HttpMethod.Put, first) { Content = new ByteArrayContent([1]) };
        put.Headers.Add("x-ms-blob-type", "BlockBlob");
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, (await http.SendAsync(put)).StatusCode);

        // One delegation key serves both links (same signed key start).
        Assert.Equal(Param(first, "skt"), Param(second, "skt"));
    }

    private static string Param(Uri uri, string name) =>
        uri.Query.TrimStart('?').Split('&').Single(pair => pair.StartsWith(name + "=", StringComparison.Ordinal));
}
