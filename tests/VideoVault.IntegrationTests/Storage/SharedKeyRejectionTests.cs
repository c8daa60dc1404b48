using Azure;
using VideoVault.IntegrationTests.Infrastructure;
using VideoVault.Storage;

namespace VideoVault.IntegrationTests.Storage;

/// <summary>Azurite checks Shared Key signatures, so a wrong key must be refused by every service.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class SharedKeyRejectionTests(AzuriteFixture azurite)
{
    private StorageConnection WrongKey()
    {
        var other = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(64));
        return StorageConnection.Parse(azurite.ConnectionString.Replace(AzuriteProcess.AccountKey, other, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Blob_requests_signed_with_a_wrong_key_are_refused_with_403()
    {
        var store = StorageStores.Blob(WrongKey());

        var error = await Assert.ThrowsAsync<RequestFailedException>(
            () => store.CreateContainerIfNotExistsAsync(AzuriteFixture.NewName("denied"), CancellationToken.None));

        Assert.Equal(403, error.Status);
        Assert.Equal("AuthorizationFailure", error.ErrorCode);
    }

    [Fact]
    public async Task Table_requests_signed_with_a_wrong_key_are_refused_with_403()
    {
        var store = StorageStores.Table(WrongKey());

        var error = await Assert.ThrowsAsync<RequestFailedException>(
            () => store.CreateTableIfNotExistsAsync(AzuriteFixture.NewName("denied"), CancellationToken.None));

        Assert.Equal(403, error.Status);
    }

    [Fact]
    public async Task Queue_requests_signed_with_a_wrong_key_are_refused_with_403()
    {
        var store = StorageStores.Queue(WrongKey());

        var error = await Assert.ThrowsAsync<RequestFailedException>(
            () => store.CreateQueueIfNotExistsAsync(AzuriteFixture.NewName("denied"), CancellationToken.None));

        Assert.Equal(403, error.Status);
    }
}
