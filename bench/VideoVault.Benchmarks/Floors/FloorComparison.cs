using VideoVault.Benchmarks.Infrastructure;
using VideoVault.IntegrationTests.Infrastructure;

namespace VideoVault.Benchmarks.Floors;

/// <summary>
/// A product operation and its floor, side by side in one run: each takes its next request on every call, and
/// each drains its background work (the event deliveries it set off) before the other side's phase starts, so
/// neither measures with the other's work still running.
/// </summary>
/// <param name="ProductEvents">The dev host's events queue, which tells its deliveries apart from the floor's when counting.</param>
/// <param name="FloorEvents">The floor's events queue.</param>
internal sealed record FloorComparison(
    AzuriteProcess Azurite,
    Func<int, Task> Product,
    Func<Task> ProductDrained,
    string ProductEvents,
    Func<int, Task> Floor,
    Func<Task> FloorDrained,
    string FloorEvents)
{
    /// <summary>Warms both sides up, then counts the storage requests each issues per request, and logs them.</summary>
    public async Task<CountedOperations> WarmUpAndCountAsync(int warmup, int warmupConcurrency, int counted, string what, TextWriter log)
    {
        await LatencyRecorder.RunAsync(warmup, warmupConcurrency, Product);
        await ProductDrained();
        await LatencyRecorder.RunAsync(warmup, warmupConcurrency, Floor);
        await FloorDrained();
        var operations = new CountedOperations(
            counted,
            await OperationCounts.PerOperationAsync(Azurite, ProductEvents, counted, Product, ProductDrained),
            await OperationCounts.PerOperationAsync(Azurite, FloorEvents, counted, Floor, FloorDrained));
        log.WriteLine($"  {what}: storage requests per request, product {operations.ProductTotal:F2}, floor {operations.FloorTotal:F2} ({string.Join(", ", operations.Kinds.Select(k => $"{k} {operations.Product.GetValueOrDefault(k):F2}/{operations.Floor.GetValueOrDefault(k):F2}"))})");
        return operations;
    }

    /// <summary>One concurrency level: the product's phase, then the floor's, each drained.</summary>
    public async Task<(MeteredLoad Product, MeteredLoad Floor)> LevelAsync(int requests, int concurrency)
    {
        var product = await MeteredLoad.RunAsync(Azurite, requests, concurrency, Product);
        await ProductDrained();
        var floor = await MeteredLoad.RunAsync(Azurite, requests, concurrency, Floor);
        await FloorDrained();
        return (product, floor);
    }

    /// <summary>The figures of a level as the log shows them.</summary>
    public static string Describe(MeteredLoad load) =>
        $"{load.Load.PerSecond:F0}/s, p50 {load.Load.P50Ms:F1} ms, p99 {load.Load.P99Ms:F1} ms, CPU {load.CpuMsPerRequest:F2} + Azurite {load.AzuriteCpuMsPerRequest:F2} ms";
}
