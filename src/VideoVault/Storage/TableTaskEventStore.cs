using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using VideoVault.Events;
using VideoVault.Tasks;

namespace VideoVault.Storage;

/// <summary>
/// Events in the task table, in their task's partition: <see cref="TableTaskStore"/> writes a task and its
/// new events as one entity-group transaction, and one query of the partition reads a task with all its events.
/// </summary>
internal sealed class TableTaskEventStore : ITaskEventStore
{
    private const int SweepPageSize = 1000;
    private static readonly string[] SweepColumns = ["PartitionKey"];

    private readonly TableClient _table;
    private readonly CreateOnce _created;

    public TableTaskEventStore(TableServiceClient service, IOptions<VideoVaultOptions> options)
    {
        _table = service.GetTableClient(options.Value.TaskTable);
        _created = new CreateOnce(ct => _table.CreateIfNotExistsAsync(ct));
    }

    public async Task<TaskEventLog?> ReadAsync(string taskId, CancellationToken cancellationToken)
    {
        await _created.EnsureAsync(cancellationToken).ConfigureAwait(false);
        VideoTask? task = null;
        var events = new List<TaskEventRecord>();
        await foreach (var entity in _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {taskId}"), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (entity.RowKey == TaskEntityMapper.RowKey)
            {
                task = TaskEntityMapper.FromEntity(entity);
            }
            else if (TaskEventEntityMapper.IsEvent(entity))
            {
                events.Add(TaskEventEntityMapper.FromEntity(entity));
            }
        }

        // RowKeys are zero-padded, so the partition already comes back in sequence order.
        return task is null ? null : new TaskEventLog(task, events);
    }

    public async Task<TaskEventRecord?> GetAsync(string taskId, int sequence, CancellationToken cancellationToken)
    {
        await _created.EnsureAsync(cancellationToken).ConfigureAwait(false);
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(taskId, TaskEventEntityMapper.RowKey(sequence), cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue ? TaskEventEntityMapper.FromEntity(response.Value!) : null;
    }

    public async Task<TaskEventRecord?> TryReplaceAsync(TaskEventRecord record, CancellationToken cancellationToken)
    {
        var etag = record.ETag ?? throw new ArgumentException($"Event {record.Id} has no ETag: a write must say which state it was decided on.", nameof(record));
        try
        {
            var response = await _table.UpdateEntityAsync(TaskEventEntityMapper.ToEntity(record), new ETag(etag), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            return record with { ETag = response.Headers.ETag?.ToString() };
        }
        catch (RequestFailedException exception) when (exception.Status is 412 or 404)
        {
            return null;
        }
    }

    /// <summary>A filtered scan of the event rows that reads one column a page at a time, like the reconcile sweep.</summary>
    public async IAsyncEnumerable<IReadOnlyList<string>> FindUndeliveredAsync(DateTimeOffset dueBefore, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await _created.EnsureAsync(cancellationToken).ConfigureAwait(false);
        var pending = WebhookStateNames.ToName(WebhookDeliveryState.Pending);
        var filter = TableClient.CreateQueryFilter(
            $"RowKey ge {TaskEventEntityMapper.RowKeyPrefix} and RowKey lt {TaskEventEntityMapper.RowKeyEnd} and ((Webhook eq {pending} and DueAt lt {dueBefore}) or (Published eq {false} and OccurredAt lt {dueBefore}))");
        var query = _table.QueryAsync<TableEntity>(filter, SweepPageSize, SweepColumns, cancellationToken);
        await foreach (var page in query.AsPages(pageSizeHint: SweepPageSize).WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            yield return [.. page.Values.Select(entity => entity.PartitionKey).Distinct(StringComparer.Ordinal)];
        }
    }

    public async IAsyncEnumerable<TaskEventRecord> FindForReceiverAsync(string receiver, DateTimeOffset since, IReadOnlyList<WebhookDeliveryState> states, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await _created.EnsureAsync(cancellationToken).ConfigureAwait(false);
        var inStates = string.Join(" or ", states.Select(state => TableClient.CreateQueryFilter($"Webhook eq {WebhookStateNames.ToName(state)}")));
        var filter = TableClient.CreateQueryFilter(
            $"RowKey ge {TaskEventEntityMapper.RowKeyPrefix} and RowKey lt {TaskEventEntityMapper.RowKeyEnd} and Receiver eq {receiver} and OccurredAt ge {since}") + $" and ({inStates})";
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, SweepPageSize, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            yield return TaskEventEntityMapper.FromEntity(entity);
        }
    }
}
