using Azure.Storage.Queues;
using Microsoft.Extensions.Options;
using VideoVault.Storage;
using VideoVault.Workers;

namespace VideoVault.DevHost.Queues;

/// <summary>
/// Runs the two queue "functions" of the app: the work queue and its poison queue, reading messages in
/// host.json's <c>messageEncoding</c>, as the Functions host does.
/// </summary>
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
        var service = clients.CreateQueueServiceClient(queueOptions =>
        {
            queueOptions.MessageEncoding = settings.MessageEncoding;
            if (settings.MessageEncoding != QueueMessageEncoding.None)
            {
                UndecodableMessages.MoveToPoison(queueOptions, clients.CreateQueueServiceClient(raw => raw.MessageEncoding = QueueMessageEncoding.None), logger);
            }
        });
        var queue = options.Value.WorkQueue;
        return Task.WhenAll(
            new QueueDispatcher(service.GetQueueClient(queue), work.ProcessAsync, settings, timeProvider, logger).RunAsync(stoppingToken),
            new QueueDispatcher(service.GetQueueClient(WorkQueueNames.Poison(queue)), poison.ProcessAsync, settings, timeProvider, logger).RunAsync(stoppingToken));
    }
}
