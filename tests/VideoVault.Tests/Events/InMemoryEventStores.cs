using System.Globalization;
using System.Runtime.CompilerServices;
using VideoVault.Events;
using VideoVault.Events.Receivers;
using VideoVault.Tasks;

namespace VideoVault.Tests.Events;

/// <summary><see cref="ITaskEventStore"/> in memory: one task and its events, each write ETag-guarded like Table Storage.</summary>
internal sealed class InMemoryTaskEventStore : ITaskEventStore
{
    private readonly Lock _gate = new();
    private readonly SortedDictionary<int, TaskEventRecord> _events = [];
    private int _etag;

    public VideoTask? Task { get; set; }

    public IReadOnlyList<TaskEventRecord> Events
    {
        get
        {
            lock (_gate)
            {
                return [.. _events.Values];
            }
        }
    }

    /// <summary>Stores events as the task's transaction does, each with a fresh ETag.</summary>
    public void Add(params TaskEventRecord[] records)
    {
        lock (_gate)
        {
            foreach (var record in records)
            {
                _events[record.Sequence] = record with { ETag = NextETag() };
            }
        }
    }

    public Task<TaskEventLog?> ReadAsync(string taskId, CancellationToken cancellationToken) =>
        System.Threading.Tasks.Task.FromResult(Task?.Id == taskId ? new TaskEventLog(Task, Events) : null);

    public Task<TaskEventRecord?> GetAsync(string taskId, int sequence, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return System.Threading.Tasks.Task.FromResult(_events.GetValueOrDefault(sequence));
        }
    }

    public Task<TaskEventRecord?> TryReplaceAsync(TaskEventRecord record, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_events.TryGetValue(record.Sequence, out var current) || current.ETag != record.ETag)
            {
                return System.Threading.Tasks.Task.FromResult<TaskEventRecord?>(null);
            }

            var written = record with { ETag = NextETag() };
            _events[record.Sequence] = written;
            return System.Threading.Tasks.Task.FromResult<TaskEventRecord?>(written);
        }
    }

    public IAsyncEnumerable<IReadOnlyList<string>> FindUndeliveredAsync(DateTimeOffset dueBefore, CancellationToken cancellationToken) =>
        throw new NotSupportedException("The sweep is tested against Azurite.");

    public async IAsyncEnumerable<TaskEventRecord> FindForReceiverAsync(string receiver, DateTimeOffset since, IReadOnlyList<WebhookDeliveryState> states, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await System.Threading.Tasks.Task.Yield();
        foreach (var record in Events.Where(e => e.Receiver == receiver && e.OccurredAt >= since && states.Contains(e.Webhook)))
        {
            yield return record;
        }
    }

    private string NextETag() => (++_etag).ToString(CultureInfo.InvariantCulture);
}

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
