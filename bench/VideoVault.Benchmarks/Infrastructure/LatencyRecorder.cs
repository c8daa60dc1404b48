using System.Diagnostics;

namespace VideoVault.Benchmarks.Infrastructure;

/// <summary>Runs an operation a fixed number of times at a fixed concurrency and reports throughput and latency percentiles.</summary>
internal static class LatencyRecorder
{
    public static async Task<LoadResult> RunAsync(int count, int concurrency, Func<int, Task> operation)
    {
        var latencies = new double[count];
        var next = -1;
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < count)
            {
                var started = Stopwatch.GetTimestamp();
                await operation(index).ConfigureAwait(false);
                latencies[index] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
        });
        await Task.WhenAll(workers).ConfigureAwait(false);
        clock.Stop();
        Array.Sort(latencies);
        return new LoadResult(count, concurrency, count / clock.Elapsed.TotalSeconds, Percentile(latencies, 0.50), Percentile(latencies, 0.99));
    }

    private static double Percentile(double[] sorted, double quantile) =>
        sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(quantile * sorted.Length) - 1)];
}

internal sealed record LoadResult(int Requests, int Concurrency, double PerSecond, double P50Ms, double P99Ms);
