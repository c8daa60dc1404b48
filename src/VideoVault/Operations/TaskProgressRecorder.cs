using VideoVault.Catalog;
using VideoVault.PiApi;
using VideoVault.Tasks;

namespace VideoVault.Operations;

/// <summary>Applies what PiAPI says about a task (webhook or GET) to our entity, forward only.</summary>
internal sealed class TaskProgressRecorder(TaskUpdater updater, ModelCatalog catalog)
{
    public Task<ProgressOutcome> RecordAsync(string taskId, PiApiTask reported, CancellationToken cancellationToken) =>
        RecordAsync(decide => updater.UpdateAsync(taskId, decide, cancellationToken), reported);

    /// <summary>Records a report about a task the caller has just written, saving a read.</summary>
    public Task<ProgressOutcome> RecordAsync(VideoTask known, PiApiTask reported, CancellationToken cancellationToken) =>
        RecordAsync(decide => updater.UpdateAsync(known, decide, cancellationToken), reported);

    private async Task<ProgressOutcome> RecordAsync(Func<Func<VideoTask, VideoTask?>, Task<TaskUpdate?>> update, PiApiTask reported)
    {
        var result = await update(current => IsForeign(current, reported) ? null : Apply(current, reported)).ConfigureAwait(false);

        // An unchanged result is the state the last decision saw; a changed one is bound to the reported task.
        return result is null ? ProgressOutcome.UnknownTask
            : !result.Changed && IsForeign(result.Task, reported) ? ProgressOutcome.ForeignPiApiTask(result.Task)
            : ProgressOutcome.Recorded(result);
    }

    private static bool IsForeign(VideoTask current, PiApiTask reported) =>
        current.PiApiTaskId is not null && current.PiApiTaskId != reported.TaskId;

    private VideoTask? Apply(VideoTask current, PiApiTask reported)
    {
        var next = current;
        if (current.PiApiTaskId is null)
        {
            next = next with { PiApiTaskId = reported.TaskId, SubmitUncertainSince = null };
        }

        // PiAPI's own figures, as reported: frozen while it runs, consumed when it ends.
        if (reported.Meta?.Usage is { } usage && usage != current.Usage && !TaskStatusRules.IsTerminal(current.Status))
        {
            next = next with { Usage = usage };
        }

        var target = PiApiStatusMapping.ToTaskStatus(reported.Status);
        var output = target == VideoTaskStatus.Completed ? OutputLocator.Locate(catalog.Find(current.Request.CatalogEntryId), reported.Output) : null;
        if (output is { Video: null })
        {
            // A completed task whose output has no video in any known shape cannot be copied, and asking again gives the same output.
            target = VideoTaskStatus.ArchiveFailed;
        }

        if (target is { } status && TaskStatusRules.CanMove(current.Status, status))
        {
            next = status switch
            {
                VideoTaskStatus.Completed => next with
                {
                    Status = status,
                    SourceUrl = output!.Video!.AbsoluteUri,
                    PosterSourceUrl = output.Poster?.AbsoluteUri,
                    VideoCount = output.VideoCount,
                },
                VideoTaskStatus.ArchiveFailed => next with { Status = status, Error = output!.NoVideoReason },
                VideoTaskStatus.Failed or VideoTaskStatus.Cancelled => next with { Status = status, Error = FailureReason(reported) },
                _ => next with { Status = status },
            };
        }

        return ReferenceEquals(next, current) ? null : next;
    }

    private static string FailureReason(PiApiTask reported)
    {
        var error = reported.Error;
        var message = string.IsNullOrWhiteSpace(error?.Message) ? error?.RawMessage : error.Message;
        var status = reported.Status == PiApiTaskStatus.Cancelled ? "cancelled" : "failed";
        return string.IsNullOrWhiteSpace(message) ? $"PiAPI {status} the task." : $"PiAPI {status} the task: {message}";
    }
}

/// <summary>What recording a report did.</summary>
internal sealed record ProgressOutcome(ProgressOutcomeKind Kind, TaskUpdate? Update, VideoTask? Task)
{
    public static readonly ProgressOutcome UnknownTask = new(ProgressOutcomeKind.UnknownTask, null, null);

    public static ProgressOutcome ForeignPiApiTask(VideoTask task) => new(ProgressOutcomeKind.ForeignPiApiTask, null, task);

    public static ProgressOutcome Recorded(TaskUpdate update) => new(ProgressOutcomeKind.Recorded, update, update.Task);
}

internal enum ProgressOutcomeKind
{
    Recorded,
    UnknownTask,

    /// <summary>The report is about another PiAPI task than the one this task is bound to (a resubmission after a timeout).</summary>
    ForeignPiApiTask,
}
