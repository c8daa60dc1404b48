using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using VideoVault.Benchmarks.Infrastructure;
using VideoVault.Operations;
using VideoVault.PiApiSimulator.Consumer;
using VideoVault.Tasks;

namespace VideoVault.Benchmarks.Events;

/// <summary>
/// Event delivery on the dev host: from the stored status change (the event's timestamp) to the moment
/// the simulator's receiver has the signed POST, with 1 and 64 tasks changing at once; and the storage
/// requests one event adds, counted from the SDKs' own request events against status moves raising no
/// event (processing to completed), so the task index's row moves count on both sides and only the
/// event's own work is left.
/// </summary>
internal static class EventBenchmark
{
    private const string EventsQueue = "bench-cloudevents";
    private const int Warmup = 20;
    private static readonly TimeSpan ReceiptTimeout = TimeSpan.FromSeconds(60);

    /// <summary>The deliverer's last write comes after the receiver's answer; give it time before a count starts and before it stops.</summary>
    private static readonly TimeSpan SettleTime = TimeSpan.FromSeconds(3);

    /// <param name="levels">Tasks changing at once, and how many events to measure at that level.</param>
    public static async Task<EventFigures> RunAsync(BenchEnvironment environment, IReadOnlyList<(int Concurrency, int Events)> levels, int countedEvents, TextWriter log)
    {
        using var counter = new StorageRequestCounter(environment.Azurite.TableEndpoint, environment.Azurite.QueueEndpoint, environment.Azurite.BlobEndpoint, EventsQueue);
        await using var host = await environment.StartDevHostAsync("delivery", new Dictionary<string, string?> { ["Events:Queue"] = EventsQueue });
        var updater = host.Services.GetRequiredService<TaskUpdater>();
        var receipts = new ConcurrentDictionary<string, TaskCompletionSource<DateTimeOffset>>(StringComparer.Ordinal);
        var ledger = environment.SimulatorServices.GetRequiredService<ConsumerLedger>();
        void OnRecorded(ConsumerDelivery delivery)
        {
            if (delivery is { Accepted: true, SignatureError: null, WebhookId: { } id } && receipts.TryGetValue(id, out var receipt))
            {
                receipt.TrySetResult(delivery.ReceivedAt);
            }
        }

        ledger.Recorded += OnRecorded;
        try
        {
            var receiver = new Uri(environment.SimulatorUri, "consumer/bench");
            var pending = await SeedAsync(environment, VideoTaskStatus.Pending, Warmup + levels.Sum(level => level.Events) + countedEvents, receiver);
            var processing = await SeedAsync(environment, VideoTaskStatus.Processing, countedEvents, receiver);
            log.WriteLine($"  events: seeded {pending.Count + processing.Count} tasks subscribed to {receiver}");

            var next = 0;

            // How much of the latency is the change's own write (index row, transaction, the old row's delete), which no delivery can shorten.
            var writes = new ConcurrentBag<double>();
            async Task<double> Deliver()
            {
                var task = pending[Interlocked.Increment(ref next) - 1];
                var receipt = receipts.GetOrAdd(TaskEventRecord.EventId(task.Id, 2), _ => new TaskCompletionSource<DateTimeOffset>(TaskCreationOptions.RunContinuationsAsynchronously));
                var changed = await updater.UpdateAsync(task.Id, current => current with { Status = VideoTaskStatus.Processing }, CancellationToken.None)
                    ?? throw new InvalidOperationException($"Task {task.Id} vanished.");
                writes.Add((DateTimeOffset.UtcNow - changed.Task.UpdatedAt).TotalMilliseconds);
                var receivedAt = await receipt.Task.WaitAsync(ReceiptTimeout);
                return (receivedAt - changed.Task.UpdatedAt).TotalMilliseconds;
            }

            await Measure(Warmup, 4, Deliver);
            var latency = new List<EventLatency>();
            foreach (var (concurrency, events) in levels)
            {
                writes.Clear();
                var latencies = await Measure(events, concurrency, Deliver);
                var written = writes.Order().ToArray();
                latency.Add(new EventLatency(concurrency, latencies.Length, Percentile(latencies, 0.5), Percentile(latencies, 0.99), latencies[^1]));
                log.WriteLine($"  events c={concurrency}: {latencies.Length} events, transition to receipt p50 {latency[^1].P50Ms:F0} ms, p99 {latency[^1].P99Ms:F0} ms; the change's own write p50 {Percentile(written, 0.5):F0} ms, p99 {Percentile(written, 0.99):F0} ms");
            }

            var withEvents = await CountAsync(counter, countedEvents, _ => Deliver());
            var progress = 0;
            var withoutEvents = await CountAsync(counter, countedEvents, _ =>
                updater.UpdateAsync(processing[Interlocked.Increment(ref progress) - 1].Id, current => current with { Status = VideoTaskStatus.Completed }, CancellationToken.None));
            var figures = EventFigures.From(latency, countedEvents, withEvents, withoutEvents);
            log.WriteLine($"  events: {figures.AddedOpsPerEvent:F2} storage operations added per event ({string.Join(", ", figures.AddedByOperation.Select(p => $"{p.Key} {p.Value:F2}"))}); a move raising none: {figures.OpsPerPlainChange:F2}");
            return figures;
        }
        finally
        {
            ledger.Recorded -= OnRecorded;
        }
    }

    private static async Task<List<VideoTask>> SeedAsync(BenchEnvironment environment, VideoTaskStatus status, int count, Uri receiver)
    {
        var now = DateTimeOffset.UtcNow;
        var tasks = Enumerable.Range(0, count)
            .Select(_ => TaskSeeder.Task(TaskIds.New(TimeProvider.System), status, now, $"pi-{Guid.NewGuid():N}"))
            .Select(task => task with { Request = task.Request with { Webhook = new WebhookSubscription(receiver, null) } })
            .ToList();
        await TaskSeeder.SeedAsync(environment.Azurite.Clients, "benchdelivery", tasks);
        return tasks;
    }

    /// <returns>Each operation's result, sorted.</returns>
    private static async Task<double[]> Measure(int count, int concurrency, Func<Task<double>> operation)
    {
        var results = new double[count];
        var index = -1;
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int mine;
            while ((mine = Interlocked.Increment(ref index)) < count)
            {
                results[mine] = await operation();
            }
        }));
        Array.Sort(results);
        return results;
    }

    /// <summary>The storage requests of <paramref name="count"/> changes one after another, and of what they set off.</summary>
    private static async Task<Dictionary<string, int>> CountAsync(StorageRequestCounter counter, int count, Func<int, Task> change)
    {
        // The writes after the receipts of what ran before would be counted as this phase's.
        await Task.Delay(SettleTime);
        counter.Take();
        counter.IsCounting = true;
        for (var i = 0; i < count; i++)
        {
            await change(i);
        }

        await Task.Delay(SettleTime);
        counter.IsCounting = false;
        return counter.Take();
    }

    private static double Percentile(double[] sorted, double quantile) =>
        sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(quantile * sorted.Length) - 1)];
}
