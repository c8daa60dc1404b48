using Azure.Data.Tables;
using VideoVault.Budgets;
using VideoVault.Tasks;

namespace VideoVault.Storage;

/// <summary>
/// The stored form of an index row, property names here being the schema. Rows of <c>index-all</c> and of
/// the status partitions carry the task's <see cref="TaskSummary"/> (<see cref="SummaryVersion"/> says which
/// shape), so a page is served from them; rows written before summaries, and model rows, carry the task id alone.
/// A row is written <see cref="PendingProperty">pending</see> before the task write it announces and confirmed after it.
/// </summary>
internal static class TaskIndexEntity
{
    public const string TaskIdProperty = "TaskId";
    public const string PendingProperty = "Pending";

    /// <summary>The summary's shape; a row with another (or none) is read through its task and written again.</summary>
    public const int SummaryVersion = 1;

    private const string SummaryVersionProperty = "SummaryVersion";

    /// <summary>What a query reads: the key, the service's time, and every property a row may carry.</summary>
    public static readonly string[] Columns =
    [
        "PartitionKey", "RowKey", "Timestamp", TaskIdProperty, SummaryVersionProperty, PendingProperty, "Status", "Model", "TaskType",
        "CatalogEntry", "Prompt", "CreatedAt", "StatusChangedAt", "Error", "VideoSize", "EstimatedMicroUsd", "EstimateIsDefault",
    ];

    /// <summary>A row naming the task and nothing else: a model row.</summary>
    public static TableEntity Bare(string partition, string rowKey, string taskId) => new(partition, rowKey) { [TaskIdProperty] = taskId };

    public static TableEntity Summarised(string partition, string rowKey, TaskSummary summary, bool pending)
    {
        var entity = Bare(partition, rowKey, summary.Id);
        entity[SummaryVersionProperty] = SummaryVersion;
        Set(entity, PendingProperty, pending ? true : null);
        entity["Status"] = TaskStatusNames.ToName(summary.Status);
        entity["Model"] = summary.Model;
        entity["TaskType"] = summary.TaskType;
        Set(entity, "CatalogEntry", summary.CatalogEntryId);
        entity["Prompt"] = summary.Prompt;
        entity["CreatedAt"] = summary.CreatedAt;
        entity["StatusChangedAt"] = summary.StatusChangedAt;
        Set(entity, "Error", summary.Error);
        Set(entity, "VideoSize", summary.VideoSize);
        Set(entity, "EstimatedMicroUsd", summary.EstimatedUsd is { } usd ? SpendUnits.ToMicroUsd(usd) : null);
        Set(entity, "EstimateIsDefault", summary.EstimateIsDefault ? true : null);
        return entity;
    }

    /// <param name="status">The partition's status; null for <c>index-all</c> and model rows.</param>
    /// <param name="model">The model of a model row, whose summary (if any) is never read: model rows are not kept current.</param>
    public static TaskIndexRow Read(TableEntity entity, VideoTaskStatus? status, string? model) => new(
        entity.GetString(TaskIdProperty) ?? string.Empty,
        status,
        entity.RowKey,
        entity.Timestamp ?? DateTimeOffset.MinValue,
        entity.ETag.ToString(),
        model,
        model is null ? Summary(entity) : null,
        entity.GetBoolean(PendingProperty) ?? false);

    /// <summary>Null when the row has no summary of this version's shape, or one this version cannot read: its task is read instead.</summary>
    private static TaskSummary? Summary(TableEntity entity)
    {
        try
        {
            if (entity.GetInt32(SummaryVersionProperty) != SummaryVersion
                || entity.GetString(TaskIdProperty) is not { } id
                || entity.GetString("Status") is not { } status
                || !TaskStatusNames.TryParse(status, out var parsed)
                || entity.GetDateTimeOffset("CreatedAt") is not { } createdAt
                || entity.GetDateTimeOffset("StatusChangedAt") is not { } changedAt)
            {
                return null;
            }

            return new TaskSummary(
                id,
                parsed,
                entity.GetString("Model") ?? string.Empty,
                entity.GetString("TaskType") ?? string.Empty,
                entity.GetString("CatalogEntry"),
                entity.GetString("Prompt") ?? string.Empty,
                createdAt,
                changedAt,
                entity.GetString("Error"),
                entity.GetInt64("VideoSize"),
                entity.GetInt64("EstimatedMicroUsd") is { } micro ? SpendUnits.FromMicroUsd(micro) : null,
                entity.GetBoolean("EstimateIsDefault") ?? false);
        }
        catch (InvalidOperationException)
        {
            // A property of another type: the SDK's getters say so by throwing.
            return null;
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
