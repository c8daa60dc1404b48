using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Azure.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SdkUploadOptions = Azure.Storage.Blobs.Models.BlobUploadOptions;
using VideoVault.Archiving;
using VideoVault.Benchmarks.Infrastructure;
using VideoVault.Storage;

namespace VideoVault.Benchmarks.Archive;

/// <summary>The child-process side: performs one copy with one variant and prints its figures as JSON.</summary>
internal static class CopyChild
{
    /// <param name="args">variant, source URL, connection string, container, blob name, block size, blocks in flight.</param>
    public static async Task<int> RunAsync(string[] args)
    {
        var variant = CopyVariants.Parse(args[0]);
        var source = new Uri(args[1]);
        var clients = BenchClients.For(args[2]);
        var (container, blobName) = (args[3], args[4]);
        var shape = new TransferShape(int.Parse(args[5], CultureInfo.InvariantCulture), int.Parse(args[6], CultureInfo.InvariantCulture));
        var service = clients.CreateBlobServiceClient();
        var containerClient = service.GetBlobContainerClient(container);
        var blob = containerClient.GetBlockBlobClient(blobName);

        using var monitor = ResourceMonitor.Start();
        var clock = Stopwatch.StartNew();
        switch (variant)
        {
            case CopyVariant.Archiver:
                await ArchiverAsync(source, service, container, blobName, shape);
                break;
            case CopyVariant.SdkUpload:
                await SdkUploadAsync(source, blob, shape);
                break;
            case CopyVariant.Limit:
                await LimitAsync(source, blob, shape);
                break;
            default:
                await NaiveAsync(source, containerClient.GetBlobClient(blobName));
                break;
        }

        clock.Stop();
        var (peakRssGrowth, allocated) = (monitor.PeakRssGrowth, monitor.AllocatedBytes);

        // Every variant is judged by what storage holds, read once the clock has stopped.
        var length = (await blob.GetPropertiesAsync()).Value.ContentLength;
        var run = new CopyRun(variant.Name(), length, clock.Elapsed.TotalSeconds, peakRssGrowth, allocated);
        Console.WriteLine(JsonSerializer.Serialize(run, CopyRunJsonContext.Default.CopyRun));
        return 0;
    }

    private static async Task ArchiverAsync(Uri source, BlobServiceClient service, string container, string blobName, TransferShape shape)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Archive:AllowedHosts:0"] = "127.0.0.1",
            ["Archive:BlockSize"] = shape.BlockSize.ToString(CultureInfo.InvariantCulture),
            ["Archive:MaxConcurrency"] = shape.Concurrency.ToString(CultureInfo.InvariantCulture),
        }).Build();
        await using var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<IVideoBlobStore>(new BlobVideoStore(service, StoreOptions.For(container: container), TimeProvider.System))
            .AddVideoArchiver(configuration)
            .BuildServiceProvider();
        var outcome = await services.GetRequiredService<IVideoArchiver>().ArchiveAsync(new ArchiveRequest("bench", source, blobName), CancellationToken.None);
        if (outcome.Upload is null)
        {
            throw new InvalidOperationException($"The archiver failed: {outcome.Reason}");
        }
    }

    /// <summary>The bare copy: the download stream into the SDK's own upload, at the given block size and blocks in flight.</summary>
    public static async Task SdkUploadAsync(Uri source, BlockBlobClient blob, TransferShape shape)
    {
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        using var response = await http.GetAsync(source, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync();
        await blob.UploadAsync(body, new SdkUploadOptions
        {
            TransferOptions = new StorageTransferOptions
            {
                InitialTransferSize = shape.BlockSize,
                MaximumTransferSize = shape.BlockSize,
                MaximumConcurrency = shape.Concurrency,
            },
            HttpHeaders = new BlobHttpHeaders { ContentType = response.Content.Headers.ContentType?.MediaType },
        });
    }

    /// <summary>
    /// Reads the next block while up to <see cref="TransferShape.Concurrency"/> are staged, as the
    /// archiver does, with one buffer per block in flight; nothing is hashed, sniffed or counted.
    /// </summary>
    private static async Task LimitAsync(Uri source, BlockBlobClient blob, TransferShape shape)
    {
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        using var response = await http.GetAsync(source, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync();
        var ids = new List<string>();
        var staging = new List<(Task Staged, byte[] Buffer)>();
        while (true)
        {
            byte[] buffer;
            if (staging.Count < shape.Concurrency)
            {
                buffer = new byte[shape.BlockSize];
            }
            else
            {
                var done = await Task.WhenAny(staging.Select(s => s.Staged));
                await done;
                var index = staging.FindIndex(s => s.Staged == done);
                buffer = staging[index].Buffer;
                staging.RemoveAt(index);
            }

            var read = await body.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false);
            if (read == 0)
            {
                break;
            }

            var id = Convert.ToBase64String(Encoding.ASCII.GetBytes(ids.Count.ToString("D8", CultureInfo.InvariantCulture)));
            ids.Add(id);
            staging.Add((blob.StageBlockAsync(id, new MemoryStream(buffer, 0, read, writable: false)), buffer));
            if (read < buffer.Length)
            {
                break;
            }
        }

        await Task.WhenAll(staging.Select(s => s.Staged));
        await blob.CommitBlockListAsync(ids, new CommitBlockListOptions { HttpHeaders = new BlobHttpHeaders { ContentType = response.Content.Headers.ContentType?.MediaType } });
    }

    /// <summary>
    /// GetByteArrayAsync reads into one array of the announced length (no second copy), but gives no
    /// headers, so the content type is the simulator's. The single-upload threshold is set above the
    /// length because SDK versions differ in their default (256 MB in some), and a Put Blob takes up to 5000 MiB.
    /// </summary>
    private static async Task NaiveAsync(Uri source, BlobClient blob)
    {
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        var bytes = await http.GetByteArrayAsync(source);
        await blob.UploadAsync(BinaryData.FromBytes(bytes), new SdkUploadOptions
        {
            TransferOptions = new StorageTransferOptions { InitialTransferSize = bytes.LongLength + 1 },
            HttpHeaders = new BlobHttpHeaders { ContentType = "video/mp4" },
        });
    }
}

/// <summary>Block size and blocks in flight, the same for every variant.</summary>
internal sealed record TransferShape(int BlockSize, int Concurrency);
