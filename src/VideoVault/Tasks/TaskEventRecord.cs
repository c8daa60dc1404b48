using System.Globalization;

namespace VideoVault.Tasks;

/// <summary>
/// One event of a task, stored beside it (same partition) in the transaction that made the status
/// change, with where its delivery stands: the webhook attempts and the CloudEvents queue.
/// </summary>
internal sealed record TaskEventRecord
{
    public required string TaskId { get; init; }

    /// <summary>1, 2, 3… per task, in the order the events happened.</summary>
    public required int Sequence { get; init; }

    public required string Type { get; init; }

    /// <summary>When the status change was stored (the payload's <c>timestamp</c>).</summary>
    public required DateTimeOffset OccurredAt { get; init; }

    /// <summary>The task's status right after the change (for <c>task.failed</c>, which failure).</summary>
    public required VideoTaskStatus TaskStatus { get; init; }

    /// <summary>The task view at the change, as JSON without a read link; delivery adds a fresh one.</summary>
    public required string Data { get; init; }

    public required WebhookDeliveryState Webhook { get; init; }

    /// <summary>The key of the receiver URL the task subscribed (the receiver URL's key), so an operator's recover or resume finds the event; null without a subscription.</summary>
    public string? Receiver { get; init; }

    /// <summary>When the next scheduled attempt is due, while <see cref="Webhook"/> is pending.</summary>
    public DateTimeOffset? DueAt { get; init; }

    /// <summary>Until when an attempt in progress holds the event (from its write, the process that wrote it); another sender takes over after it.</summary>
    public DateTimeOffset? LeaseUntil { get; init; }

    /// <summary>Scheduled attempts made so far (redeliveries asked for through the API are not counted).</summary>
    public int Attempts { get; init; }

    /// <summary>The most recent attempts, oldest first (at most <see cref="MaxHistory"/>).</summary>
    public IReadOnlyList<DeliveryAttempt> History { get; init; } = [];

    public DateTimeOffset? DeliveredAt { get; init; }

    /// <summary>When the CloudEvent went onto the events queue; null until it has.</summary>
    public DateTimeOffset? PublishedAt { get; init; }

    public string? ETag { get; init; }

    public const int MaxHistory = 20;

    /// <summary>The same on every attempt (Standard Webhooks' <c>webhook-id</c>, the CloudEvent's <c>id</c>); no dots, which the signed content uses as separators.</summary>
    public string Id => EventId(TaskId, Sequence);

    public static string EventId(string taskId, int sequence) => string.Create(CultureInfo.InvariantCulture, $"evt_{taskId}_{sequence:D6}");

    /// <summary>The sequence of an event id of <paramref name="taskId"/>, or null when it is not one.</summary>
    public static int? SequenceOf(string taskId, string eventId)
    {
        var prefix = $"evt_{taskId}_";
        return eventId.StartsWith(prefix, StringComparison.Ordinal)
            && eventId.Length == prefix.Length + 6
            && int.TryParse(eventId.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var sequence)
            && sequence > 0
            ? sequence
            : null;
    }

    public TaskEventRecord WithAttempt(DeliveryAttempt attempt) =>
        this with { History = [.. History.Skip(Math.Max(0, History.Count - MaxHistory + 1)), attempt] };
}

internal enum WebhookDeliveryState
{
    /// <summary>The task has no subscription, or it does not want this type; the event still goes to the queue.</summary>
    NotSubscribed,

    /// <summary>Waiting for its first or next attempt.</summary>
    Pending,

    /// <summary>A receiver answered 2xx.</summary>
    Delivered,

    /// <summary>Every scheduled attempt failed, or the URL can never be reached (refused by the outbound guard).</summary>
    Failed,

    /// <summary>The receiver answered 410 Gone: nothing more goes to that URL.</summary>
    Gone,

    /// <summary>Not sent: the receiver answered 410 Gone to an event of the task.</summary>
    Skipped,

    /// <summary>Held: every delivery to its receiver URL has failed for <c>Events:PauseAfter</c>; resuming the receiver sends it.</summary>
    Paused,
}

/// <param name="Status">The HTTP status answered, or null when there was no answer.</param>
/// <param name="Error">Why the attempt failed, short; null for a 2xx.</param>
/// <param name="Redelivery">Asked for through the API rather than scheduled.</param>
internal sealed record DeliveryAttempt(DateTimeOffset At, int DurationMs, int? Status, string? Error, bool Redelivery);
