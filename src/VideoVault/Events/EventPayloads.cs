using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using VideoVault.Archiving;
using VideoVault.Tasks;
using VideoVault.Views;

namespace VideoVault.Events;

/// <summary>
/// What receivers get: the task view stored with the event, with a fresh read-only link for an archived
/// video (an attempt may come hours after the change, long after a link made then would have expired),
/// as a webhook body and as a CloudEvent. The link is only made for a video still stored: an older event of
/// a task whose video was deleted since, or went through retention, goes out without one.
/// </summary>
internal sealed class EventPayloads(IVideoBlobStore videos, ITaskStore tasks, IOptions<VideoVaultOptions> options, TimeProvider timeProvider)
{
    public const string CloudEventsVersion = "1.0";

    public async Task<TaskView> ViewAsync(TaskEventRecord record, CancellationToken cancellationToken)
    {
        var view = JsonSerializer.Deserialize(record.Data, EventJsonContext.Relaxed.TaskView)
            ?? throw new InvalidOperationException($"Event {record.Id} has no task view.");
        if (record.TaskStatus != VideoTaskStatus.Archived || view.Video is not { DeletedAt: null } video
            || !await IsStoredAsync(record.TaskId, video.BlobName, cancellationToken).ConfigureAwait(false))
        {
            return view;
        }

        var lifetime = options.Value.SasLifetime;
        var expires = timeProvider.GetUtcNow() + lifetime;
        var url = await videos.CreateReadUriAsync(video.BlobName, lifetime, cancellationToken).ConfigureAwait(false);
        return view with { Video = video with { Url = url, UrlExpiresAt = expires } };
    }

    /// <summary>The task's record first (a deletion is recorded before its blobs go), then the blob itself (retention removes it unrecorded).</summary>
    private async Task<bool> IsStoredAsync(string taskId, string blobName, CancellationToken cancellationToken) =>
        await tasks.GetAsync(taskId, cancellationToken).ConfigureAwait(false) is { VideoDeletedAt: null }
        && await videos.ExistsAsync(blobName, cancellationToken).ConfigureAwait(false);

    /// <summary>The stored view, as JSON without a link.</summary>
    public static string Snapshot(TaskView view) => JsonSerializer.Serialize(view, EventJsonContext.Relaxed.TaskView);

    public static byte[] Webhook(TaskEventRecord record, TaskView view) =>
        JsonSerializer.SerializeToUtf8Bytes(new WebhookPayload(record.Id, record.Type, record.OccurredAt, record.Sequence, view), EventJsonContext.Relaxed.WebhookPayload);

    public string CloudEvent(TaskEventRecord record, TaskView view) => JsonSerializer.Serialize(
        new CloudEventMessage(
            CloudEventsVersion,
            record.Id,
            Source,
            record.Type,
            record.TaskId,
            record.OccurredAt,
            "application/json",
            record.Sequence.ToString("D6", CultureInfo.InvariantCulture),
            view),
        EventJsonContext.Relaxed.CloudEventMessage);

    /// <summary>The tasks collection of this deployment; with <c>subject</c> (the task id) it names the task.</summary>
    private string Source => Routes.Absolute(options.Value.PublicBaseUrl!, Routes.Tasks).AbsoluteUri;
}
