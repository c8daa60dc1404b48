using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Logging;
using VideoVault.Events;
using VideoVault.Events.Receivers;
using VideoVault.Tasks;

namespace VideoVault.Http;

/// <summary>A task's events and their deliveries, and sending one again. Hosts map one route to each method.</summary>
internal sealed class TaskEventEndpoints(ITaskEventStore store, EventRedelivery redelivery, ILogger<TaskEventEndpoints> logger)
{
    public Task<IResult> ListAsync(string id, CancellationToken cancellationToken) =>
        EndpointGuard.RunAsync(() => ListCoreAsync(id, cancellationToken), logger, cancellationToken);

    public Task<IResult> RedeliverAsync(string id, string eventId, CancellationToken cancellationToken) =>
        EndpointGuard.RunAsync(() => RedeliverCoreAsync(id, eventId), logger, cancellationToken);

    private async Task<Results<JsonHttpResult<TaskEventListView>, ProblemHttpResult>> ListCoreAsync(string id, CancellationToken cancellationToken)
    {
        if (!TaskIds.IsValid(id))
        {
            return TypedResults.Problem("Not a task id.", statusCode: StatusCodes.Status404NotFound);
        }

        var log = await store.ReadAsync(id, cancellationToken).ConfigureAwait(false);
        if (log is null)
        {
            return TypedResults.Problem("No such task.", statusCode: StatusCodes.Status404NotFound);
        }

        var webhook = log.Task.Request.Webhook is { } subscription
            ? new WebhookSubscriptionView(ReceiverUrl.Masked(subscription.Url), ReceiverUrl.Key(subscription.Url), subscription.Events ?? TaskEventTypes.All)
            : null;
        return TypedResults.Json(new TaskEventListView(id, webhook, [.. log.Events.Select(View)]), EventJsonContext.Default.TaskEventListView);
    }

    private async Task<Results<JsonHttpResult<TaskEventView>, ProblemHttpResult>> RedeliverCoreAsync(string id, string eventId)
    {
        if (!TaskIds.IsValid(id) || TaskEventRecord.SequenceOf(id, eventId) is not { } sequence)
        {
            return TypedResults.Problem("No such event of this task.", statusCode: StatusCodes.Status404NotFound);
        }

        var result = await redelivery.RedeliverAsync(id, sequence).ConfigureAwait(false);
        return result switch
        {
            { Kind: RedeliveryKind.Sent, Record: { } record } => TypedResults.Json(View(record), EventJsonContext.Default.TaskEventView),
            { Kind: RedeliveryKind.NotSubscribed } => TypedResults.Problem("The task has no webhook subscription for this event type.", statusCode: StatusCodes.Status409Conflict),
            { Kind: RedeliveryKind.InProgress } => TypedResults.Problem("The event is being delivered right now; look again in a moment.", statusCode: StatusCodes.Status409Conflict),
            { Kind: RedeliveryKind.NoTask } => TypedResults.Problem("No such task.", statusCode: StatusCodes.Status404NotFound),
            _ => TypedResults.Problem("No such event of this task.", statusCode: StatusCodes.Status404NotFound),
        };
    }

    private static TaskEventView View(TaskEventRecord record) => new(
        record.Id,
        record.Type,
        record.Sequence,
        record.OccurredAt,
        TaskStatusNames.ToName(record.TaskStatus),
        new EventWebhookView(
            WebhookStateNames.ToName(record.Webhook),
            record.Attempts,
            record.Webhook == WebhookDeliveryState.Pending ? record.DueAt : null,
            record.DeliveredAt,
            record.History),
        record.PublishedAt,
        JsonSerializer.Deserialize(record.Data, EventJsonContext.Relaxed.TaskView)!);
}
