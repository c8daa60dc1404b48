using Microsoft.Extensions.Options;
using VideoVault.Storage;
using VideoVault.Work;

namespace VideoVault.DevHost.Queues;

/// <summary>Runs the two queue "functions" of the app: the work queue and its poison queue.</summary>
internal sealed class QueueTriggerService(
    StorageClientFactory clients,
    WorkProcessor work,
    PoisonProcessor poison,
    IOptions<VideoVaultOptions> options,
    QueueTriggerSettings settings,
    TimeProvider timeProvider,
    ILoggerFactory loggers) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var logger = loggers.CreateLogger<QueueTriggerService>();
        var service = clients.CreateQueueServiceClient(queueOptions => UndecodableMessages.MoveToPoison(queueOptions, logger));
        var queue = options.Value.WorkQueue;
        return Task.WhenAll(
            new QueueDispatcher(service.GetQueueClient(queue), work.ProcessAsync, settings, timeProvider, logger).RunAsync(stoppingToken),
            new QueueDispatcher(service.GetQueueClient(WorkQueueNames.Poison(queue)), poison.ProcessAsync, settings, timeProvider, logger).RunAsync(stoppingToken));
    }
}
