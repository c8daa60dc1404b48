using System.Text.Json;
using Azure.Data.Tables;
using VideoVault.Events;
using VideoVault.Tasks;

namespace VideoVault.Storage;

/// <summary>Maps an event to its Table entity (the task's partition, RowKey <c>event-000001</c>) and back; property names here are the stored schema.</summary>
internal static class TaskEventEntityMapper
{
    public const string RowKeyPrefix = "event-";

    /// <summary>The first RowKey after every event's: '.' follows '-' in ordinal order.</summary>
    public const string RowKeyEnd = "event.";

    public static string RowKey(int sequence) => RowKeyPrefix + sequence.ToString("D6", System.Globalization.CultureInfo.InvariantCulture);

    public static bool IsEvent(TableEntity entity) => entity.RowKey.StartsWith(RowKeyPrefix, StringComparison.Ordinal);

    public static TableEntity ToEntity(TaskEventRecord record)
    {
        var entity = new TableEntity(record.TaskId, RowKey(record.Sequence))
        {
            ["Type"] = record.Type,
            ["Sequence"] = record.Sequence,
            ["OccurredAt"] = record.OccurredAt,
            ["TaskStatus"] = TaskStatusNames.ToName(record.TaskStatus),
            ["Data"] = record.Data,
            ["Webhook"] = WebhookStateNames.ToName(record.Webhook),
            ["Attempts"] = record.Attempts,
            ["History"] = JsonSerializer.Serialize(record.History, EventJsonContext.Default.IReadOnlyListDeliveryAttempt),

            // Always written, so the sweep's filter finds the events not yet on the queue.
            ["Published"] = record.PublishedAt is not null,
        };
        if (record.Receiver is { } receiver)
        {
            entity["Receiver"] = receiver;
        }

        Set(entity, "DueAt", record.DueAt);
        Set(entity, "LeaseUntil", record.LeaseUntil);
        Set(entity, "DeliveredAt", record.DeliveredAt);
        Set(entity, "PublishedAt", record.PublishedAt);
        return entity;
    }

    public static TaskEventRecord FromEntity(TableEntity entity)
    {
        try
        {
            return new TaskEventRecord
            {
                TaskId = entity.PartitionKey,
                Sequence = entity.GetInt32("Sequence") ?? throw new FormatException("it has no Sequence."),
                Type = entity.GetString("Type") ?? throw new FormatException("it has no Type."),
                OccurredAt = entity.GetDateTimeOffset("OccurredAt") ?? throw new FormatException("it has no OccurredAt."),
                TaskStatus = TaskStatusNames.Parse(entity.GetString("TaskStatus") ?? throw new FormatException("it has no TaskStatus.")),
                Data = entity.GetString("Data") ?? throw new FormatException("it has no Data."),
                Webhook = WebhookStateNames.Parse(entity.GetString("Webhook") ?? throw new FormatException("it has no Webhook state.")),
                Receiver = entity.GetString("Receiver"),
                DueAt = entity.GetDateTimeOffset("DueAt"),
                LeaseUntil = entity.GetDateTimeOffset("LeaseUntil"),
                Attempts = entity.GetInt32("Attempts") ?? 0,
                History = JsonSerializer.Deserialize(entity.GetString("History") ?? "[]", EventJsonContext.Default.IReadOnlyListDeliveryAttempt) ?? [],
                DeliveredAt = entity.GetDateTimeOffset("DeliveredAt"),
                PublishedAt = entity.GetDateTimeOffset("PublishedAt"),
                ETag = entity.ETag.ToString(),
            };
        }
        catch (Exception exception) when (exception is FormatException or InvalidOperationException or JsonException)
        {
            throw new UnreadableTaskException(entity.PartitionKey, $"its event row {entity.RowKey} cannot be read: {exception.Message}", exception);
        }
    }

    /// <summary>Absent values are left out: Table Storage has no null, and Replace drops what is not sent.</summary>
    private static void Set(TableEntity entity, string name, DateTimeOffset? value)
    {
        if (value is { } present)
        {
            entity[name] = present;
        }
    }
}
