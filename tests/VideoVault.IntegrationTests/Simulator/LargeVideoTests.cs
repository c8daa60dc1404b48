using System.Diagnostics;
using System.Security.Cryptography;
using Xunit.Abstractions;
using VideoVault.PiApiSimulator.Video;

namespace VideoVault.IntegrationTests.Simulator;

/// <summary>Runs alone, so the memory it measures is the download's and no other test's.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LargeVideoCollection
{
    public const string Name = "Simulator large video";
}

/// <summary>A large video is streamed, not held: 200 MB go through while the process grows by a few MB at most.</summary>
[Collection(LargeVideoCollection.Name)]
public sealed class LargeVideoTests(SimulatorFixture simulator, ITestOutputHelper output) : IClassFixture<SimulatorFixture>
{
    private const long Size = 200_000_000;

    /// <summary>Far below the 200 MB a server holding the file would need, well above the pipes' and pools' buffers.</summary>
    private const long MaxGrowth = 48 * 1024 * 1024;

    [Fact]
    public async Task Two_hundred_megabytes_stream_with_bounded_memory_and_match_the_ledger()
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
        var firstBytes = TimeSpan.Zero;
        await using var stream = await response.Content.ReadAsStreamAsync();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[256 * 1024];
        long received = 0;
        long nextSample = 0;
        int read;
        while ((read = await stream.ReadAsync(buffer)) > 0)
        {
            if (received == 0)
            {
                firstBytes = watch.Elapsed;
            }

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
        output.WriteLine($"{received / 1e6:F0} MB over HTTP in {watch.Elapsed.TotalSeconds:F2} s ({received / 1e6 / watch.Elapsed.TotalSeconds:F0} MB/s, SHA-256 included), first bytes after {firstBytes.TotalMilliseconds:F1} ms; working set +{(peak - baseline) / 1048576.0:F1} MiB, managed heap +{(managedPeak - managedBaseline) / 1048576.0:F1} MiB");

        Assert.Equal(Size, received);
        Assert.InRange(peak - baseline, long.MinValue, MaxGrowth);
        Assert.InRange(managedPeak - managedBaseline, long.MinValue, MaxGrowth);
        Assert.Equal(simulator.Ledger.ExpectedVideo(taskId).Sha256, hash.GetHashAndReset());
    }

    [Fact]
    public void Clips_generate_in_milliseconds_at_most_and_a_request_allocates_a_few_kilobytes()
    {
        var fullClip = ClipPlan.ClipSize(ClipFormat.MaxFrames);
        var buffer = new byte[VideoGenerator.ChunkSize];
        Drain(new VideoGenerator("warm-up", fullClip + Size), buffer);

        var clips = 0;
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var clipWatch = Stopwatch.StartNew();
        while (clipWatch.Elapsed < TimeSpan.FromSeconds(1))
        {
            Drain(new VideoGenerator($"task-{clips}", fullClip), buffer);
            clips++;
        }

        clipWatch.Stop();
        var allocatedPerClip = (GC.GetAllocatedBytesForCurrentThread() - allocatedBefore) / clips;

        var padded = new VideoGenerator("padded", Size);
        var paddingWatch = Stopwatch.StartNew();
        Drain(padded, buffer);
        paddingWatch.Stop();

        var clipRate = clips * fullClip / 1e6 / clipWatch.Elapsed.TotalSeconds;
        var paddedRate = Size / 1e6 / paddingWatch.Elapsed.TotalSeconds;
        output.WriteLine($"full clip: {fullClip} bytes, {ClipFormat.MaxFrames} frames of {ClipFormat.Width}x{ClipFormat.Height} at {ClipFormat.FramesPerSecond} fps; {clipWatch.Elapsed.TotalMicroseconds / clips:F0} µs each ({clipRate:F0} MB/s), {allocatedPerClip} bytes allocated per video");
        output.WriteLine($"{Size / 1e6:F0} MB video (clip + free box): {paddingWatch.Elapsed.TotalSeconds:F2} s ({paddedRate:F0} MB/s)");

        Assert.InRange(allocatedPerClip, 0, 8 * 1024);
        Assert.True(clipRate > 20, $"clips generate at {clipRate:F0} MB/s");
    }

    private static void Drain(VideoGenerator generator, byte[] buffer)
    {
        while (generator.Read(buffer) > 0)
        {
        }
    }
}
