using Azure.Storage.Queues;
using Microsoft.Extensions.Options;
using VideoVault.Events;

namespace VideoVault.Storage;

/// <summary>
/// The events queue on Queue Storage, base64 like the work queue (what a Functions queue trigger reads
/// by default). Messages keep Queue Storage's default time to live of 7 days: an event nobody consumed
/// by then is still listed by <c>GET /api/tasks/{id}/events</c>.
/// </summary>
internal sealed class StorageEventQueue : IEventQueue
{
    private readonly QueueClient _queue;
    private readonly CreateOnce _created;

    public StorageEventQueue(QueueServiceClient service, IOptions<EventOptions> options)
    {
        _queue = service.GetQueueClient(options.Value.Queue);
        _created = new CreateOnce(ct => _queue.CreateIfNotExistsAsync(cancellationToken: ct));
    }

    public async Task PublishAsync(string cloudEventJson, CancellationToken cancellationToken)
    {
        await _created.EnsureAsync(cancellationToken).ConfigureAwait(false);
        await _queue.SendMessageAsync(cloudEventJson, cancellationToken).ConfigureAwait(false);
    }
}
