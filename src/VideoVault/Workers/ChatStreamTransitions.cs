using VideoVault.Operations;
using VideoVault.Streaming;
using VideoVault.Tasks;

namespace VideoVault.Workers;

/// <summary>
/// The chat stream's decisions on a task, pure: each takes the state as read (and the time) and returns the
/// state to write, or null to leave it, so <see cref="TaskUpdater"/> can make it again after an ETag conflict.
/// </summary>
internal static class ChatStreamTransitions
{
    /// <summary>Only a chat task that has not started streaming, and that nobody else is opening, is claimed.</summary>
    public static VideoTask? Claim(VideoTask current, DateTimeOffset now, VideoVaultOptions settings)
    {
        if (current.Status != VideoTaskStatus.Submitting || !ModelNames.IsChatCompletions(current.Request.Model) || current.StreamLeaseUntil > now)
        {
            return null;
        }

        // Reached only when workers kept dying while opening: the failure path ends the task otherwise.
        return current.SubmitAttempts >= settings.MaxSubmitAttempts
            ? current with { Status = VideoTaskStatus.SubmitFailed, Error = $"Opening the stream was given up after {current.SubmitAttempts} attempt(s).", StreamLeaseUntil = null }
            : current with { SubmitAttempts = current.SubmitAttempts + 1, StreamLeaseUntil = now + settings.StreamLease };
    }

    /// <summary>What the stream told so far, with the lease renewed to <paramref name="leaseUntil"/>.</summary>
    public static VideoTask? Progressed(VideoTask current, SoraStreamSnapshot snapshot, DateTimeOffset leaseUntil) => Streaming(current)
        ? Recorded(current, snapshot) with
        {
            Status = snapshot.Generating ? VideoTaskStatus.Processing : current.Status,
            StreamLeaseUntil = leaseUntil,
        }
        : null;

    public static VideoTask? Failed(VideoTask current, SoraStreamSnapshot snapshot, string error) => Streaming(current)
        ? Recorded(current, snapshot) with { Status = VideoTaskStatus.Failed, Error = error, StreamLeaseUntil = null }
        : null;

    /// <summary>The video link arrived: the task is complete and ready to archive.</summary>
    public static VideoTask? Completed(VideoTask current, SoraStreamSnapshot snapshot) => Streaming(current)
        ? Recorded(current, snapshot) with
        {
            Status = VideoTaskStatus.Completed,
            SourceUrl = snapshot.VideoUrl!.AbsoluteUri,
            Progress = 100,
            StreamLeaseUntil = null,
            Error = null,
        }
        : null;

    /// <summary>Whether the task still carries this worker's claim (the attempt number tells claims apart).</summary>
    public static bool Holds(VideoTask current, VideoTask claimed) =>
        current.Status == VideoTaskStatus.Submitting && current.SubmitAttempts == claimed.SubmitAttempts;

    /// <summary>What the stream told so far; progress never goes back.</summary>
    private static VideoTask Recorded(VideoTask current, SoraStreamSnapshot snapshot) => current with
    {
        Progress = snapshot.Progress is { } progress && progress > (current.Progress ?? -1) ? progress : current.Progress,
        PiApiTaskId = current.PiApiTaskId ?? snapshot.TaskId,
        PreviewUrl = snapshot.PreviewUrl?.AbsoluteUri ?? current.PreviewUrl,
    };

    private static bool Streaming(VideoTask task) => task.Status is VideoTaskStatus.Pending or VideoTaskStatus.Processing;
}
