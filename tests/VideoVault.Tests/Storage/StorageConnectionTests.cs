using Azure.Core;
using Moq;
using VideoVault.Storage;

namespace VideoVault.Tests.Storage;

/// <summary>The account name of a token connection signs user delegation SAS, so it must be the real one.</summary>
public sealed class StorageConnectionTests
{
    private static StorageConnection TokenConnection(string blob) =>
        StorageConnection.WithTokenCredential(new Uri(blob), new Uri(blob), new Uri(blob), Mock.Of<TokenCredential>());

    [Theory]
    [InlineData("https://vault.blob.core.windows.net", "vault")]
    [InlineData("https://vault.blob.core.usgovcloudapi.net/", "vault")]
    [InlineData("https://127.0.0.1:10000/devstoreaccount1", "devstoreaccount1")]
    [InlineData("https://localhost:21000/devstoreaccount1/", "devstoreaccount1")]
    [InlineData("https://[::1]:10000/otheraccount", "otheraccount")]
    public void The_account_name_comes_from_the_host_or_for_path_style_endpoints_the_first_segment(string blob, string account) =>
        Assert.Equal(account, TokenConnection(blob).AccountName);

    [Fact]
    public void A_shared_key_connection_is_named_by_its_key()
    {
        var key = new StorageSharedKeyCredential("vault", Convert.ToBase64String(new byte[32]));
        var endpoint = new Uri("https://127.0.0.1:10000/devstoreaccount1/");

        var connection = StorageConnection.WithSharedKey(endpoint, endpoint, endpoint, key);

        Assert.Equal("vault", connection.AccountName);
        Assert.Null(connection.TokenCredential);
        Assert.Equal("https://127.0.0.1:10000/devstoreaccount1", connection.BlobEndpoint.AbsoluteUri);
    }
}
