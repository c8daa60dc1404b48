using Azure.Data.Tables;
using VideoVault.Budgets;
using VideoVault.PiApi;
using VideoVault.Tasks;

namespace VideoVault.Storage;

/// <summary>Maps a task to its Table entity and back; property names here are the stored schema.</summary>
internal static class TaskEntityMapper
{
    public const string RowKey = "task";

    public static TableEntity ToEntity(VideoTask task)
    {
        var entity = new TableEntity(task.Id, RowKey);
        var request = task.Request;
        Set(entity, "Status", TaskStatusNames.ToName(task.Status));
        Set(entity, "Model", request.Model);
        Set(entity, "TaskType", request.TaskType);
        Set(entity, "Prompt", request.Prompt);
        Set(entity, "Input", request.InputJson);
        Set(entity, "CatalogEntry", request.CatalogEntryId);
        Set(entity, "Metadata", request.MetadataJson);
        Set(entity, "WebhookUrl", request.Webhook?.Url.AbsoluteUri);
        Set(entity, "WebhookEvents", request.Webhook?.Events is { } events ? string.Join(',', events) : null);
        Set(entity, "RequestHash", task.RequestHash);
        Set(entity, "HasIdempotencyKey", task.HasIdempotencyKey);
        Set(entity, "CreatedAt", task.CreatedAt);
        Set(entity, "UpdatedAt", task.UpdatedAt);
        Set(entity, "PiApiTaskId", task.PiApiTaskId);
        Set(entity, "SourceUrl", task.SourceUrl);
        Set(entity, "PreviewUrl", task.PreviewUrl);
        Set(entity, "PosterSourceUrl", task.PosterSourceUrl);
        Set(entity, "VideoCount", task.VideoCount);
        Set(entity, "PosterBlobName", task.PosterBlobName);
        Set(entity, "Progress", task.Progress);
        Set(entity, "BlobName", task.BlobName);
        Set(entity, "VideoSize", task.VideoSize);
        Set(entity, "Sha256", task.Sha256);
        Set(entity, "ContentMd5", task.ContentMd5);
        Set(entity, "VideoDeletedAt", task.VideoDeletedAt);
        Set(entity, "VideoDeletionReason", task.VideoDeletionReason);
        Set(entity, "Error", task.Error);
        Set(entity, "SubmitAttempts", task.SubmitAttempts);
        Set(entity, "ArchiveAttempts", task.ArchiveAttempts);
        Set(entity, "ArchiveLeaseUntil", task.ArchiveLeaseUntil);
        Set(entity, "StreamLeaseUntil", task.StreamLeaseUntil);
        Set(entity, "SubmitUncertainSince", task.SubmitUncertainSince);
        Set(entity, "Timeline", task.Timeline.Count > 0 ? TaskTimeline.Write(task.Timeline) : null);
        Set(entity, "EventCount", task.EventCount);
        Set(entity, "TraceParent", task.TraceParent);
        Set(entity, "Deadline", request.Deadline);
        Set(entity, "EstimatedMicroUsd", task.EstimatedUsd is { } usd ? SpendUnits.ToMicroUsd(usd) : null);
        Set(entity, "EstimateIsDefault", task.EstimateIsDefault ? true : null);
        Set(entity, "UsageType", task.Usage?.Type);
        Set(entity, "UsageFrozen", task.Usage?.Frozen);
        Set(entity, "UsageConsume", task.Usage?.Consume);
        Set(entity, "OpenSlot", task.OpenSlot);
        Set(entity, "SpendDay", task.SpendDay);
        Set(entity, "DeadlineMissed", task.DeadlineMissed ? true : null);
        return entity;
    }

    /// <exception cref="UnreadableTaskException">A value is missing where one is required, unknown, or of another type.</exception>
    public static VideoTask FromEntity(TableEntity entity)
    {
        try
        {
            return Read(entity);
        }
        catch (FormatException exception)
        {
            throw new UnreadableTaskException(entity.PartitionKey, exception.Message, exception);
        }
    }

    private static VideoTask Read(TableEntity entity) => WithLegacyLease(entity, new()
    {
        Id = entity.PartitionKey,
        Status = TaskStatusNames.Parse(Field("Status", entity.GetString) ?? throw new FormatException("it has no Status.")),
        Request = new VideoRequest
        {
            Model = Field("Model", entity.GetString) ?? string.Empty,
            TaskType = Field("TaskType", entity.GetString) ?? string.Empty,
            Prompt = Field("Prompt", entity.GetString) ?? string.Empty,
            InputJson = Field("Input", entity.GetString) ?? LegacySoraInput.Read(entity),
            CatalogEntryId = Field("CatalogEntry", entity.GetString) ?? LegacySoraInput.CatalogEntry(entity),
            MetadataJson = Field("Metadata", entity.GetString),
            Webhook = Webhook(Field("WebhookUrl", entity.GetString), Field("WebhookEvents", entity.GetString)),
            Deadline = Field("Deadline", entity.GetDateTimeOffset),
        },
        RequestHash = Field("RequestHash", entity.GetString) ?? string.Empty,
        HasIdempotencyKey = Field("HasIdempotencyKey", entity.GetBoolean) ?? false,
        CreatedAt = Field("CreatedAt", entity.GetDateTimeOffset) ?? DateTimeOffset.MinValue,
        UpdatedAt = Field("UpdatedAt", entity.GetDateTimeOffset) ?? DateTimeOffset.MinValue,
        PiApiTaskId = Field("PiApiTaskId", entity.GetString),
        SourceUrl = Field("SourceUrl", entity.GetString),
        PreviewUrl = Field("PreviewUrl", entity.GetString),
        PosterSourceUrl = Field("PosterSourceUrl", entity.GetString),
        VideoCount = Field("VideoCount", entity.GetInt32),
        PosterBlobName = Field("PosterBlobName", entity.GetString),
        Progress = Field("Progress", entity.GetInt32),
        BlobName = Field("BlobName", entity.GetString),
        VideoSize = Field("VideoSize", entity.GetInt64),
        Sha256 = Field("Sha256", entity.GetString),
        ContentMd5 = Field("ContentMd5", entity.GetString),
        VideoDeletedAt = Field("VideoDeletedAt", entity.GetDateTimeOffset),
        VideoDeletionReason = Field("VideoDeletionReason", entity.GetString),
        Error = Field("Error", entity.GetString),
        SubmitAttempts = Field("SubmitAttempts", entity.GetInt32) ?? 0,
        ArchiveAttempts = Field("ArchiveAttempts", entity.GetInt32) ?? 0,
        ArchiveLeaseUntil = Field("ArchiveLeaseUntil", entity.GetDateTimeOffset),
        StreamLeaseUntil = Field("StreamLeaseUntil", entity.GetDateTimeOffset),
        SubmitUncertainSince = Field("SubmitUncertainSince", entity.GetDateTimeOffset),
        Timeline = Field("Timeline", entity.GetString) is { } timeline ? TaskTimeline.Read(timeline) : [],
        EventCount = Field("EventCount", entity.GetInt32),
        TraceParent = Field("TraceParent", entity.GetString),
        EstimatedUsd = Field("EstimatedMicroUsd", entity.GetInt64) is { } micro ? SpendUnits.FromMicroUsd(micro) : null,
        EstimateIsDefault = Field("EstimateIsDefault", entity.GetBoolean) ?? false,
        Usage = Usage(entity),
        OpenSlot = Field("OpenSlot", entity.GetInt32),
        SpendDay = Field("SpendDay", entity.GetString),
        DeadlineMissed = Field("DeadlineMissed", entity.GetBoolean) ?? false,
        ETag = entity.ETag.ToString(),
    });

    /// <summary>
    /// Rows written before the two leases were split carry one "LeaseUntil"; its status says which claim it
    /// was, so a task archiving or streaming across an upgrade keeps its holder. Writes replace the whole row, so
    /// the first one drops it, and no row carries it next to the split leases.
    /// </summary>
    private static VideoTask WithLegacyLease(TableEntity entity, VideoTask task)
    {
        if (Field("LeaseUntil", entity.GetDateTimeOffset) is not { } legacy)
        {
            return task;
        }

        return task.Status switch
        {
            VideoTaskStatus.Archiving => task with { ArchiveLeaseUntil = legacy },
            VideoTaskStatus.Submitting or VideoTaskStatus.Pending or VideoTaskStatus.Processing when ModelNames.IsChatCompletions(task.Request.Model) => task with { StreamLeaseUntil = legacy },
            _ => task,
        };
    }

    private static PiApiTaskUsage? Usage(TableEntity entity) =>
        Field("UsageType", entity.GetString) is not null || Field("UsageFrozen", entity.GetInt64) is not null || Field("UsageConsume", entity.GetInt64) is not null
            ? new PiApiTaskUsage { Type = Field("UsageType", entity.GetString), Frozen = Field("UsageFrozen", entity.GetInt64) ?? 0, Consume = Field("UsageConsume", entity.GetInt64) ?? 0 }
            : null;

    private static WebhookSubscription? Webhook(string? url, string? events) => url is null
        ? null
        : new WebhookSubscription(
            Uri.TryCreate(url, UriKind.Absolute, out var parsed) ? parsed : throw new FormatException("WebhookUrl: not an absolute URL."),
            events?.Split(',', StringSplitOptions.RemoveEmptyEntries));

    /// <summary>The SDK's getters say what type they found, not where: the error names the property.</summary>
    internal static T Field<T>(string name, Func<string, T> read)
    {
        try
        {
            return read(name);
        }
        catch (InvalidOperationException exception)
        {
            throw new FormatException($"{name}: {exception.Message}", exception);
        }
    }

    /// <summary>Absent values are left out: Table Storage has no null, and Replace drops what is not sent.</summary>
    private static void Set(TableEntity entity, string name, object? value)
    {
        if (value is not null)
        {
            entity[name] = value;
        }
    }
}
