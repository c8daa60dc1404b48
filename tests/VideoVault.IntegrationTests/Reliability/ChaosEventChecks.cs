using System.Text;
using System.Text.Json.Nodes;
using CloudNative.CloudEvents;
using CloudNative.CloudEvents.SystemTextJson;
using VideoVault.Events;
using VideoVault.IntegrationTests.Infrastructure;
using VideoVault.IntegrationTests.Stack;
using VideoVault.PiApiSimulator.Consumer;
using VideoVault.Storage;
using VideoVault.Tasks;

namespace VideoVault.IntegrationTests.Reliability;

/// <summary>
/// The chaos run's event invariants: each task's receiver (with its random faults) got every event it
/// asked for at least once, each with its sequence (receivers order by it: events are not held back
/// behind each other), signed, nothing that did not happen, and every event went onto the queue.
/// </summary>
/// <param name="flapping">The port that refuses connections now and then, for the receivers whose plan says so.</param>
internal sealed class ChaosEventChecks(TestStack stack, FlappingPort flapping)
{
    /// <summary>After the last task is terminal: the longest a receiver's faults and the flapping port hold an event back, with slack.</summary>
    private static readonly TimeSpan EventDeadline = TimeSpan.FromSeconds(90);

    private static readonly string[] PathToArchived = [TaskEventTypes.Submitted, TaskEventTypes.Processing, TaskEventTypes.Archived];

    /// <summary>Receivers' faults retried within seconds: nine attempts over about 10 s outlast any receiver's failures and the flapping port's outages.</summary>
    public static void Configure(Dictionary<string, string?> configuration)
    {
        configuration["Events:ResponseTimeout"] = "00:00:01";
        configuration["Events:ConnectTimeout"] = "00:00:01";
        string[] schedule = ["00:00:00.200", "00:00:00.400", "00:00:00.800", "00:00:01", "00:00:01", "00:00:02", "00:00:02", "00:00:03"];
        for (var i = 0; i < schedule.Length; i++)
        {
            configuration[$"Events:RetrySchedule:{i}"] = schedule[i];
        }
    }

    public JsonObject SubmitBody(ChaosTask task, ChaosConsumer consumer)
    {
        var receiverBase = consumer.Refused ? new Uri($"http://127.0.0.1:{flapping.Port}/") : stack.SimulatorUri;
        var body = TestStack.SubmitBody(task.Prompt);
        var url = new Uri(receiverBase, $"consumer/{consumer.Endpoint}{(consumer.Query.Length > 0 ? "?" + consumer.Query : string.Empty)}");
        body["webhook"] = consumer.Events is null
            ? new JsonObject { ["url"] = url.AbsoluteUri }
            : new JsonObject { ["url"] = url.AbsoluteUri, ["events"] = new JsonArray([.. consumer.Events.Select(e => JsonValue.Create(e))]) };
        return body;
    }

    /// <summary>Reads the event rows until every one is settled (final webhook state, on the queue) or the deadline passes.</summary>
    public async Task<List<TaskEventRecord>> WaitForSettledAsync()
    {
        var deadline = DateTime.UtcNow + EventDeadline;
        while (true)
        {
            var rows = (await stack.EventEntitiesAsync()).Select(TaskEventEntityMapper.FromEntity).ToList();
            if (rows.TrueForAll(r => r.Webhook != WebhookDeliveryState.Pending && r.PublishedAt is not null) || DateTime.UtcNow > deadline)
            {
                return rows;
            }

            await Task.Delay(500);
        }
    }

    public async Task CheckAsync(ChaosChecks checks, List<ChaosConsumer> consumers, ChaosOutcome outcome, List<TaskEventRecord> rows)
    {
        var (ids, entities) = (outcome.Ids, outcome.Entities);
        var byTask = rows.ToLookup(r => r.TaskId);
        var (terminal, delivered, happened, reached, signatures, gone) = (new List<string>(), new List<string>(), new List<string>(), new List<string>(), new List<string>(), new List<string>());
        for (var index = 0; index < consumers.Count; index++)
        {
            if (ids[index] is not { } id || entities.GetValueOrDefault(id)?.GetString("Status") is not { } statusName)
            {
                continue;
            }

            var consumer = consumers[index];
            var status = TaskStatusNames.Parse(statusName);
            var events = byTask[id].OrderBy(r => r.Sequence).ToList();
            var deliveries = stack.Consumer.For(consumer.Endpoint);
            var accepted = deliveries.Where(d => d.Accepted && d.SignatureError is null).DistinctBy(d => d.WebhookId).ToList();
            var firstGone = deliveries.FirstOrDefault(d => d.Outcome == ConsumerAnswer.Gone);
            var label = $"task {index} {id} ({statusName}, receiver [{string.Join(", ", consumer.Faults)}])";

            var terminalType = status == VideoTaskStatus.Archived ? TaskEventTypes.Archived : TaskEventTypes.Failed;
            if (TaskStatusRules.IsTerminal(status) && firstGone is null && !accepted.Exists(d => d.Type == terminalType))
            {
                terminal.Add($"{label}: {terminalType} never accepted; got {Describe(deliveries)}");
            }

            var missing = firstGone is null ? events.Where(r => r.Webhook != WebhookDeliveryState.NotSubscribed && !accepted.Exists(d => d.WebhookId == r.Id)).ToList() : [];
            if (missing.Count > 0 || accepted.Exists(d => events.Find(r => r.Id == d.WebhookId) is not { } row || row.Type != d.Type || row.Sequence != d.Sequence))
            {
                delivered.Add($"{label}: accepted {Describe(accepted)}; stored {string.Join(", ", events.Select(r => $"{r.Type}#{r.Sequence}"))}");
            }

            if (!Happened(status, events))
            {
                happened.Add($"{label}: stored {string.Join(", ", events.Select(r => $"{r.Type}#{r.Sequence}({TaskStatusNames.ToName(r.TaskStatus)})"))}");
            }

            var types = events.Select(r => r.Type).ToList();
            var expected = status switch
            {
                VideoTaskStatus.Archived => PathToArchived,
                VideoTaskStatus.ArchiveFailed => [TaskEventTypes.Submitted, TaskEventTypes.Processing, TaskEventTypes.Failed],
                VideoTaskStatus.SubmitFailed => [TaskEventTypes.Failed],
                _ => null,
            };
            if ((expected is not null && !types.SequenceEqual(expected)) || accepted.Exists(d => !types.Contains(d.Type!)))
            {
                reached.Add($"{label}: stored [{string.Join(", ", types)}], received [{string.Join(", ", accepted.Select(d => d.Type))}]");
            }

            signatures.AddRange(deliveries.Where(d => d.SignatureError is not null).Select(d => $"{label}: {d.WebhookId} {d.SignatureError}"));
            if (firstGone is not null && deliveries.SkipWhile(d => d != firstGone).Skip(1).Any())
            {
                gone.Add($"{label}: {deliveries.SkipWhile(d => d != firstGone).Count() - 1} deliveries after its 410");
            }
        }

        checks.Record("every terminal task's terminal event delivered with a valid signature (unless its receiver answered 410 first)", terminal);
        checks.Record("every event a receiver asked for delivered at least once, each with its sequence as stored", delivered);
        checks.Record("no event for a transition that did not happen", happened);
        checks.Record("nothing for a state a task never reached, and no event received that was not stored", reached);
        checks.Record("every delivery's signature verified", signatures);
        checks.Record("nothing sent to a receiver after its 410", gone);
        await CheckQueueAsync(checks, rows);
    }

    /// <summary>Sequences 1..n, every event's type reached by the status it recorded, the failure last and only at a failure status.</summary>
    private static bool Happened(VideoTaskStatus final, List<TaskEventRecord> events)
    {
        if (!events.Select(r => r.Sequence).SequenceEqual(Enumerable.Range(1, events.Count)) || events.Select(r => r.Type).Distinct().Count() != events.Count)
        {
            return false;
        }

        return events.TrueForAll(r => r.Type == TaskEventTypes.Failed
            ? r == events[^1] && r.TaskStatus == final && TaskStatusRules.IsFailure(final)
            : !TaskStatusRules.IsFailure(r.TaskStatus) && PathToArchived.Take(TaskEventTypes.RaisedSoFar(r.TaskStatus)).Contains(r.Type));
    }

    /// <summary>Every stored event is on the queue as a CloudEvent that the CloudEvents SDK reads, with the row's id, type and subject.</summary>
    private async Task CheckQueueAsync(ChaosChecks checks, List<TaskEventRecord> rows)
    {
        var formatter = new JsonEventFormatter();
        var cloudEvents = new List<CloudEvent>();
        var failures = new List<string>();
        while ((await stack.EventQueue.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(5))).Value is { Length: > 0 } messages)
        {
            foreach (var message in messages)
            {
                try
                {
                    cloudEvents.Add(formatter.DecodeStructuredModeMessage(Encoding.UTF8.GetBytes(message.MessageText), null, null));
                }
                catch (Exception exception) when (exception is ArgumentException or FormatException or System.Text.Json.JsonException)
                {
                    failures.Add($"not a CloudEvent: {exception.Message}");
                }
            }
        }

        var byId = cloudEvents.ToLookup(e => e.Id);
        failures.AddRange(rows.Where(r => !byId[r.Id].Any(e => e.Type == r.Type && e.Subject == r.TaskId && e.SpecVersion == CloudEventsSpecVersion.V1_0)).Select(r => $"{r.Id} ({r.Type}) not on the queue"));
        failures.AddRange(rows.Where(r => r.Webhook == WebhookDeliveryState.Pending || r.PublishedAt is null).Select(r => $"{r.Id} not settled within {EventDeadline.TotalSeconds:0} s: {WebhookStateNames.ToName(r.Webhook)}, published {r.PublishedAt is not null}"));
        QueueDuplicates = cloudEvents.Count - byId.Count;
        checks.Record($"every event settled and on the queue as a CloudEvent ({cloudEvents.Count} messages for {rows.Count} events)", failures);
    }

    private int QueueDuplicates { get; set; }

    /// <summary>The run's <c>CHAOS-EVENTS</c> line.</summary>
    public string Summary(int seed, TimeSpan settled, List<ChaosConsumer> consumers, List<TaskEventRecord> rows)
    {
        var deliveries = stack.Consumer.Deliveries.Where(d => d.Endpoint.StartsWith("chaos-", StringComparison.Ordinal)).ToList();
        var accepted = deliveries.Where(d => d.Accepted).ToList();
        var states = rows.CountBy(r => WebhookStateNames.ToName(r.Webhook)).OrderByDescending(p => p.Value).Select(p => $"{p.Key} {p.Value}");
        var faults = consumers.SelectMany(c => c.Faults).CountBy(f => f).OrderByDescending(p => p.Value).Select(p => $"{p.Key} {p.Value}");
        return $"CHAOS-EVENTS seed={seed} settled={settled.TotalSeconds:0.0}s receivers=[{string.Join(", ", faults)}] events=[rows {rows.Count}, {string.Join(", ", states)}; deliveries {deliveries.Count}, accepted {accepted.Count}, accepted again {accepted.Count - accepted.DistinctBy(d => d.WebhookId).Count()}; queue duplicates {QueueDuplicates}; port outages {flapping.Outages}]";
    }

    private static string Describe(IEnumerable<ConsumerDelivery> deliveries) =>
        string.Join(", ", deliveries.Select(d => $"{d.Type}#{d.Sequence} {d.Outcome}/{d.Answer}"));
}
