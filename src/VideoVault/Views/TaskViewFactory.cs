using System.Text.Json;
using Microsoft.Extensions.Options;
using VideoVault.Archiving;
using VideoVault.Tasks;

namespace VideoVault.Views;

internal sealed class TaskViewFactory(IVideoBlobStore videos, IOptions<VideoVaultOptions> options, TimeProvider timeProvider)
{
    /// <param name="withLink">Whether to sign SAS links for an archived video that is still stored (single reads, not lists).</param>
    public async Task<TaskView> CreateAsync(VideoTask task, bool withLink, CancellationToken cancellationToken)
    {
        var video = task is { Status: VideoTaskStatus.Archived, BlobName: { } blobName }
            ? await VideoAsync(task, blobName, withLink && task.VideoDeletedAt is null, cancellationToken).ConfigureAwait(false)
            : null;

        var request = task.Request;
        return new TaskView(
            task.Id,
            TaskStatusNames.ToName(task.Status),
            request.Model,
            request.TaskType.Length > 0 ? request.TaskType : null,
            request.CatalogEntryId,
            Input(request),
            request.MetadataJson is null ? null : JsonDocument.Parse(request.MetadataJson).RootElement.Clone(),
            task.PiApiTaskId,
            task.CreatedAt,
            task.UpdatedAt,
            task.Progress,
            task.PreviewUrl,
            task.Error,
            video,
            [.. task.Timeline.Select(change => new TaskStatusChangeView(TaskStatusNames.ToName(change.Status), change.At))],
            Cost(task),
            request.Deadline,
            task.DeadlineMissed ? true : null);
    }

    private async Task<TaskVideoView> VideoAsync(VideoTask task, string blobName, bool withLink, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        Uri? url = null;
        Uri? poster = null;
        DateTimeOffset? linkExpires = null;
        if (withLink)
        {
            linkExpires = timeProvider.GetUtcNow() + settings.SasLifetime;
            url = await videos.CreateReadUriAsync(blobName, settings.SasLifetime, cancellationToken).ConfigureAwait(false);
            poster = task.PosterBlobName is { } posterBlob
                ? await videos.CreateReadUriAsync(posterBlob, settings.SasLifetime, cancellationToken).ConfigureAwait(false)
                : null;
        }

        return new TaskVideoView(
            settings.VideoContainer,
            blobName,
            task.VideoSize,
            task.Sha256,
            task.ContentMd5,
            url,
            linkExpires,
            task.PosterBlobName,
            poster,
            task.VideoCount,
            VideoRetention.ExpiresAt(task, settings.VideoRetentionDays),
            task.VideoDeletedAt,
            task.VideoDeletionReason);
    }
    /// <summary>Null for a task stored before costs were kept, which has neither figure.</summary>
    private static TaskCostView? Cost(VideoTask task) =>
        task.EstimatedUsd is null && task.Usage is null
            ? null
            : new TaskCostView(
                task.EstimatedUsd,
                task.EstimatedUsd is null ? null : task.EstimateIsDefault ? "default" : "catalog",
                task.Usage is { } usage ? new TaskUsageView(usage.Type, usage.Frozen, usage.Consume) : null);

    /// <summary>The input as PiAPI got it; a chat-completions task's is its prompt alone, as it was before the catalog.</summary>
    private static JsonElement Input(VideoRequest request) =>
        request.InputJson is { } json
            ? JsonElement.Parse(json)
            : JsonSerializer.SerializeToElement(new Dictionary<string, string> { ["prompt"] = request.Prompt }, ViewJsonContext.Default.DictionaryStringString);
}
