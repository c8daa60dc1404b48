using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using VideoVault.Benchmarks.Infrastructure;
using VideoVault.Storage;
using VideoVault.Tasks;
using VideoVault.Work;

namespace VideoVault.Benchmarks.Scaling;

/// <summary>Listing every task through the API and the reconcile sweep, with 1,000 and 10,000 tasks in the table.</summary>
internal static class ScalingBenchmark
{
    public static async Task<IReadOnlyList<ScalingFigures>> RunAsync(BenchEnvironment environment, IReadOnlyList<int> counts, TextWriter log)
    {
        var figures = new List<ScalingFigures>();
        var clients = environment.Azurite.Clients;
        foreach (var count in counts)
        {
            var name = $"scale{count}";
            await using var host = await environment.StartDevHostAsync(name);
            var table = "bench" + name;
            var now = DateTimeOffset.UtcNow;
            var tasks = Enumerable.Range(0, count).Select(i => i % 10 == 0
                ? TaskSeeder.Task(TaskIds.FromIdempotencyKey($"{name}-{i}"), VideoTaskStatus.Processing, now.AddHours(-2), $"stale-{i}")
                : TaskSeeder.Task(TaskIds.FromIdempotencyKey($"{name}-{i}"), VideoTaskStatus.Archived, now.AddHours(-2), $"done-{i}")).ToList();
            await TaskSeeder.SeedAsync(clients, table, tasks);

            var list = await MeasureAsync(async () =>
            {
                using var http = new HttpClient { BaseAddress = host.BaseUri };
                var (seen, pages, continuation) = (0, 0, (string?)null);
                do
                {
                    var page = JsonDocument.Parse(await http.GetStringAsync($"api/tasks?limit=100{(continuation is null ? string.Empty : "&continuation=" + continuation)}")).RootElement;
                    seen += page.GetProperty("tasks").GetArrayLength();
                    pages++;
                    continuation = page.TryGetProperty("continuation", out var next) ? next.GetString() : null;
                }
                while (continuation is not null);
                return (seen, pages);
            });

            // The sweep queues to a sink queue, so no reconcile work competes with the measurement.
            var settings = host.Services.GetRequiredService<IOptions<VideoVaultOptions>>().Value;
            var sinkOptions = Options.Create(new VideoVaultOptions { PublicBaseUrl = settings.PublicBaseUrl, TaskTable = table, WorkQueue = $"sink-{name}", VideoContainer = settings.VideoContainer, SweepStaleAfter = TimeSpan.FromHours(1) });
            var store = new TableTaskStore(clients.CreateTableServiceClient(), sinkOptions, TimeProvider.System);
            var sink = new StorageWorkQueue(clients.CreateQueueServiceClient(), sinkOptions);
            var sweep = new ReconcileSweep(store, sink, sinkOptions, TimeProvider.System, NullLogger<ReconcileSweep>.Instance);

            // The stores create their table and queues on first use: do that before the clock starts. The
            // item is hidden for a day and nothing reads the sink.
            await store.GetAsync("warm-up", CancellationToken.None);
            await sink.EnqueueAsync(new WorkItem(WorkItemKind.Reconcile, "warm-up", 0), TimeSpan.FromDays(1), CancellationToken.None);
            var swept = await MeasureAsync(async () =>
            {
                var result = await sweep.SweepAsync(CancellationToken.None);
                return (result.Queued, result.Pages);
            });

            if (list.Items != count || swept.Items != count / 10)
            {
                throw new InvalidOperationException($"Listed {list.Items} of {count} tasks, swept {swept.Items} of {count / 10}.");
            }

            log.WriteLine($"  scaling {count}: list {list.Seconds:F2} s ({list.Pages} pages), sweep {swept.Seconds:F2} s ({swept.Items} queued)");
            figures.Add(new ScalingFigures(count, list, swept));
        }

        return figures;
    }

    private static async Task<Measured> MeasureAsync(Func<Task<(int Items, int Pages)>> operation)
    {
        using var monitor = ResourceMonitor.Start();
        var clock = Stopwatch.StartNew();
        var (items, pages) = await operation();
        clock.Stop();
        return new Measured(items, pages, clock.Elapsed.TotalSeconds, monitor.AllocatedBytes, monitor.PeakRssGrowth);
    }
}

internal sealed record Measured(int Items, int Pages, double Seconds, long AllocatedBytes, long PeakRssGrowthBytes);

internal sealed record ScalingFigures(int Tasks, Measured List, Measured Sweep);
