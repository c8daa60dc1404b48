using VideoVault.Events;
using VideoVault.Tasks;

namespace VideoVault.Tests.Events;

internal static class EventRecords
{
    public static readonly DateTimeOffset At = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    public static TaskEventRecord Pending(int attempts = 0) => new()
    {
        TaskId = new string('a', 32),
        Sequence = 3,
        Type = TaskEventTypes.Archived,
        OccurredAt = At,
        TaskStatus = VideoTaskStatus.Archived,
        Data = "{}",
        Webhook = WebhookDeliveryState.Pending,
        DueAt = At,
        LeaseUntil = At.AddMinutes(1),
        Attempts = attempts,
    };
}
