using System.Runtime.CompilerServices;
using VideoVault.Events;
using VideoVault.Tasks;

namespace VideoVault.Tests.Fakes;

/// <summary>
/// The events side of the in-memory task table, as the Table event store reads what the task store wrote:
/// a task's events sit beside it, arrive only with a change of the task, and every later write of one is
/// guarded by its own ETag.
/// </summary>
internal sealed partial class InMemoryTaskStore : ITaskEventStore
{
    /// <summary>The events of <paramref name="taskId"/> in sequence order, as stored.</summary>
    public IReadOnlyList<TaskEventRecord> EventsOf(string taskId)
    {
        lock (_gate)
        {
            return [.. EventRows(taskId).Values];
        }
    }

    /// <summary>Stores events as if earlier changes of their task had raised them, each with a fresh ETag.</summary>
    public void SeedEvents(params TaskEventRecord[] records)
    {
        lock (_gate)
        {
            foreach (var record in records)
            {
                EventRows(record.TaskId)[record.Sequence] = record with { ETag = NextETag() };
            }
        }
    }

    public Task<TaskEventLog?> ReadAsync(string taskId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_tasks.TryGetValue(taskId, out var entry) ? new TaskEventLog(entry.Task, [.. EventRows(taskId).Values]) : null);
        }
    }

    public Task<TaskEventRecord?> GetAsync(string taskId, int sequence, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(EventRows(taskId).GetValueOrDefault(sequence));
        }
    }

    public Task<TaskEventRecord?> TryReplaceAsync(TaskEventRecord record, CancellationToken cancellationToken)
    {
        var etag = record.ETag ?? throw new ArgumentException($"Event {record.Id} has no ETag.", nameof(record));
        lock (_gate)
        {
            var rows = EventRows(record.TaskId);
            if (!rows.TryGetValue(record.Sequence, out var current) || current.ETag != etag)
            {
                return Task.FromResult<TaskEventRecord?>(null);
            }

            var written = record with { ETag = NextETag() };
            rows[record.Sequence] = written;
            return Task.FromResult<TaskEventRecord?>(written);
        }
    }

    public IAsyncEnumerable<IReadOnlyList<string>> FindUndeliveredAsync(DateTimeOffset dueBefore, CancellationToken cancellationToken) =>
        throw new NotSupportedException("The sweep's query is tested against Azurite.");

    public async IAsyncEnumerable<TaskEventRecord> FindForReceiverAsync(string receiver, DateTimeOffset since, IReadOnlyList<WebhookDeliveryState> states, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        List<TaskEventRecord> found;
        lock (_gate)
        {
            found = [.. _events.Values.SelectMany(rows => rows.Values).Where(e => e.Receiver == receiver && e.OccurredAt >= since && states.Contains(e.Webhook))];
        }

        await Task.CompletedTask.ConfigureAwait(false);
        foreach (var record in found)
        {
            yield return record;
        }
    }

    /// <summary>The event rows of a task, created empty on first use; call holding the gate.</summary>
    private SortedDictionary<int, TaskEventRecord> EventRows(string taskId)
    {
        if (!_events.TryGetValue(taskId, out var rows))
        {
            rows = [];
            _events[taskId] = rows;
        }

        return rows;
    }
}
