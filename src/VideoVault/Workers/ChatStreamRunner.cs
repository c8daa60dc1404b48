using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VideoVault.Operations;
using VideoVault.PiApi;
using VideoVault.Streaming;
using VideoVault.Tasks;
using VideoVault.Work;

namespace VideoVault.Workers;

/// <summary>
/// Runs a chat-completions task (a <c>stream</c> work item): claims it, opens PiAPI's stream, records what
/// the stream says (pending, processing with progress, PiAPI's task id, the preview) and, once the video
/// link arrives, completes the task and archives it like a task-API one. Every stream is paid for and
/// cannot be resumed: a claim with a lease keeps a duplicate message from opening a second stream, and a
/// stream that breaks after it started fails the task rather than running again. Only failures before the
/// stream started are retried.
/// </summary>
internal sealed partial class ChatStreamRunner(
    TaskUpdater updater,
    PiApiChatClient chat,
    ArchiveCoordinator archive,
    IWorkQueue workQueue,
    RetryBackoff backoff,
    IOptions<VideoVaultOptions> options,
    TimeProvider timeProvider,
    ILogger<ChatStreamRunner> logger)
{
    /// <summary>Limits that keep a stream's memory bounded. The vendor's whole answer is about 2 KB plus the echoed prompt.</summary>
    internal const int MaxLineBytes = 64 * 1024;
    internal const int MaxEventChars = 64 * 1024;
    internal const int MaxContentChars = 256 * 1024;

    private static readonly TimeSpan ClaimMargin = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan ShutdownWriteTimeout = TimeSpan.FromSeconds(10);

    public async Task RunAsync(WorkItem item, CancellationToken cancellationToken)
    {
        var claim = await updater.UpdateAsync(item.TaskId, current => ChatStreamTransitions.Claim(current, timeProvider.GetUtcNow(), options.Value), cancellationToken).ConfigureAwait(false);
        if (claim is null)
        {
            return;
        }

        var task = claim.Task;
        if (!claim.Changed)
        {
            await RetryAfterClaimAsync(item, task, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (task.Status != VideoTaskStatus.Submitting)
        {
            Log.GaveUp(logger, task.Id, task.SubmitAttempts);
            return;
        }

        Log.Opening(logger, task.Id, task.SubmitAttempts);
        if (await OpenAsync(task, cancellationToken).ConfigureAwait(false) is not { } opened)
        {
            return;
        }

        var (stream, started) = opened;

        ChatStreamVerdict? verdict;
        using (stream)
        {
            verdict = await ReadAsync(started, stream.Body, cancellationToken).ConfigureAwait(false);
        }

        if (verdict is not null)
        {
            await FinishAsync(task.Id, verdict, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Someone else is opening the stream. Should that worker die before the stream starts, nothing else
    /// would pick the task up, so this message comes back once the claim has lapsed.
    /// </summary>
    private async Task RetryAfterClaimAsync(WorkItem item, VideoTask task, CancellationToken cancellationToken)
    {
        if (task.Status == VideoTaskStatus.Submitting && task.StreamLeaseUntil is { } until && ModelNames.IsChatCompletions(task.Request.Model))
        {
            Log.ClaimHeld(logger, task.Id, until);
            await workQueue.EnqueueAsync(item, until - timeProvider.GetUtcNow() + ClaimMargin, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <returns>The open stream and the task moved to pending, or null when it could not be opened (the task is updated).</returns>
    private async Task<(PiApiChatStream Stream, VideoTask Started)?> OpenAsync(VideoTask claimed, CancellationToken cancellationToken)
    {
        PiApiResult<PiApiChatStream> result;
        try
        {
            result = await chat.OpenStreamAsync(claimed.Request.Model, claimed.Request.Prompt, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped before any stream existed: free the claim so the message, delivered again, can open it at once.
            await RecordAfterStopAsync(claimed.Id, current => ChatStreamTransitions.Holds(current, claimed) ? current with { StreamLeaseUntil = null } : null).ConfigureAwait(false);
            throw;
        }

        if (!result.IsSuccess)
        {
            await HandleOpenFailureAsync(claimed, result.Failure, cancellationToken).ConfigureAwait(false);
            return null;
        }

        var stream = result.Value;
        try
        {
            var settings = options.Value;
            var started = await updater.UpdateAsync(claimed, current => ChatStreamTransitions.Holds(current, claimed)
                ? current with { Status = VideoTaskStatus.Pending, StreamLeaseUntil = timeProvider.GetUtcNow() + settings.StreamLease, Error = null }
                : null,
                cancellationToken).ConfigureAwait(false);
            if (started is not { Changed: true })
            {
                Log.ClaimLost(logger, claimed.Id);
                stream.Dispose();
                return null;
            }

            // The safety net for a worker that dies mid-stream: reconcile fails the task once the lease lapses.
            await workQueue.EnqueueAsync(new WorkItem(WorkItemKind.Reconcile, claimed.Id, 0), settings.StreamLease + ClaimMargin, cancellationToken).ConfigureAwait(false);
            Log.Started(logger, claimed.Id);
            return (stream, started.Task);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    private async Task HandleOpenFailureAsync(VideoTask claimed, PiApiFailure failure, CancellationToken cancellationToken)
    {
        var reason = failure.Describe();
        var decision = SendRetryDecision.For(failure, claimed.SubmitAttempts, options.Value.MaxSubmitAttempts, backoff);
        if (decision.GiveUp)
        {
            Log.OpenFailed(logger, claimed.Id, failure.Kind, claimed.SubmitAttempts);
            await updater.UpdateAsync(claimed, current => ChatStreamTransitions.Holds(current, claimed)
                ? current with { Status = VideoTaskStatus.SubmitFailed, Error = $"PiAPI refused the stream after {current.SubmitAttempts} attempt(s): {reason}", StreamLeaseUntil = null }
                : null,
                cancellationToken).ConfigureAwait(false);
            return;
        }

        var delay = decision.Delay;
        Log.OpenRetry(logger, claimed.Id, failure.Kind, claimed.SubmitAttempts, delay);
        var released = await updater.UpdateAsync(claimed, current => ChatStreamTransitions.Holds(current, claimed) ? current with { Error = reason, StreamLeaseUntil = null } : null, cancellationToken).ConfigureAwait(false);
        if (released is { Changed: true })
        {
            await workQueue.EnqueueAsync(new WorkItem(WorkItemKind.Stream, claimed.Id, claimed.SubmitAttempts), delay, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Reads the stream to its end, writing progress along the way.</summary>
    /// <returns>How the stream ended, or null when the task was ended elsewhere meanwhile (nothing left to record).</returns>
    private async Task<ChatStreamVerdict?> ReadAsync(VideoTask started, Stream body, CancellationToken cancellationToken)
    {
        var taskId = started.Id;
        var known = started;
        var settings = options.Value;
        var accumulator = new ChatStreamAccumulator(MaxContentChars);
        var reader = new SseReader(body, MaxLineBytes, MaxEventChars);
        using var idle = new CancellationTokenSource(settings.StreamIdleTimeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, idle.Token);
        var written = accumulator.Snapshot();
        var now = timeProvider.GetUtcNow();
        var nextCheck = now + settings.StreamProgressInterval;
        var renewAt = now + (settings.StreamLease / 2);
        string? failure = null;
        try
        {
            while (!accumulator.Done && await reader.ReadEventAsync(linked.Token).ConfigureAwait(false) is { } data)
            {
                idle.CancelAfter(settings.StreamIdleTimeout);
                accumulator.Add(data);
                now = timeProvider.GetUtcNow();
                if (now < nextCheck && now < renewAt)
                {
                    continue;
                }

                // Parsing the text costs a pass over it, so it happens at most once per interval too.
                nextCheck = now + settings.StreamProgressInterval;
                var snapshot = accumulator.Snapshot();
                if (snapshot == written && now < renewAt)
                {
                    continue;
                }

                var update = await updater.UpdateAsync(known, current => ChatStreamTransitions.Progressed(current, snapshot, timeProvider.GetUtcNow() + settings.StreamLease), cancellationToken).ConfigureAwait(false);
                if (update?.Task is not { Status: VideoTaskStatus.Pending or VideoTaskStatus.Processing })
                {
                    Log.EndedElsewhere(logger, taskId, update is null ? "deleted" : TaskStatusNames.ToName(update.Task.Status));
                    return null;
                }

                known = update.Task;
                written = snapshot;
                renewAt = now + (settings.StreamLease / 2);
            }
        }
        catch (OperationCanceledException) when (idle.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            failure = $"The stream stalled: nothing arrived for {settings.StreamIdleTimeout}.";
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Log.Interrupted(logger, taskId);
            await RecordAfterStopAsync(taskId, current => ChatStreamTransitions.Failed(current, accumulator.Snapshot(), "The stream was interrupted: the worker stopped while it ran.")).ConfigureAwait(false);
            throw;
        }
        catch (InvalidStreamException exception)
        {
            failure = exception.Message;
        }
        catch (IOException)
        {
            // The connection broke: what arrived decides (a stream cut before it finished fails below).
        }

        var verdict = accumulator.Finish();
        return failure is null ? verdict : new ChatStreamVerdict(verdict.Snapshot, failure);
    }

    private async Task FinishAsync(string taskId, ChatStreamVerdict verdict, CancellationToken cancellationToken)
    {
        var snapshot = verdict.Snapshot;
        if (verdict.Failure is { } failure)
        {
            var failed = await updater.UpdateAsync(taskId, current => ChatStreamTransitions.Failed(current, snapshot, verdict.Error!), cancellationToken).ConfigureAwait(false);
            if (failed is { Changed: true })
            {
                Log.StreamFailed(logger, taskId, failure);
            }

            return;
        }

        var completed = await updater.UpdateAsync(taskId, current => ChatStreamTransitions.Completed(current, snapshot), cancellationToken).ConfigureAwait(false);
        if (completed is { Changed: true })
        {
            Log.Completed(logger, taskId, completed.Task.PiApiTaskId);
            await archive.RunAsync(taskId, null, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Records what a stop did to the task, on a short grace of its own since the worker's token is already
    /// cancelled. Best effort: if it fails, the lapsing lease lets the task be picked up (or failed) later.
    /// </summary>
    private async Task RecordAfterStopAsync(string taskId, Func<VideoTask, VideoTask?> decide)
    {
        using var grace = new CancellationTokenSource(ShutdownWriteTimeout, timeProvider);
        try
        {
            await updater.UpdateAsync(taskId, decide, grace.Token).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            Log.StopNotRecorded(logger, taskId, exception);
        }
    }
}
