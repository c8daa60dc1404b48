using Azure.Data.Tables;
using VideoVault.Events;
using VideoVault.Storage;
using VideoVault.Tasks;

namespace VideoVault.Benchmarks.Floors;

/// <summary>
/// The rows of one status change that raises one event, as the app's mappers make them from a
/// <see cref="CapturedWrite"/>: the task row, the event row as the transaction adds it and as its delivery
/// leaves it, the CloudEvent, and the index rows. Each instance is used by one change only (a floor may set
/// a field it learns late, such as PiAPI's task id).
/// </summary>
internal sealed record TransitionRows(
    string TaskId,
    TableEntity Task,
    TableEntity Event,
    TableEntity PublishedEvent,
    string CloudEvent,
    TableEntity StatusIndexRow,
    TableEntity AllIndexRow,
    TableEntity ConfirmedStatusIndexRow,
    TableEntity ConfirmedAllIndexRow,
    string LeftIndexPartition)
{
    public string IndexRowKey => StatusIndexRow.RowKey;

    public static async Task<TransitionRows> CreateAsync(CapturedWrite write, EventPayloads payloads)
    {
        var (task, record) = (write.Task, write.Events is [var only] ? only : throw new InvalidOperationException($"The change raised {write.Events.Count} events; the floors mirror changes raising one."));
        var view = await payloads.ViewAsync(record, CancellationToken.None);

        // As EventDeliverer finishes an event it only had to publish: published now, its lease given back.
        var published = record with { PublishedAt = DateTimeOffset.UtcNow, LeaseUntil = null };
        var rowKey = TaskIndexRow.RowKeyOf(task);
        var summary = TaskSummary.Of(task);
        var status = TaskIndexRow.PartitionOf(task.Status);
        return new TransitionRows(
            task.Id,
            TaskEntityMapper.ToEntity(task),
            TaskEventEntityMapper.ToEntity(record),
            TaskEventEntityMapper.ToEntity(published),
            payloads.CloudEvent(record, view),
            TaskIndexEntity.Summarised(status, rowKey, summary, pending: true),
            TaskIndexEntity.Summarised(TaskIndexRow.AllPartition, rowKey, summary, pending: true),
            TaskIndexEntity.Summarised(status, rowKey, summary, pending: false),
            TaskIndexEntity.Summarised(TaskIndexRow.AllPartition, rowKey, summary, pending: false),
            TaskIndexRow.PartitionOf(write.StoredStatus));
    }
}
