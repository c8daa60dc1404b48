using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VideoVault.Archiving;
using VideoVault.Tasks;

namespace VideoVault.Operations;

/// <summary>What a delete of a task's video did.</summary>
internal enum VideoDeletionOutcome
{
    Deleted,

    /// <summary>Deleted before: the repeat changes nothing on the task (and removes any blob a crash left).</summary>
    AlreadyDeleted,
    NoTask,

    /// <summary>Completed or archiving: the copy may still commit the blob, so nothing is deleted under it.</summary>
    CopyRunning,

    /// <summary>Any other status: there is no archived video to delete.</summary>
    NotArchived,
}

internal sealed record VideoDeletionResult(VideoDeletionOutcome Outcome, VideoTask? Task);

/// <summary>
/// Ends an archived video's life, by request or because it is found gone. The task stays, as the record of what
/// was made and paid, with when and why its video went; the journal raises <c>task.deleted</c> in the same write.
/// The deletion is recorded before the blobs are removed: a crash in between leaves blobs that a repeated delete
/// removes, never a task that offers a link to a blob already gone.
/// </summary>
internal sealed partial class VideoDeletion(
    TaskUpdater updater,
    IVideoBlobStore videos,
    IOptions<VideoVaultOptions> options,
    TimeProvider timeProvider,
    ILogger<VideoDeletion> logger)
{
    /// <param name="reason"><see cref="VideoDeletionReasons.Requested"/> or the caller's own note.</param>
    public async Task<VideoDeletionResult> DeleteAsync(string taskId, string reason, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var update = await updater.UpdateAsync(taskId, current => Stored(current) ? current with { VideoDeletedAt = now, VideoDeletionReason = reason } : null, cancellationToken).ConfigureAwait(false);
        if (update is null)
        {
            return new VideoDeletionResult(VideoDeletionOutcome.NoTask, null);
        }

        var task = update.Task;
        if (task is not { Status: VideoTaskStatus.Archived, VideoDeletedAt: not null })
        {
            var outcome = task.Status is VideoTaskStatus.Completed or VideoTaskStatus.Archiving ? VideoDeletionOutcome.CopyRunning : VideoDeletionOutcome.NotArchived;
            return new VideoDeletionResult(outcome, task);
        }

        var removed = await RemoveBlobsAsync(task, cancellationToken).ConfigureAwait(false);
        if (update.Changed)
        {
            Log.Deleted(logger, taskId, removed);
        }

        return new VideoDeletionResult(update.Changed ? VideoDeletionOutcome.Deleted : VideoDeletionOutcome.AlreadyDeleted, task);
    }

    /// <summary>
    /// On a single task's read: whether its video and poster are still stored (one HEAD each, side by side). A video
    /// gone without VideoVault deleting it is recorded as deleted, through retention when its time had come; a poster
    /// gone alone is forgotten. Either way the read offers no link to a missing blob.
    /// </summary>
    public async Task<VideoTask> CheckStoredAsync(VideoTask task, CancellationToken cancellationToken)
    {
        if (!Stored(task) || task.BlobName is not { } blobName)
        {
            return task;
        }

        var video = videos.ExistsAsync(blobName, cancellationToken);
        var poster = task.PosterBlobName is { } posterBlob ? videos.ExistsAsync(posterBlob, cancellationToken) : Task.FromResult(true);
        await Task.WhenAll(video, poster).ConfigureAwait(false);
        if (await video.ConfigureAwait(false))
        {
            return await poster.ConfigureAwait(false) ? task : await ForgetPosterAsync(task, cancellationToken).ConfigureAwait(false);
        }

        var now = timeProvider.GetUtcNow();
        var reason = VideoRetention.ExpiresAt(task, options.Value.VideoRetentionDays) <= now ? VideoDeletionReasons.Retention : VideoDeletionReasons.Missing;
        var update = await updater.UpdateAsync(task, current => Stored(current) ? current with { VideoDeletedAt = now, VideoDeletionReason = reason } : null, cancellationToken).ConfigureAwait(false);
        if (update is not { Changed: true, Task: var gone })
        {
            return update?.Task ?? task;
        }

        Log.FoundGone(logger, task.Id, blobName, reason);

        // The rule removes the poster too, maybe a day later; a person may have left it: either way it goes with its video.
        await RemoveBlobsAsync(gone, cancellationToken).ConfigureAwait(false);
        return gone;
    }

    private static bool Stored(VideoTask task) => task is { Status: VideoTaskStatus.Archived, VideoDeletedAt: null };

    private async Task<VideoTask> ForgetPosterAsync(VideoTask task, CancellationToken cancellationToken)
    {
        var update = await updater.UpdateAsync(task, current => current.PosterBlobName == task.PosterBlobName ? current with { PosterBlobName = null } : null, cancellationToken).ConfigureAwait(false);
        Log.PosterGone(logger, task.Id, task.PosterBlobName!);
        return update?.Task ?? task;
    }

    /// <returns>How many blobs this call removed (0 on a repeat).</returns>
    private async Task<int> RemoveBlobsAsync(VideoTask task, CancellationToken cancellationToken)
    {
        var removed = 0;
        foreach (var blobName in new[] { task.BlobName, task.PosterBlobName }.OfType<string>())
        {
            removed += await videos.DeleteAsync(blobName, cancellationToken).ConfigureAwait(false) ? 1 : 0;
        }

        return removed;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1400, Level = LogLevel.Information, Message = "Task {TaskId}: video deleted on request ({Removed} blobs removed)")]
        public static partial void Deleted(ILogger logger, string taskId, int removed);

        [LoggerMessage(EventId = 1401, Level = LogLevel.Warning, Message = "Task {TaskId}: {BlobName} is gone without VideoVault deleting it; recorded as deleted ({Reason})")]
        public static partial void FoundGone(ILogger logger, string taskId, string blobName, string reason);

        [LoggerMessage(EventId = 1402, Level = LogLevel.Warning, Message = "Task {TaskId}: its poster {BlobName} is gone; the video is kept without it")]
        public static partial void PosterGone(ILogger logger, string taskId, string blobName);
    }
}
