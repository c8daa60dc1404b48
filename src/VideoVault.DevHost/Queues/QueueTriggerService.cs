using Microsoft.Extensions.Options;
using VideoVault.Storage;
using VideoVault.Work;

namespace VideoVault.DevHost.Queues;

/// <summary>Runs the two queue "functions" of the app: the work queue and its poison queue.</summary>
internal sealed class QueueTriggerService(
    IQueueStore queues,
    StorageBootstrap bootstrap,
    WorkProcessor work,
    PoisonProcessor poison,
    IOptions<VideoVaultOptions> options,
    QueueTriggerSettings settings,
    TimeProvider timeProvider,
    ILoggerFactory loggers) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var queue = options.Value.WorkQueue;
        var logger = loggers.CreateLogger<QueueTriggerService>();
        return Task.WhenAll(
            new QueueDispatcher(queue, work.ProcessAsync, queues, bootstrap, settings, timeProvider, logger).RunAsync(stoppingToken),
            new QueueDispatcher(WorkQueueNames.Poison(queue), poison.ProcessAsync, queues, bootstrap, settings, timeProvider, logger).RunAsync(stoppingToken));
    }
}
