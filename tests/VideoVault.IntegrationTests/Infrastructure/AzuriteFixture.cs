using VideoVault.Storage;

namespace VideoVault.IntegrationTests.Infrastructure;

/// <summary>One Azurite (HTTP, Shared Key) shared by every test class of <see cref="AzuriteCollection"/>.</summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private AzuriteProcess? _azurite;

    public AzuriteProcess Azurite => _azurite ?? throw new InvalidOperationException("Azurite has not been started yet.");

    public StorageConnection Connection => Azurite.Connection;

    public string ConnectionString => Azurite.ConnectionString;

    /// <summary>
    /// A fresh name valid for a container, a table and a queue alike: lowercase letters and digits only
    /// (tables forbid dashes), starting with a letter, 3-40 characters, unique per call.
    /// </summary>
    public static string NewName(string prefix)
    {
        var letters = new string([.. (prefix ?? string.Empty).ToLowerInvariant().Where(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9')).Take(16)]);
        if (letters.Length == 0 || !char.IsAsciiLetter(letters[0]))
        {
            letters = "t" + letters[..Math.Min(letters.Length, 15)];
        }

        return letters + Guid.NewGuid().ToString("N")[..24];
    }

    public BlobStore CreateBlobStore() => StorageStores.Blob(Connection);

    public TableStore CreateTableStore() => StorageStores.Table(Connection);

    public QueueStore CreateQueueStore(QueueMessageEncoding encoding = QueueMessageEncoding.Base64) => StorageStores.Queue(Connection, encoding);

    public async Task InitializeAsync() => _azurite = await AzuriteProcess.StartAsync();

    public async Task DisposeAsync()
    {
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }
}
