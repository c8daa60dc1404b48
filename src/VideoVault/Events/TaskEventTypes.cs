using VideoVault.Tasks;

namespace VideoVault.Events;

/// <summary>
/// The events a caller can receive, and which ones a status change raises. Each type is a milestone:
/// a task reaches <c>task.submitted</c> when PiAPI has it (pending or any later state), <c>task.processing</c>
/// when PiAPI works on it (processing up to archiving), <c>task.archived</c> when the copy is stored, and
/// <c>task.failed</c> in any failure state, <c>task.cancelled</c> when it is cancelled (its own type, not a failure). A change raises the milestones the new status reaches and the
/// old one had not, in order: a task whose webhook says "completed" before its submit answer is recorded
/// still gets <c>task.submitted</c> and <c>task.processing</c>. Since the milestones behind a status are fixed,
/// so is the number of events a task has had, which makes each event's sequence number follow from the
/// status it was raised from.
/// <para>
/// Events raised at or after a terminal status (<c>task.deleted</c>, when an archived video is deleted) follow one
/// rule: each takes the next number from the task's <see cref="VideoTask.EventCount"/>, exactly as the milestones
/// after a retry do, so they never collide with the milestones before them.
/// </para>
/// </summary>
internal static class TaskEventTypes
{
    public const string Submitted = "task.submitted";
    public const string Processing = "task.processing";
    public const string Archived = "task.archived";
    public const string Failed = "task.failed";
    public const string Cancelled = "task.cancelled";
    public const string Deleted = "task.deleted";

    public static IReadOnlyList<string> All { get; } = [Submitted, Processing, Archived, Failed, Cancelled, Deleted];

    /// <summary>The events the change from <paramref name="current"/> to <paramref name="next"/> raises, in order: its status milestones, then a deletion of its video.</summary>
    public static IReadOnlyList<string> Raised(VideoTask current, VideoTask next) =>
        current.VideoDeletedAt is null && next.VideoDeletedAt is not null
            ? [.. Raised(current.Status, next.Status), Deleted]
            : Raised(current.Status, next.Status);

    /// <summary>The events a move from <paramref name="from"/> to <paramref name="to"/> raises, in order; empty for a move that reaches nothing new.</summary>
    public static IReadOnlyList<string> Raised(VideoTaskStatus from, VideoTaskStatus to)
    {
        if (from == to || TaskStatusRules.IsTerminal(from))
        {
            return [];
        }

        if (TaskStatusRules.IsFailure(to))
        {
            return [Failed];
        }

        if (to == VideoTaskStatus.Cancelled)
        {
            return [Cancelled];
        }

        var reached = Milestones(from);
        return [.. Milestones(to).Skip(reached.Count)];
    }

    /// <summary>How many events a task in <paramref name="status"/> has raised.</summary>
    public static int RaisedSoFar(VideoTaskStatus status) => Milestones(status).Count;

    /// <summary>The non-failure milestones a status stands for; a failure state keeps those of the state it failed from, which only its events record.</summary>
    private static IReadOnlyList<string> Milestones(VideoTaskStatus status) => status switch
    {
        VideoTaskStatus.Submitting => [],
        VideoTaskStatus.Pending => [Submitted],
        VideoTaskStatus.Processing or VideoTaskStatus.Completed or VideoTaskStatus.Archiving => [Submitted, Processing],
        VideoTaskStatus.Archived => [Submitted, Processing, Archived],
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "A failure state raises no further events."),
    };
}
