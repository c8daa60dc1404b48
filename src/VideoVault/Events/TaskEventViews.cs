using VideoVault.Tasks;
using VideoVault.Views;

namespace VideoVault.Events;

/// <summary><c>GET /api/tasks/{id}/events</c>: the task's subscription and its events, oldest first, with their deliveries.</summary>
internal sealed record TaskEventListView(string TaskId, WebhookSubscriptionView? Webhook, IReadOnlyList<TaskEventView> Events);

/// <param name="Url">The receiver URL as operators see it: its query, which may hold a token, masked (<see cref="Receivers.ReceiverUrl.Masked"/>).</param>
/// <param name="Receiver">The receiver's key, for its recover and resume.</param>
internal sealed record WebhookSubscriptionView(string Url, string Receiver, IReadOnlyList<string> Events);

/// <param name="Data">The task as it was at the event, without a read link (deliveries carry a fresh one).</param>
/// <param name="PublishedAt">When the CloudEvent went onto the events queue.</param>
internal sealed record TaskEventView(string Id, string Type, int Sequence, DateTimeOffset Timestamp, string Status, EventWebhookView Webhook, DateTimeOffset? PublishedAt, TaskView Data);

/// <param name="Attempts">Scheduled attempts made; redeliveries show in <paramref name="History"/> only.</param>
internal sealed record EventWebhookView(string State, int Attempts, DateTimeOffset? NextAttemptAt, DateTimeOffset? DeliveredAt, IReadOnlyList<DeliveryAttempt> History);
