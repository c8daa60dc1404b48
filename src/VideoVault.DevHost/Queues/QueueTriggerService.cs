using Azure.Storage.Queues;
using VideoVault.Hosting;

namespace VideoVault.DevHost.Queues;

/// <summary>
/// Runs the two queue "functions" of the app: the work queue and its poison queue, reading messages in
/// host.json's <c>messageEncoding</c>, as the Functions host does.
/// </summary>
internal sealed class QueueTriggerService(
    BackgroundWork work,
    QueueTriggerSettings settings,
    TimeProvider timeProvider,
    ILoggerFactory loggers) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var logger = loggers.CreateLogger<QueueTriggerService>();
        var service = work.CreateQueueServiceClient(queueOptions =>
        {
            queueOptions.MessageEncoding = settings.MessageEncoding;
            if (settings.MessageEncoding != QueueMessageEncoding.None)
            {
                UndecodableMessages.MoveToPoison(queueOptions, work.CreateQueueServiceClient(raw => raw.MessageEncoding = QueueMessageEncoding.None), logger);
            }
        });
        var queue = work.WorkQueue;
        return Task.WhenAll(
            new QueueDispatcher(service.GetQueueClient(queue), work.ProcessWorkAsync, settings, timeProvider, logger).RunAsync(stoppingToken),
            new QueueDispatcher(service.GetQueueClient(WorkQueueNames.Poison(queue)), work.ProcessPoisonAsync, settings, timeProvider, logger).RunAsync(stoppingToken));
    }
}
