using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using VideoVault.Benchmarks.Infrastructure;
using VideoVault.Inbound;
using VideoVault.Storage;
using VideoVault.Tasks;

namespace VideoVault.Benchmarks.Webhooks;

/// <summary>
/// The webhook endpoint on the dev host against the storage floor: the same table reads and writes
/// the handler must make, issued directly through a TableClient at the same concurrency.
/// </summary>
internal static class WebhookBenchmark
{
    private const int Warmup = 30;

    public static async Task<IReadOnlyList<WebhookFigures>> RunAsync(BenchEnvironment environment, IReadOnlyList<int> levels, int requestsPerLevel, TextWriter log)
    {
        await using var host = await environment.StartDevHostAsync("webhook");
        var baseUri = host.BaseUri;
        var table = "benchwebhook";
        var tableClient = environment.Azurite.Clients.CreateTableServiceClient().GetTableClient(table);
        var secrets = host.Services.GetRequiredService<TaskWebhookSecrets>();
        var now = DateTimeOffset.UtcNow;
        var total = (levels.Count * requestsPerLevel) + Warmup;

        var pending = Enumerable.Range(0, total).Select(i => TaskSeeder.Task(TaskIds.FromIdempotencyKey($"pending-{i}"), VideoTaskStatus.Pending, now, $"pi-{i}")).ToList();
        var floorPending = Enumerable.Range(0, total).Select(i => TaskSeeder.Task(TaskIds.FromIdempotencyKey($"floor-{i}"), VideoTaskStatus.Pending, now, $"fl-{i}")).ToList();
        var archived = TaskSeeder.Task(TaskIds.FromIdempotencyKey("archived"), VideoTaskStatus.Archived, now, "pi-archived");
        await TaskSeeder.SeedAsync(environment.Azurite.Clients, table, [.. pending, .. floorPending, archived]);
        log.WriteLine($"  webhook: seeded {pending.Count + floorPending.Count + 1} tasks");

        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { BaseAddress = baseUri };
        var processingBodies = pending.Select(t => Body(t.PiApiTaskId!, "processing", null)).ToList();
        var archivedBody = Body("pi-archived", "completed", "https://cdn.example/video.mp4");
        var archivedSecret = secrets.Create(archived.Id);
        var wrongSecret = secrets.Create(TaskIds.FromIdempotencyKey("someone-else"));

        async Task Post(string taskId, string secret, byte[] body, HttpStatusCode expected)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"api/webhooks/piapi?task={taskId}") { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
            request.Headers.Add("x-webhook-secret", secret);
            using var response = await http.SendAsync(request);
            if (response.StatusCode != expected)
            {
                throw new InvalidOperationException($"Webhook answered {(int)response.StatusCode}, expected {(int)expected}.");
            }
        }

        var nextPending = 0;
        var nextFloor = 0;
        Task NonTerminal(int _)
        {
            var index = Interlocked.Increment(ref nextPending) - 1;
            return Post(pending[index].Id, secrets.Create(pending[index].Id), processingBodies[index], HttpStatusCode.OK);
        }

        async Task NonTerminalFloor(int _)
        {
            var task = floorPending[Interlocked.Increment(ref nextFloor) - 1];
            TableEntity entity = await tableClient.GetEntityAsync<TableEntity>(task.Id, TaskEntityMapper.RowKey);
            var next = TaskEntityMapper.FromEntity(entity) with { Status = VideoTaskStatus.Processing, UpdatedAt = DateTimeOffset.UtcNow };
            await tableClient.UpdateEntityAsync(TaskEntityMapper.ToEntity(next), entity.ETag, TableUpdateMode.Replace);
        }

        Task Duplicate(int _) => Post(archived.Id, archivedSecret, archivedBody, HttpStatusCode.OK);
        Task DuplicateFloor(int _) => tableClient.GetEntityAsync<TableEntity>(archived.Id, TaskEntityMapper.RowKey);
        Task Refused(int _) => Post(archived.Id, wrongSecret, archivedBody, HttpStatusCode.Unauthorized);

        await LatencyRecorder.RunAsync(Warmup, 4, NonTerminal);
        await LatencyRecorder.RunAsync(Warmup, 4, NonTerminalFloor);
        await LatencyRecorder.RunAsync(Warmup, 4, Duplicate);
        await LatencyRecorder.RunAsync(Warmup, 4, Refused);

        var figures = new List<WebhookFigures>();
        foreach (var concurrency in levels)
        {
            var nonTerminal = await LatencyRecorder.RunAsync(requestsPerLevel, concurrency, NonTerminal);
            var nonTerminalFloor = await LatencyRecorder.RunAsync(requestsPerLevel, concurrency, NonTerminalFloor);
            var duplicate = await LatencyRecorder.RunAsync(requestsPerLevel, concurrency, Duplicate);
            var duplicateFloor = await LatencyRecorder.RunAsync(requestsPerLevel, concurrency, DuplicateFloor);
            var refused = await LatencyRecorder.RunAsync(requestsPerLevel * 4, concurrency, Refused);
            var row = new WebhookFigures(concurrency, nonTerminal, nonTerminalFloor, duplicate, duplicateFloor, refused);
            log.WriteLine($"  webhook c={concurrency}: non-terminal {nonTerminal.PerSecond:F0}/s vs floor {nonTerminalFloor.PerSecond:F0}/s; duplicate {duplicate.PerSecond:F0}/s vs floor {duplicateFloor.PerSecond:F0}/s; refused {refused.PerSecond:F0}/s");
            figures.Add(row);
        }

        return figures;
    }

    private static byte[] Body(string piApiTaskId, string status, string? video)
    {
        var data = new JsonObject { ["task_id"] = piApiTaskId, ["model"] = "sora2", ["task_type"] = "sora2-pro-video", ["status"] = status };
        if (video is not null)
        {
            data["output"] = new JsonObject { ["video"] = video };
        }

        return Encoding.UTF8.GetBytes(new JsonObject { ["timestamp"] = 1_760_000_000, ["data"] = data }.ToJsonString());
    }
}

internal sealed record WebhookFigures(int Concurrency, LoadResult NonTerminal, LoadResult NonTerminalFloor, LoadResult Duplicate, LoadResult DuplicateFloor, LoadResult Refused)
{
    public double NonTerminalRatio => NonTerminal.PerSecond / NonTerminalFloor.PerSecond;

    public double DuplicateRatio => Duplicate.PerSecond / DuplicateFloor.PerSecond;

    public double RefusedToNonTerminal => Refused.PerSecond / NonTerminal.PerSecond;
}
