using System.Net;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using VideoVault.Benchmarks.Floors;
using VideoVault.Benchmarks.Infrastructure;
using VideoVault.Inbound;
using VideoVault.Storage;
using VideoVault.Tasks;

namespace VideoVault.Benchmarks.Webhooks;

/// <summary>
/// The webhook endpoint on the dev host against its storage floors at each concurrency, side by side in one run:
/// (a) a non-terminal event moving a pending task to processing, against <see cref="WebhookFloor"/>; (b) a duplicate
/// terminal event of an archived task, against its one read (GetEntity); (c) a wrong secret, which touches no storage.
/// Each phase waits for the background work of the one before (event deliveries) to finish first.
/// </summary>
internal static class WebhookBenchmark
{
    private const int Warmup = 30;
    private const int Counted = 20;
    private const string EventsQueue = "bench-webhook-events";
    private const string FloorEventsQueue = "bench-webhook-floor-events";

    public static async Task<WebhookFigures> RunAsync(BenchEnvironment environment, IReadOnlyList<int> levels, int requestsPerLevel, TextWriter log)
    {
        await using var host = await environment.StartDevHostAsync("webhook", new Dictionary<string, string?> { ["Events:Queue"] = EventsQueue });
        var table = "benchwebhook";
        var tableClient = environment.Azurite.Clients.CreateTableServiceClient().GetTableClient(table);
        var queues = environment.Azurite.Clients.CreateQueueServiceClient();
        var (productEvents, floorEvents) = (queues.GetQueueClient(EventsQueue), queues.GetQueueClient(FloorEventsQueue));
        await productEvents.CreateIfNotExistsAsync();
        await floorEvents.CreateIfNotExistsAsync();
        var secrets = host.Services.GetRequiredService<TaskWebhookSecrets>();
        var now = DateTimeOffset.UtcNow;
        var total = (levels.Count * requestsPerLevel) + Warmup + Counted;

        var pending = Enumerable.Range(0, total).Select(i => TaskSeeder.Task(TaskIds.FromIdempotencyKey($"pending-{i}"), VideoTaskStatus.Pending, now, $"pi-{i}")).ToList();
        var floorPending = Enumerable.Range(0, total).Select(i => TaskSeeder.Task(TaskIds.FromIdempotencyKey($"floor-{i}"), VideoTaskStatus.Pending, now, $"fl-{i}")).ToList();
        var archived = TaskSeeder.Task(TaskIds.FromIdempotencyKey("archived"), VideoTaskStatus.Archived, now, "pi-archived");
        await TaskSeeder.SeedAsync(environment.Azurite.Clients, table, [.. pending, .. floorPending, archived]);
        var floor = await WebhookFloor.PrepareAsync(host.Services, tableClient, floorEvents, floorPending);
        log.WriteLine($"  webhook: seeded {pending.Count + floorPending.Count + 1} tasks, the floor's rows made by the app's code");

        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { BaseAddress = host.BaseUri };
        var processingBodies = pending.Select(t => PiApiWebhooks.Body(t.PiApiTaskId!, "processing", null)).ToList();
        var pendingSecrets = pending.Select(t => secrets.Create(t.Id)).ToList();
        var archivedBody = PiApiWebhooks.Body("pi-archived", "completed", new Uri("https://cdn.example/video.mp4"));
        var archivedSecret = secrets.Create(archived.Id);
        var wrongSecret = secrets.Create(TaskIds.FromIdempotencyKey("someone-else"));

        var (nextPending, nextFloor) = (0, 0);
        Task NonTerminal(int _)
        {
            var index = Interlocked.Increment(ref nextPending) - 1;
            return PiApiWebhooks.PostAsync(http, pending[index].Id, pendingSecrets[index], processingBodies[index], HttpStatusCode.OK);
        }

        Task NonTerminalFloor(int _) => floor.MoveAsync(Interlocked.Increment(ref nextFloor) - 1);
        Task ProductDrained() => QueueFill.WaitForAsync(productEvents, nextPending);
        Task Duplicate(int _) => PiApiWebhooks.PostAsync(http, archived.Id, archivedSecret, archivedBody, HttpStatusCode.OK);
        Task DuplicateFloor(int _) => tableClient.GetEntityIfExistsAsync<TableEntity>(archived.Id, TaskEntityMapper.RowKey);
        Task Refused(int _) => PiApiWebhooks.PostAsync(http, archived.Id, wrongSecret, archivedBody, HttpStatusCode.Unauthorized);

        var comparison = new FloorComparison(environment.Azurite, NonTerminal, ProductDrained, EventsQueue, NonTerminalFloor, floor.DrainAsync, FloorEventsQueue);
        var operations = await comparison.WarmUpAndCountAsync(Warmup, 4, Counted, "webhook (a)", log);
        await LatencyRecorder.RunAsync(Warmup, 4, Duplicate);
        await LatencyRecorder.RunAsync(Warmup, 4, Refused);

        var figures = new List<WebhookLevel>();
        foreach (var concurrency in levels)
        {
            var (nonTerminal, nonTerminalFloor) = await comparison.LevelAsync(requestsPerLevel, concurrency);
            var duplicate = await MeteredLoad.RunAsync(environment.Azurite, requestsPerLevel, concurrency, Duplicate);
            var duplicateFloor = await MeteredLoad.RunAsync(environment.Azurite, requestsPerLevel, concurrency, DuplicateFloor);
            var refused = await MeteredLoad.RunAsync(environment.Azurite, requestsPerLevel * 4, concurrency, Refused);
            var level = new WebhookLevel(concurrency, nonTerminal, nonTerminalFloor, duplicate, duplicateFloor, refused);
            log.WriteLine($"  webhook c={concurrency}: (a) {FloorComparison.Describe(nonTerminal)}; floor {FloorComparison.Describe(nonTerminalFloor)}; {level.NonTerminalRatio:F2} of the floor; (b) {duplicate.Load.PerSecond:F0}/s, floor {duplicateFloor.Load.PerSecond:F0}/s; (c) {refused.Load.PerSecond:F0}/s");
            figures.Add(level);
        }

        return new WebhookFigures(figures, operations);
    }
}
