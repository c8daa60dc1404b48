namespace VideoVault.Tasks;

/// <summary>
/// When an archived video's retention runs out. The lifecycle rule counts days from the blob's creation, which is
/// the moment the task became archived (the state is written right after the commit), so the task's timeline gives it.
/// </summary>
internal static class VideoRetention
{
    /// <returns>Null while videos are kept for ever, for a task that is not archived, and once its video is deleted.</returns>
    public static DateTimeOffset? ExpiresAt(VideoTask task, int retentionDays) =>
        retentionDays > 0 && task is { Status: VideoTaskStatus.Archived, VideoDeletedAt: null }
            ? ArchivedAt(task) + TimeSpan.FromDays(retentionDays)
            : null;

    /// <summary>The last move to archived; a row older than the timeline falls back to its last change, which archived it.</summary>
    private static DateTimeOffset ArchivedAt(VideoTask task) =>
        task.Timeline.LastOrDefault(change => change.Status == VideoTaskStatus.Archived)?.At ?? task.UpdatedAt;
}
