using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VideoVault.Archiving;
using VideoVault.Operations;
using VideoVault.Tasks;
using VideoVault.Telemetry;
using VideoVault.Work;

namespace VideoVault.Workers;

/// <summary>
/// Makes sure each completed video is copied exactly once: an ETag-guarded claim with a lease picks
/// one copier, a delayed "guard" work item takes over if that copier dies, and the outcome moves the
/// task to archived, back to the queue with backoff, or to archive_failed.
/// </summary>
internal sealed partial class ArchiveCoordinator(
    TaskUpdater updater,
    IVideoArchiver archiver,
    IWorkQueue workQueue,
    RetryBackoff backoff,
    IOptions<VideoVaultOptions> options,
    TimeProvider timeProvider,
    VideoVaultMetrics metrics,
    ILogger<ArchiveCoordinator> logger)
{
    private static readonly TimeSpan GuardMargin = TimeSpan.FromSeconds(30);

    /// <summary>Claims and copies the task's video if it is ready and nobody holds a live claim.</summary>
    /// <param name="budget">How long to copy before handing over to the queue; null for no limit.</param>
    public async Task<VideoTask?> RunAsync(string taskId, TimeSpan? budget, CancellationToken cancellationToken)
    {
        var claim = await TryClaimAsync(taskId, cancellationToken).ConfigureAwait(false);
        if (claim is not { Changed: true, Task: var claimed })
        {
            return null;
        }

        if (claimed.Status != VideoTaskStatus.Archiving)
        {
            Log.ClaimsUsedUp(logger, taskId, claimed.ArchiveAttempts);
            return claimed;
        }

        var settings = options.Value;
        await workQueue.EnqueueAsync(new WorkItem(WorkItemKind.Archive, taskId, claimed.ArchiveAttempts), settings.ArchiveLease + GuardMargin, cancellationToken).ConfigureAwait(false);
        using var limit = budget is { } time ? new CancellationTokenSource(time, timeProvider) : new CancellationTokenSource();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, limit.Token);
        ArchiveOutcome outcome;
        var copy = VideoVaultTelemetry.StartTaskActivity("video copy", taskId, claimed.TraceParent);
        copy?.SetTag(VideoVaultTelemetry.AttemptTag, claimed.ArchiveAttempts);
        var started = timeProvider.GetTimestamp();
        try
        {
            var request = Request(claimed) with { HandOverAbove = budget is not null && settings.InlineCopyMaxBytes > 0 ? settings.InlineCopyMaxBytes : null };
            outcome = await archiver.ArchiveAsync(request, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (limit.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            CopyEnded(copy, started, 0, "handed_over");
            Log.BudgetExhausted(logger, taskId, budget!.Value);
            return await HandOverAsync(taskId, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            copy.RecordFailure(exception);
            CopyEnded(copy, started, 0, "crashed");
            throw;
        }

        if (outcome.Kind == ArchiveOutcomeKind.TooLargeToCopyInline)
        {
            CopyEnded(copy, started, 0, "handed_over");
            Log.TooLargeToCopyInline(logger, taskId, outcome.Reason);
            return await HandOverAsync(taskId, cancellationToken).ConfigureAwait(false);
        }

        CopyEnded(copy, started, outcome.Upload?.Length ?? 0, outcome.Kind.ToString());
        return await FinishAsync(taskId, outcome, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Ends the copy's span with its size and throughput, and records them.</summary>
    private void CopyEnded(Activity? copy, long started, long bytes, string outcome)
    {
        var elapsed = timeProvider.GetElapsedTime(started);
        metrics.Copied(bytes, elapsed, outcome);
        if (copy is not null)
        {
            copy.SetTag(VideoVaultTelemetry.OutcomeTag, outcome);
            copy.SetTag(VideoVaultTelemetry.CopyBytesTag, bytes);
            copy.SetTag(VideoVaultTelemetry.CopyBytesPerSecondTag, elapsed > TimeSpan.Zero ? Math.Round(bytes / elapsed.TotalSeconds) : 0);
            if (outcome != nameof(ArchiveOutcomeKind.Archived))
            {
                copy.SetStatus(ActivityStatusCode.Error, outcome);
            }

            copy.Dispose();
        }
    }

    /// <summary>
    /// Claims the copy, or gives it up: a claim whose copier died or crashed counts as an attempt too, so a
    /// copy that can never finish ends archive_failed instead of being taken over after every lease for ever.
    /// </summary>
    private Task<TaskUpdate?> TryClaimAsync(string taskId, CancellationToken cancellationToken) =>
        updater.UpdateAsync(taskId, current =>
        {
            var settings = options.Value;
            var now = timeProvider.GetUtcNow();
            var claimable = current.Status == VideoTaskStatus.Completed
                || (current.Status == VideoTaskStatus.Archiving && (current.ArchiveLeaseUntil is null || current.ArchiveLeaseUntil <= now));
            if (!claimable || current.SourceUrl is null)
            {
                return null;
            }

            return current.ArchiveAttempts >= settings.MaxArchiveAttempts
                ? current with
                {
                    Status = VideoTaskStatus.ArchiveFailed,
                    Error = $"Copying the video was started {current.ArchiveAttempts} times and never finished: {current.Error ?? "the copier stopped without a result"}",
                    ArchiveLeaseUntil = null,
                }
                : current with { Status = VideoTaskStatus.Archiving, ArchiveLeaseUntil = now + settings.ArchiveLease, ArchiveAttempts = current.ArchiveAttempts + 1 };
        }, cancellationToken);

    private async Task<VideoTask?> FinishAsync(string taskId, ArchiveOutcome outcome, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var update = await updater.UpdateAsync(taskId, current =>
        {
            if (current.Status != VideoTaskStatus.Archiving)
            {
                return null;
            }

            if (outcome is { Kind: ArchiveOutcomeKind.Archived, Upload: { } upload })
            {
                return current with
                {
                    Status = VideoTaskStatus.Archived,
                    BlobName = BlobNames.For(current),
                    PosterBlobName = outcome.PosterBlobName,
                    VideoSize = upload.Length,
                    Sha256 = Convert.ToHexStringLower(upload.Sha256),
                    ContentMd5 = Convert.ToBase64String(upload.ContentMd5),
                    ArchiveLeaseUntil = null,
                    Error = null,
                };
            }

            if (outcome.Kind == ArchiveOutcomeKind.PermanentFailure || current.ArchiveAttempts >= settings.MaxArchiveAttempts)
            {
                return current with { Status = VideoTaskStatus.ArchiveFailed, Error = $"Copying the video failed: {outcome.Reason}", ArchiveLeaseUntil = null };
            }

            return current with { ArchiveLeaseUntil = timeProvider.GetUtcNow(), Error = outcome.Reason };
        }, cancellationToken).ConfigureAwait(false);

        // Only a retry leaves the task archiving: every other outcome ends the copy.
        if (update is { Changed: true, Task.Status: VideoTaskStatus.Archiving })
        {
            var delay = backoff.DelayFor(update.Task.ArchiveAttempts);
            Log.ArchiveRetry(logger, taskId, update.Task.ArchiveAttempts, delay, outcome.Reason);
            await workQueue.EnqueueAsync(new WorkItem(WorkItemKind.Archive, taskId, update.Task.ArchiveAttempts), delay, cancellationToken).ConfigureAwait(false);
        }
        else if (update is { Changed: true })
        {
            Log.ArchiveFinished(logger, taskId, TaskStatusNames.ToName(update.Task.Status));
        }

        return update?.Task;
    }

    /// <summary>
    /// Out of inline time: release the claim at once and let the queue finish the copy. The attempt is
    /// given back, since nothing failed: the queue's claim counts it again.
    /// </summary>
    private async Task<VideoTask?> HandOverAsync(string taskId, CancellationToken cancellationToken)
    {
        var update = await updater.UpdateAsync(taskId, current =>
            current.Status == VideoTaskStatus.Archiving
                ? current with { ArchiveLeaseUntil = timeProvider.GetUtcNow(), ArchiveAttempts = current.ArchiveAttempts - 1 }
                : null,
            cancellationToken).ConfigureAwait(false);
        if (update is { Changed: true })
        {
            await workQueue.EnqueueAsync(new WorkItem(WorkItemKind.Archive, taskId, update.Task.ArchiveAttempts), TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
        }

        return update?.Task;
    }

    /// <summary>The chat previews have no output object: their poster is the preview image of the stream.</summary>
    private static ArchiveRequest Request(VideoTask task) =>
        new(task.Id, new Uri(task.SourceUrl!), BlobNames.For(task))
        {
            Poster = (task.PosterSourceUrl ?? (ModelNames.IsChatCompletions(task.Request.Model) ? task.PreviewUrl : null)) is { } poster
                && Uri.TryCreate(poster, UriKind.Absolute, out var url)
                ? new PosterSource(url, BlobNames.PosterStem(task))
                : null,
        };

    private static partial class Log
    {
        [LoggerMessage(EventId = 300, Level = LogLevel.Warning, Message = "Task {TaskId}: copy will be retried (attempt {Attempt}) in {Delay}: {Reason}")]
        public static partial void ArchiveRetry(ILogger logger, string taskId, int attempt, TimeSpan delay, string? reason);

        [LoggerMessage(EventId = 301, Level = LogLevel.Information, Message = "Task {TaskId}: copy finished as {Status}")]
        public static partial void ArchiveFinished(ILogger logger, string taskId, string status);

        [LoggerMessage(EventId = 302, Level = LogLevel.Information, Message = "Task {TaskId}: inline copy budget of {Budget} used up; the queue takes over")]
        public static partial void BudgetExhausted(ILogger logger, string taskId, TimeSpan budget);

        [LoggerMessage(EventId = 306, Level = LogLevel.Information, Message = "Task {TaskId}: too large to copy inline, the queue copies it: {Reason}")]
        public static partial void TooLargeToCopyInline(ILogger logger, string taskId, string? reason);

        [LoggerMessage(EventId = 303, Level = LogLevel.Error, Message = "Task {TaskId}: copy given up after {Attempts} claims that never finished")]
        public static partial void ClaimsUsedUp(ILogger logger, string taskId, int attempts);
    }
}
