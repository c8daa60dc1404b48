using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using VideoVault.Archiving;
using VideoVault.Budgets;
using VideoVault.Events;
using VideoVault.Events.Receivers;
using VideoVault.Tasks;
using VideoVault.Work;

namespace VideoVault.Storage;

internal static class AzureStoreRegistration
{
    /// <summary>
    /// The Azure implementation of every store the core names: tasks, events, receivers, budgets, videos and the
    /// work queue. Each is registered with TryAdd, so a test that registered its own first keeps it.
    /// </summary>
    public static IServiceCollection AddAzureStores(this IServiceCollection services)
    {
        services.TryAddSingleton<ITaskStore, TableTaskStore>();
        services.TryAddSingleton<ITaskEventStore, TableTaskEventStore>();
        services.TryAddSingleton<IEventQueue, StorageEventQueue>();
        services.TryAddSingleton<IWebhookReceiverStore, TableWebhookReceiverStore>();
        services.TryAddSingleton<IBudgetLedger, TableBudgetLedger>();
        services.TryAddSingleton<IVideoBlobStore, BlobVideoStore>();
        services.TryAddSingleton<IWorkQueue>(provider => new StorageWorkQueue(
            provider.GetRequiredService<StorageClientFactory>().CreateWorkQueueServiceClient(),
            provider.GetRequiredService<IOptions<VideoVaultOptions>>(),
            provider.GetRequiredService<TimeProvider>()));
        return services;
    }
}
