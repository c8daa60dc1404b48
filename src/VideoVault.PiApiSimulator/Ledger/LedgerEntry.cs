using VideoVault.PiApiSimulator.Faults;

namespace VideoVault.PiApiSimulator.Ledger;

/// <summary>What the simulator did for one created task; counters are live and thread-safe.</summary>
public sealed class LedgerEntry(string taskId, TaskSource source, string prompt, FaultSpec faults, DateTimeOffset createdAt)
{
    private int webhookAttempts;
    private int webhooksDelivered;
    private int webhooksAbandoned;
    private int videoRequests;
    private long cancelledAtTicks;

    public string TaskId { get; } = taskId;
    public TaskSource Source { get; } = source;
    public string Prompt { get; } = prompt;
    public FaultSpec Faults { get; } = faults;
    public DateTimeOffset CreatedAt { get; } = createdAt;

    /// <summary>The task API <c>model</c>; null for chat completions.</summary>
    public string? Model { get; init; }

    /// <summary>The task API <c>task_type</c>; null for chat completions.</summary>
    public string? TaskType { get; init; }

    /// <summary>When <c>DELETE /api/v1/task/{id}</c> cancelled the task; null if it never was.</summary>
    public DateTimeOffset? CancelledAt => Interlocked.Read(ref cancelledAtTicks) is var ticks and > 0 ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;

    /// <summary>HTTP attempts made to deliver webhooks, retries included.</summary>
    public int WebhookAttempts => Volatile.Read(ref webhookAttempts);

    /// <summary>Webhooks the receiver accepted with a 2xx.</summary>
    public int WebhooksDelivered => Volatile.Read(ref webhooksDelivered);

    /// <summary>Webhooks given up after every attempt failed.</summary>
    public int WebhooksAbandoned => Volatile.Read(ref webhooksAbandoned);

    /// <summary>GET requests for the task's video (HEAD excluded).</summary>
    public int VideoRequests => Volatile.Read(ref videoRequests);

    internal void RecordWebhookAttempt() => Interlocked.Increment(ref webhookAttempts);

    internal void RecordWebhookDelivered() => Interlocked.Increment(ref webhooksDelivered);

    internal void RecordCancel(DateTimeOffset at) => Interlocked.Exchange(ref cancelledAtTicks, at.UtcTicks);

    internal void RecordWebhookAbandoned() => Interlocked.Increment(ref webhooksAbandoned);

    /// <summary>Counts a video GET and returns how many came before it.</summary>
    internal int RecordVideoRequest() => Interlocked.Increment(ref videoRequests) - 1;
}
