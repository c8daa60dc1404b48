using VideoVault.Storage;

namespace VideoVault.IntegrationTests.Infrastructure;

/// <summary>The product's stores for a connection, with default client options and the system clock.</summary>
public static class StorageStores
{
    public static BlobStore Blob(StorageConnection connection, StorageClientOptions? options = null) =>
        new(connection, options ?? new StorageClientOptions(), TimeProvider.System);

    public static TableStore Table(StorageConnection connection, StorageClientOptions? options = null) =>
        new(connection, options ?? new StorageClientOptions(), TimeProvider.System);

    public static QueueStore Queue(StorageConnection connection, QueueMessageEncoding encoding = QueueMessageEncoding.Base64, StorageClientOptions? options = null) =>
        new(connection, options ?? new StorageClientOptions(), TimeProvider.System, encoding);
}
