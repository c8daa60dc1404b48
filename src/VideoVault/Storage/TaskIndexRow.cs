using VideoVault.Tasks;

namespace VideoVault.Storage;

/// <summary>
/// One row of the task index, in the task table beside the tasks: partition <c>index-all</c> (every
/// task) or <c>index-&lt;status&gt;</c> (the tasks in that status), row key the inverted creation time
/// and the task id, so a partition lists newest first. The open statuses' partitions are the
/// open-task index: the sweep reads them, not the table. Rows carry the task's <see cref="Summary"/>,
/// which a page lists without reading the task once the row is <see cref="IsTrusted">trusted</see>.
/// </summary>
/// <param name="Status">The partition's status; null for <c>index-all</c> and the model partitions.</param>
/// <param name="WrittenAt">When the row was last written (the service's timestamp).</param>
/// <param name="ETag">The row's version as read, which deleting a leftover or confirming a row requires.</param>
/// <param name="Model">For a row of <c>index-model-&lt;model&gt;</c> (every task of one PiAPI model, written at creation): the model.</param>
/// <param name="Summary">The task as the row's last writer stored it; null on rows written before summaries and on model rows.</param>
/// <param name="Pending">Written before a task write that has not been confirmed: it may never have happened.</param>
internal sealed record TaskIndexRow(
    string TaskId,
    VideoTaskStatus? Status,
    string RowKey,
    DateTimeOffset WrittenAt,
    string? ETag = null,
    string? Model = null,
    TaskSummary? Summary = null,
    bool Pending = false)
{
    public const string PartitionPrefix = "index-";
    public const string AllPartition = PartitionPrefix + "all";

    /// <summary>
    /// How long past <see cref="VideoVaultOptions.MaxTaskAge"/> a row may still show its task open: by then the sweep
    /// (every 15 minutes) or the task's reconcile has expired it, so such a row is checked against its task.
    /// </summary>
    public static readonly TimeSpan ExpiryGrace = TimeSpan.FromHours(1);

    public string Partition => Model is { } model ? PartitionOfModel(model) : Status is { } status ? PartitionOf(status) : AllPartition;

    public static string PartitionOf(VideoTaskStatus status) => PartitionPrefix + TaskStatusNames.ToName(status);

    /// <summary>Escaped: a partition key cannot hold '/', '\', '#' or '?'.</summary>
    public static string PartitionOfModel(string model) => PartitionPrefix + "model-" + Uri.EscapeDataString(model);

    /// <summary>Newest first: the row key sorts by the inverted creation time, then the id.</summary>
    public static string RowKeyOf(VideoTask task) =>
        $"{DateTimeOffset.MaxValue.UtcTicks - task.CreatedAt.UtcTicks:D19}-{task.Id}";

    /// <summary>
    /// Whether a page may list the row's summary without reading the task: a confirmed summary of this row's
    /// status. A row still pending, from before summaries, or showing a task open past its age (a leftover a
    /// crash or an earlier version's write may have left) is checked against its task instead.
    /// </summary>
    public bool IsTrusted(DateTimeOffset now, TimeSpan maxTaskAge) =>
        Summary is { } summary
        && !Pending
        && Model is null
        && (Status is null || summary.Status == Status)
        && (TaskStatusRules.IsTerminal(summary.Status) || now - summary.CreatedAt <= maxTaskAge + ExpiryGrace);

    /// <summary>
    /// Whether a reader that judged this row current should confirm it with <paramref name="current"/>, the summary
    /// of the task it just read. A confirmed row or one without a summary, when it differs. A pending row when the
    /// write it announced is what the reader found; otherwise that write may still be on its way (the reader read
    /// the task before it), and confirming the older state would leave a trusted row behind the task, so such a
    /// row is left pending until it is <see cref="RowsAheadOfTask.Grace"/> old: a write that late was lost.
    /// </summary>
    public bool ShouldConfirm(TaskSummary current, DateTimeOffset now) =>
        Model is null && (Pending ? Summary == current || now - WrittenAt > RowsAheadOfTask.Grace : Summary != current);

    /// <summary>What a reader does with this row, given the task it names (null: not stored, or not yet).</summary>
    public TaskIndexVerdict Judge(VideoTask? task, DateTimeOffset now)
    {
        if (task is null)
        {
            return now - WrittenAt > RowsAheadOfTask.Grace ? TaskIndexVerdict.Leftover : TaskIndexVerdict.NotYet;
        }

        if (RowKey != RowKeyOf(task))
        {
            // Written for a creation that found the task already stored (an idempotent repeat): another time, another row.
            return TaskIndexVerdict.Leftover;
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
