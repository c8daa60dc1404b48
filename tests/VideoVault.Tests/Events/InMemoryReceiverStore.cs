using System.Globalization;
using VideoVault.Events.Receivers;

namespace VideoVault.Tests.Events;

/// <summary><see cref="IWebhookReceiverStore"/> in memory, ETag-guarded; counts its reads, which a delivery should rarely need.</summary>
internal sealed class InMemoryReceiverStore : IWebhookReceiverStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, WebhookReceiver> _receivers = new(StringComparer.Ordinal);
    private int _etag;

    public int Reads { get; private set; }

    public int Writes { get; private set; }

    public Task<WebhookReceiver?> GetAsync(string key, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            Reads++;
            return Task.FromResult(_receivers.GetValueOrDefault(key));
        }
    }

    public Task<WebhookReceiver?> TryWriteAsync(WebhookReceiver receiver, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var exists = _receivers.TryGetValue(receiver.Key, out var current);
            if (exists != (receiver.ETag is not null) || (exists && current!.ETag != receiver.ETag))
            {
                return Task.FromResult<WebhookReceiver?>(null);
            }

            Writes++;
            var written = receiver with { ETag = (++_etag).ToString(CultureInfo.InvariantCulture) };
            _receivers[receiver.Key] = written;
            return Task.FromResult<WebhookReceiver?>(written);
        }
    }

    public Task<IReadOnlyList<WebhookReceiver>> ListAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<WebhookReceiver>>([.. _receivers.Values]);
        }
    }
}
