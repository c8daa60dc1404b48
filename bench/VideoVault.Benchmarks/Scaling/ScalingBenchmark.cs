using System.Diagnostics;
using Azure.Core;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging.Abstractions;
using VideoVault.Benchmarks.Infrastructure;
using VideoVault.IntegrationTests.Infrastructure;
using VideoVault.Storage;
using VideoVault.Tasks;
using VideoVault.Work;
using VideoVault.Workers;

namespace VideoVault.Benchmarks.Scaling;

/// <summary>
/// The reconcile sweep and the first list page through the task index, against the same table scanned
/// without it, with 1% of the tasks open: time and storage operations of each. A page also against its
/// floor, the one index query it is made of issued directly.
/// </summary>
internal static class ScalingBenchmark
{
    public const int PageSize = 100;

    /// <summary>Every operation runs this many times; the figure is the median time (operations are the same every run).</summary>
    private const int Runs = 3;

    public static IReadOnlyList<int> Sizes(bool quick) => quick ? [1_000, 10_000] : [1_000, 10_000, 100_000];

    public static async Task<IReadOnlyList<ScalingFigures>> RunAsync(AzuriteProcess azurite, IReadOnlyList<int> counts, TextWriter log)
    {
        var tableRequests = new RequestCounter();
        var queueRequests = new RequestCounter();
        var tableOptions = new TableClientOptions(StorageClientFactory.TableVersion);
        tableOptions.AddPolicy(tableRequests, HttpPipelinePosition.PerCall);
        var tables = new TableServiceClient(azurite.ConnectionString, tableOptions);
        var queues = azurite.Clients.CreateWorkQueueServiceClient(options => options.AddPolicy(queueRequests, HttpPipelinePosition.PerCall));
        var counters = new Counters(tableRequests, queueRequests);

        var figures = new List<ScalingFigures>();
        foreach (var count in counts)
        {
            var name = $"scale{count}";
            var tasks = TasksFor(name, count, DateTimeOffset.UtcNow);
            var (indexRows, taskRows) = await TaskSeeder.BulkSeedAsync(azurite.Clients, "bench" + name, tasks);

            // The sweep and the scan queue to a sink nothing reads, so no reconcile work competes with the measurement.
            var options = StoreOptions.For(table: "bench" + name, queue: "sink-" + name);
            var store = new TableTaskStore(tables, options, TimeProvider.System);
            var sink = new StorageWorkQueue(queues, options, TimeProvider.System);
            var sweep = new ReconcileSweep(store, sink, options, TimeProvider.System, NullLogger<ReconcileSweep>.Instance);
            var scan = new TableScan(tables.GetTableClient("bench" + name), sink);
            var floor = new IndexQueryFloor(tables.GetTableClient("bench" + name));

            // The stores create their table and queues on first use: do that before the clock starts. The
            // item is hidden for a day.
            await store.GetAsync("warm-up", CancellationToken.None);
            await sink.EnqueueAsync(new WorkItem(WorkItemKind.Reconcile, "warm-up", 0), TimeSpan.FromDays(1), CancellationToken.None);

            // Index rows carry the service's write time, which seeding has just set, so stale means
            // "unchanged since the sweep started" (staleAfter zero); the task rows' UpdatedAt is two hours
            // old, so the scan's filter picks the same tasks.
            var sweepFigures = new Comparison(
                await MeasureAsync(counters, async () => (await sweep.SweepAsync(TimeSpan.Zero, CancellationToken.None)).Queued),
                await MeasureAsync(counters, () => scan.SweepAsync(DateTimeOffset.UtcNow, CancellationToken.None)));
            var pendingPage = new Comparison(
                await MeasureAsync(counters, async () => (await store.ListAsync(VideoTaskStatus.Pending, PageSize, null, CancellationToken.None)).Tasks.Count),
                await MeasureAsync(counters, () => scan.FirstPageAsync(VideoTaskStatus.Pending, PageSize, CancellationToken.None)),
                await MeasureAsync(counters, () => floor.FirstPageAsync(VideoTaskStatus.Pending, PageSize, CancellationToken.None)));
            var allPage = new Comparison(
                await MeasureAsync(counters, async () => (await store.ListAsync(null, PageSize, null, CancellationToken.None)).Tasks.Count),
                await MeasureAsync(counters, () => scan.FirstPageAsync(null, PageSize, CancellationToken.None)),
                await MeasureAsync(counters, () => floor.FirstPageAsync(null, PageSize, CancellationToken.None)));

            var open = tasks.Count(task => !TaskStatusRules.IsTerminal(task.Status));
            var pending = Math.Min(PageSize, tasks.Count(task => task.Status == VideoTaskStatus.Pending));
            Expect(sweepFigures, open, $"swept open tasks of {count}");
            Expect(pendingPage, pending, $"pending tasks listed of {count}");
            Expect(allPage, Math.Min(PageSize, count), $"tasks listed of {count}");

            var result = new ScalingFigures(count, open, indexRows.TotalSeconds, taskRows.TotalSeconds, sweepFigures, pendingPage, allPage);
            log.WriteLine(FormattableString.Invariant(
                $"  scaling {count} ({open} open, seeded in {result.SeedIndexSeconds:F1} s + {result.SeedTaskSeconds:F1} s): sweep {sweepFigures.Index.Seconds:F3} s / {sweepFigures.Index.Operations} ops (scan {sweepFigures.Scan.Seconds:F3} s / {sweepFigures.Scan.Operations}), pending page {pendingPage.Index.Seconds * 1000:F1} ms / {pendingPage.Index.Operations} (floor {pendingPage.Floor!.Seconds * 1000:F1} ms, scan {pendingPage.Scan.Seconds * 1000:F1} ms / {pendingPage.Scan.Operations}), first page {allPage.Index.Seconds * 1000:F1} ms / {allPage.Index.Operations} (floor {allPage.Floor!.Seconds * 1000:F1} ms, scan {allPage.Scan.Seconds * 1000:F1} ms / {allPage.Scan.Operations})"));
            figures.Add(result);
        }

        return figures;
    }

    /// <summary>
    /// One task in a hundred open, alternately pending and processing; of the others one in ten failed,
    /// the rest archived. Created two hours ago, a second apart, so the newest-first order is the seeding order.
    /// </summary>
    public static List<VideoTask> TasksFor(string name, int count, DateTimeOffset now) =>
        [.. Enumerable.Range(0, count).Select(i => TaskSeeder.Task(
            TaskIds.FromIdempotencyKey($"{name}-{i}"),
            (i % 100, i / 100 % 2, i % 10) switch
            {
                (0, 0, _) => VideoTaskStatus.Pending,
                (0, _, _) => VideoTaskStatus.Processing,
                (_, _, 5) => VideoTaskStatus.Failed,
                _ => VideoTaskStatus.Archived,
            },
            now.AddHours(-2).AddSeconds(-i),
            $"pi-{i}"))];

    private static void Expect(Comparison comparison, int expected, string what)
    {
        if (comparison.Index.Items != expected || comparison.Scan.Items != expected || (comparison.Floor is { } floor && floor.Items != expected))
        {
            throw new InvalidOperationException($"Expected {expected} {what}: the index gave {comparison.Index.Items}, the scan {comparison.Scan.Items}, the floor {comparison.Floor?.Items}.");
        }
    }

    private static async Task<Measured> MeasureAsync(Counters counters, Func<Task<int>> operation)
    {
        var seconds = new List<double>(Runs);
        var (items, table, queue) = (0, 0L, 0L);
        for (var run = 0; run < Runs; run++)
        {
            var (tableBefore, queueBefore) = (counters.Table.Count, counters.Queue.Count);
            var clock = Stopwatch.StartNew();
            items = await operation();
            seconds.Add(clock.Elapsed.TotalSeconds);
            (table, queue) = (counters.Table.Count - tableBefore, counters.Queue.Count - queueBefore);
        }

        seconds.Sort();
        return new Measured(items, seconds[Runs / 2], table, queue);
    }

    private sealed record Counters(RequestCounter Table, RequestCounter Queue);
}
