using System.Diagnostics;
using VideoVault.IntegrationTests.Infrastructure;

namespace VideoVault.Benchmarks.Infrastructure;

/// <summary>
/// A load run (<see cref="LatencyRecorder"/>) with what it cost while it ran: the managed bytes this process allocated
/// per request, the peak growth of its resident set, and the CPU time per request of this process and of Azurite.
/// This process holds the load generator, the dev host and the floors' SDK clients alike, so a product and its floor
/// are measured the same way; where the CPU goes tells the app's own work from storage's.
/// </summary>
internal sealed record MeteredLoad(LoadResult Load, long AllocatedBytesPerRequest, long PeakRssGrowthBytes, double CpuMsPerRequest, double AzuriteCpuMsPerRequest)
{
    public static async Task<MeteredLoad> RunAsync(AzuriteProcess azurite, int count, int concurrency, Func<int, Task> operation)
    {
        using var self = Process.GetCurrentProcess();
        using var storage = Process.GetProcessById(azurite.ProcessId ?? throw new InvalidOperationException("Azurite is not running."));
        using var monitor = ResourceMonitor.Start();
        var (cpu, storageCpu) = (self.TotalProcessorTime, storage.TotalProcessorTime);
        var load = await LatencyRecorder.RunAsync(count, concurrency, operation);
        self.Refresh();
        storage.Refresh();
        return new MeteredLoad(
            load,
            monitor.AllocatedBytes / count,
            monitor.PeakRssGrowth,
            (self.TotalProcessorTime - cpu).TotalMilliseconds / count,
            (storage.TotalProcessorTime - storageCpu).TotalMilliseconds / count);
    }
}
