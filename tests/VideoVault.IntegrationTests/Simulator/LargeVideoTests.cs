using System.Diagnostics;
using System.Security.Cryptography;
using Xunit.Abstractions;

namespace VideoVault.IntegrationTests.Simulator;

/// <summary>Runs alone, so the memory it measures is the download's and no other test's.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LargeVideoCollection
{
    public const string Name = "Simulator large video";
}

/// <summary>A large video is streamed, not held: 300 MB go through while the process grows by a few MB at most.</summary>
[Collection(LargeVideoCollection.Name)]
public sealed class LargeVideoTests(SimulatorFixture simulator, ITestOutputHelper output) : IClassFixture<SimulatorFixture>
{
    private const long Size = 300_000_000;

    /// <summary>Far below the 300 MB a server holding the file would need, well above the pipes' and pools' buffers.</summary>
    private const long MaxGrowth = 64 * 1024 * 1024;

    [Fact]
    public async Task Three_hundred_megabytes_stream_with_bounded_memory_and_match_the_ledger()
    {
        var created = await simulator.CreateTaskAsync($"a long take [sim:size={Size}]");
        var taskId = created.GetProperty("task_id").GetString()!;
        await simulator.WaitForStatusAsync(taskId, "completed");

        GC.Collect();
        GC.WaitForPendingFinalizers();
        using var process = Process.GetCurrentProcess();
        var baseline = process.WorkingSet64;
        var peak = baseline;
        var managedBaseline = GC.GetTotalMemory(forceFullCollection: true);
        var managedPeak = managedBaseline;

        var watch = Stopwatch.StartNew();
        using var response = await simulator.Anonymous.GetAsync($"files/{taskId}.mp4", HttpCompletionOption.ResponseHeadersRead);
        await using var stream = await response.Content.ReadAsStreamAsync();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[256 * 1024];
        long received = 0;
        long nextSample = 0;
        int read;
        while ((read = await stream.ReadAsync(buffer)) > 0)
        {
            hash.AppendData(buffer, 0, read);
            received += read;
            if (received >= nextSample)
            {
                process.Refresh();
                peak = Math.Max(peak, process.WorkingSet64);
                managedPeak = Math.Max(managedPeak, GC.GetTotalMemory(forceFullCollection: false));
                nextSample += 8 * 1024 * 1024;
            }
        }

        watch.Stop();
        output.WriteLine($"{received / 1e6:F0} MB in {watch.Elapsed.TotalSeconds:F2} s ({received / 1e6 / watch.Elapsed.TotalSeconds:F0} MB/s, SHA-256 included); working set +{(peak - baseline) / 1048576.0:F1} MiB, managed heap +{(managedPeak - managedBaseline) / 1048576.0:F1} MiB");

        Assert.Equal(Size, received);
        Assert.InRange(peak - baseline, long.MinValue, MaxGrowth);
        Assert.InRange(managedPeak - managedBaseline, long.MinValue, MaxGrowth);
        Assert.Equal(simulator.Ledger.ExpectedVideo(taskId).Sha256, hash.GetHashAndReset());
    }
}
