using VideoVault.Tasks;

namespace VideoVault.Storage;

/// <summary>
/// One row of the task index, in the task table beside the tasks: partition <c>index-all</c> (every
/// task) or <c>index-&lt;status&gt;</c> (the tasks in that status), row key the inverted creation time
/// and the task id, so a partition lists newest first. The open statuses' partitions are the
/// open-task index: the sweep reads them, not the table.
/// </summary>
/// <param name="Status">The partition's status; null for <c>index-all</c> and the model partitions.</param>
/// <param name="WrittenAt">When the row was last written (the service's timestamp): since when the task is in that status.</param>
/// <param name="ETag">The row's version as read, which deleting a leftover requires.</param>
/// <param name="Model">For a row of <c>index-model-&lt;model&gt;</c> (every task of one PiAPI model, written at creation): the model.</param>
internal sealed record TaskIndexRow(string TaskId, VideoTaskStatus? Status, string RowKey, DateTimeOffset WrittenAt, string? ETag = null, string? Model = null)
{
    public const string PartitionPrefix = "index-";
    public const string AllPartition = PartitionPrefix + "all";
    public const string TaskIdProperty = "TaskId";

    public string Partition => Model is { } model ? PartitionOfModel(model) : Status is { } status ? PartitionOf(status) : AllPartition;

    public static string PartitionOf(VideoTaskStatus status) => PartitionPrefix + TaskStatusNames.ToName(status);

    /// <summary>Escaped: a partition key cannot hold '/', '\', '#' or '?'.</summary>
    public static string PartitionOfModel(string model) => PartitionPrefix + "model-" + Uri.EscapeDataString(model);

    /// <summary>Newest first: the row key sorts by the inverted creation time, then the id.</summary>
    public static string RowKeyOf(VideoTask task) =>
        $"{DateTimeOffset.MaxValue.UtcTicks - task.CreatedAt.UtcTicks:D19}-{task.Id}";

    /// <summary>What a reader does with this row, given the task it names (null: not stored, or not yet).</summary>
    public TaskIndexVerdict Judge(VideoTask? task, DateTimeOffset now)
    {
        if (task is null)
        {
            return now - WrittenAt > RowsAheadOfTask.Grace ? TaskIndexVerdict.Leftover : TaskIndexVerdict.NotYet;
        }

        if (Status is not { } status || task.Status == status)
        {
            return TaskIndexVerdict.Current;
        }

        // The task may still be on its way into this status (the row goes first); once it cannot get there
        // any more, the row is a leftover of a move that happened or never will.
        return TaskStatusRules.CanMove(task.Status, status) ? TaskIndexVerdict.NotYet : TaskIndexVerdict.Leftover;
    }
}

internal enum TaskIndexVerdict
{
    /// <summary>The row names the task in its current status: list it.</summary>
    Current,

    /// <summary>The task is not (yet) where the row says, and may get there: skip it, keep the row.</summary>
    NotYet,

    /// <summary>The row can never be right again: skip it and delete it.</summary>
    Leftover,
}
