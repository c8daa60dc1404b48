using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Xunit.Abstractions;
using VideoVault.Archiving;
using VideoVault.IntegrationTests.Infrastructure;

namespace VideoVault.IntegrationTests.Storage;

/// <summary>
/// A 200 MiB generated, non-seekable stream uploaded at two block sizes: memory must stay bounded by the
/// blocks in flight, not grow with the video. Figures go to the test output.
/// </summary>
[Collection(UploadMeasurementCollection.Name)]
public sealed class BlobLargeUploadTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    private const int MiB = 1024 * 1024;
    private const int Concurrency = 4;

    // A ragged tail, so the last block is short.
    private const long Size = (200L * MiB) + 12_345;
    private const ulong Seed = 20_250_101;

    private static readonly Lazy<Task<byte[]>> ExpectedSha256 = new(() => HashAsync(new PseudoRandomStream(Size, Seed)));

    [Theory]
    [InlineData(4)]
    [InlineData(16)]
    public async Task A_200_MiB_stream_uploads_with_memory_bounded_by_the_blocks_in_flight(int blockMiB)
    {
        var store = azurite.CreateVideoStore(AzuriteFixture.AppOptions());
        var blobName = $"videos/large-{blockMiB}.mp4";
        var blockSize = blockMiB * MiB;
        var options = new VideoUploadOptions { BlockSize = blockSize, MaxConcurrency = Concurrency, ContentType = "video/mp4" };
        var expectedSha256 = await ExpectedSha256.Value;
        // Warm up JIT, connections and TLS-free code paths with small blocks, so the figures are the upload's own.
        await store.UploadAsync("warmup.bin", new PseudoRandomStream(256 * 1024, 1), options with { BlockSize = 64 * 1024 }, CancellationToken.None);

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        var workingSetBefore = Environment.WorkingSet;
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        using var self = Process.GetCurrentProcess();
        using var node = Process.GetProcessById(azurite.Azurite.ProcessId!.Value);
        var (clientCpuBefore, azuriteCpuBefore) = (self.TotalProcessorTime, node.TotalProcessorTime);
        BlobUploadResult result;
        var stopwatch = Stopwatch.StartNew();
        using (var sampler = new MemorySampler(TimeSpan.FromMilliseconds(20)))
        {
            result = await store.UploadAsync(blobName, new PseudoRandomStream(Size, Seed), options, CancellationToken.None);
            stopwatch.Stop();
            sampler.Stop();
            var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
            self.Refresh();
            node.Refresh();
            var clientCpu = self.TotalProcessorTime - clientCpuBefore;
            var azuriteCpu = node.TotalProcessorTime - azuriteCpuBefore;
            var heapGrowth = sampler.PeakHeap - heapBefore;
            var workingSetGrowth = sampler.PeakWorkingSet - workingSetBefore;
            var bound = ((long)blockSize * (Concurrency + 2)) + (32L * MiB);
            // On a cold pool the upload must rent its block buffers (16 MiB x 4 alone is 30% of the
            // size), so allocation is bounded by them, not by a share of the size; the point is that
            // nothing is allocated per byte uploaded.
            var allocationBudget = Math.Min(Size / 2, ((long)blockSize * Concurrency) + (32L * MiB));

            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"block {blockMiB} MiB x{Concurrency}: {Size / (double)MiB:F1} MiB in {stopwatch.Elapsed.TotalSeconds:F2} s = {Size / (double)MiB / stopwatch.Elapsed.TotalSeconds:F1} MiB/s; " +
                $"allocated {allocated / (double)MiB:F1} MiB; peak heap growth {heapGrowth / (double)MiB:F1} MiB; " +
                $"peak working-set growth {workingSetGrowth / (double)MiB:F1} MiB (bound {bound / (double)MiB:F0} MiB, {sampler.Samples} samples); " +
                $"CPU: test process {clientCpu.TotalSeconds:F1} s, Azurite {azuriteCpu.TotalSeconds:F1} s"));

            Assert.True(allocated < allocationBudget, $"Allocated {allocated:N0} bytes for a {Size:N0}-byte upload; budget {allocationBudget:N0}.");
            Assert.True(heapGrowth < bound, $"Managed heap grew by {heapGrowth:N0} bytes; bound {bound:N0}.");
            Assert.True(workingSetGrowth < bound, $"Working set grew by {workingSetGrowth:N0} bytes; bound {bound:N0}.");
        }

        Assert.Equal(Size, result.Length);
        Assert.Equal((int)((Size + blockSize - 1) / blockSize), result.BlockCount);
        Assert.Equal(expectedSha256, result.Sha256);
        // Read it back through the SAS URL: Azurite holds the right bytes in the right block order.
        var sas = await store.CreateReadUriAsync(blobName, TimeSpan.FromMinutes(10), CancellationToken.None);
        using var http = new HttpClient();
        await using var download = await http.GetStreamAsync(sas);
        Assert.Equal(expectedSha256, await HashAsync(download));
    }

    private static async Task<byte[]> HashAsync(Stream stream)
    {
        using var sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[MiB];
        int read;
        while ((read = await stream.ReadAsync(buffer)) > 0)
        {
            sha256.AppendData(buffer, 0, read);
        }

        return sha256.GetHashAndReset();
    }
}
