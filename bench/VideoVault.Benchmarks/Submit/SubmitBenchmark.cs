using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using VideoVault.Benchmarks.Floors;
using VideoVault.Benchmarks.Infrastructure;
using VideoVault.PiApi;

namespace VideoVault.Benchmarks.Submit;

/// <summary>
/// <c>POST /api/tasks</c> on the dev host against <see cref="SubmitFloor"/> at each concurrency, side by side in one run,
/// the simulator answering both; each phase waits for the background work of the one before (event deliveries) to finish first.
/// </summary>
internal static class SubmitBenchmark
{
    private const int Warmup = 20;
    private const int Counted = 20;
    private const string EventsQueue = "bench-submit-events";
    private const string FloorTable = "benchsubmitfloor";
    private const string FloorWorkQueue = "bench-submitfloor";
    private const string FloorEventsQueue = "bench-submitfloor-events";

    public static async Task<SubmitFigures> RunAsync(BenchEnvironment environment, IReadOnlyList<int> levels, int requestsPerLevel, TextWriter log)
    {
        await using var host = await environment.StartDevHostAsync("submit", new Dictionary<string, string?> { ["Events:Queue"] = EventsQueue });
        using var videoVault = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { BaseAddress = host.BaseUri };
        using var simulator = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { BaseAddress = environment.SimulatorUri };
        simulator.DefaultRequestHeaders.Add("X-API-Key", BenchEnvironment.SimulatorApiKey);

        var clients = environment.Azurite.Clients;
        var table = clients.CreateTableServiceClient().GetTableClient(FloorTable);
        var workQueue = clients.CreateWorkQueueServiceClient().GetQueueClient(FloorWorkQueue);
        var (productEvents, floorEvents) = (clients.CreateQueueServiceClient().GetQueueClient(EventsQueue), clients.CreateQueueServiceClient().GetQueueClient(FloorEventsQueue));
        await table.CreateIfNotExistsAsync();
        await workQueue.CreateIfNotExistsAsync();
        await productEvents.CreateIfNotExistsAsync();
        await floorEvents.CreateIfNotExistsAsync();

        var answer = await SampleAnswerAsync(simulator);
        var total = (levels.Count * requestsPerLevel) + Warmup + Counted;
        var rows = new List<SubmitRows>(total);
        for (var i = 0; i < total; i++)
        {
            rows.Add(await SubmitRows.CreateAsync(host.Services, Body(i), answer));
        }

        var floor = new SubmitFloor(table, workQueue, floorEvents, simulator, rows);
        var reconcileDelay = host.Services.GetRequiredService<IOptions<VideoVaultOptions>>().Value.ReconcileDelay;
        log.WriteLine($"  submit: the floor's rows for {total} submits made by the app's code");

        var (submitted, floorSubmitted) = (0, 0);
        async Task ViaVideoVault(int _)
        {
            using var response = await videoVault.PostAsJsonAsync("api/tasks", Body(Interlocked.Increment(ref submitted)));
            if (response.StatusCode != HttpStatusCode.Accepted)
            {
                throw new InvalidOperationException($"Submit answered {(int)response.StatusCode}, expected 202.");
            }
        }

        Task Floor(int _) => floor.SubmitAsync(Interlocked.Increment(ref floorSubmitted) - 1, reconcileDelay);
        Task ProductDrained() => QueueFill.WaitForAsync(productEvents, submitted);

        var comparison = new FloorComparison(environment.Azurite, ViaVideoVault, ProductDrained, EventsQueue, Floor, floor.DrainAsync, FloorEventsQueue);
        var operations = await comparison.WarmUpAndCountAsync(Warmup, 1, Counted, "submit", log);
        var figures = new List<SubmitLevel>();
        foreach (var concurrency in levels)
        {
            var (via, direct) = await comparison.LevelAsync(requestsPerLevel, concurrency);
            var level = new SubmitLevel(concurrency, via, direct);
            log.WriteLine($"  submit c={concurrency}: VideoVault {FloorComparison.Describe(via)}; floor {FloorComparison.Describe(direct)}; {level.Ratio:F2} of the floor");
            figures.Add(level);
        }

        return new SubmitFigures(figures, operations);
    }

    /// <summary>A task the simulator never moves on and never calls back about, with a prompt of the same length each time.</summary>
    private static JsonObject Body(int i) => new()
    {
        ["model"] = "sora2",
        ["task_type"] = "sora2-pro-video",
        ["input"] = new JsonObject { ["prompt"] = $"bench submit {i:D6} {Guid.NewGuid():N} [sim:nowebhook] [sim:delay=600000]", ["aspect_ratio"] = "16:9", ["resolution"] = "720p", ["duration"] = 4 },
    };

    /// <summary>The simulator's answer to a create like the product's, as the app reads it, for the floor's rows of the record step.</summary>
    private static async Task<PiApiTask> SampleAnswerAsync(HttpClient simulator)
    {
        using var response = await simulator.PostAsJsonAsync("api/v1/task", Body(-1));
        var result = PiApiResponseReader.Read(response, await response.Content.ReadAsByteArrayAsync(), TimeProvider.System);
        return result.IsSuccess ? result.Value : throw new InvalidOperationException($"The simulator refused a create: {result.Failure.Describe()}");
    }
}
