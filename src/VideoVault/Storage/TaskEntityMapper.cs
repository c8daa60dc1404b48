using Azure.Data.Tables;
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
        Set(entity, "AspectRatio", request.AspectRatio);
        Set(entity, "Resolution", request.Resolution);
        Set(entity, "Duration", request.Duration);
        Set(entity, "ImageUrl", request.ImageUrl);
        Set(entity, "Metadata", request.MetadataJson);
        Set(entity, "RequestHash", task.RequestHash);
        Set(entity, "HasIdempotencyKey", task.HasIdempotencyKey);
        Set(entity, "CreatedAt", task.CreatedAt);
        Set(entity, "UpdatedAt", task.UpdatedAt);
        Set(entity, "PiApiTaskId", task.PiApiTaskId);
        Set(entity, "SourceUrl", task.SourceUrl);
        Set(entity, "PreviewUrl", task.PreviewUrl);
        Set(entity, "Progress", task.Progress);
        Set(entity, "BlobName", task.BlobName);
        Set(entity, "VideoSize", task.VideoSize);
        Set(entity, "Sha256", task.Sha256);
        Set(entity, "ContentMd5", task.ContentMd5);
        Set(entity, "Error", task.Error);
        Set(entity, "SubmitAttempts", task.SubmitAttempts);
        Set(entity, "ArchiveAttempts", task.ArchiveAttempts);
        Set(entity, "LeaseUntil", task.LeaseUntil);
        Set(entity, "SubmitUncertainSince", task.SubmitUncertainSince);
        return entity;
    }

    /// <exception cref="UnreadableTaskException">A value is missing where one is required, unknown, or of another type.</exception>
    public static VideoTask FromEntity(TableEntity entity)
    {
        try
        {
            return Read(entity);
        }
        catch (Exception exception) when (exception is FormatException or InvalidOperationException or InvalidCastException)
        {
            throw new UnreadableTaskException(entity.PartitionKey, exception.Message, exception);
        }
    }

    private static VideoTask Read(TableEntity entity) => new()
    {
        Id = entity.PartitionKey,
        Status = TaskStatusNames.Parse(entity.GetString("Status") ?? throw new FormatException("it has no Status.")),
        Request = new VideoRequest
        {
            Model = entity.GetString("Model") ?? string.Empty,
            TaskType = entity.GetString("TaskType") ?? string.Empty,
            Prompt = entity.GetString("Prompt") ?? string.Empty,
            AspectRatio = entity.GetString("AspectRatio"),
            Resolution = entity.GetString("Resolution"),
            Duration = entity.GetInt32("Duration"),
            ImageUrl = entity.GetString("ImageUrl"),
            MetadataJson = entity.GetString("Metadata"),
        },
        RequestHash = entity.GetString("RequestHash") ?? string.Empty,
        HasIdempotencyKey = entity.GetBoolean("HasIdempotencyKey") ?? false,
        CreatedAt = entity.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue,
        UpdatedAt = entity.GetDateTimeOffset("UpdatedAt") ?? DateTimeOffset.MinValue,
        PiApiTaskId = entity.GetString("PiApiTaskId"),
        SourceUrl = entity.GetString("SourceUrl"),
        PreviewUrl = entity.GetString("PreviewUrl"),
        Progress = entity.GetInt32("Progress"),
        BlobName = entity.GetString("BlobName"),
        VideoSize = entity.GetInt64("VideoSize"),
        Sha256 = entity.GetString("Sha256"),
        ContentMd5 = entity.GetString("ContentMd5"),
        Error = entity.GetString("Error"),
        SubmitAttempts = entity.GetInt32("SubmitAttempts") ?? 0,
        ArchiveAttempts = entity.GetInt32("ArchiveAttempts") ?? 0,
        LeaseUntil = entity.GetDateTimeOffset("LeaseUntil"),
        SubmitUncertainSince = entity.GetDateTimeOffset("SubmitUncertainSince"),
        ETag = entity.ETag.ToString(),
    };

    /// <summary>Absent values are left out: Table Storage has no null, and Replace drops what is not sent.</summary>
    private static void Set(TableEntity entity, string name, object? value)
    {
        if (value is not null)
        {
            entity[name] = value;
        }
    }
}
