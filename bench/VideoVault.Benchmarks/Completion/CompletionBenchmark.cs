using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Specialized;
using Microsoft.Extensions.DependencyInjection;
using VideoVault.Archiving;
using VideoVault.Benchmarks.Archive;
using VideoVault.Benchmarks.Infrastructure;
using VideoVault.Benchmarks.Webhooks;
using VideoVault.Events;
using VideoVault.Inbound;
using VideoVault.PiApiSimulator.Consumer;
using VideoVault.Tasks;

namespace VideoVault.Benchmarks.Completion;

/// <summary>
/// What a user waits for once the video is made: from PiAPI's completed webhook to the task being archived (its
/// timeline) and to the task.archived event at a receiver (the simulator's, which notes when it got the POST), against
/// the bare copy of the same bytes from the same URL (the download stream into the Blob SDK's upload, at the
/// archiver's block size and blocks in flight), in the same process, one after the other, the order alternating.
/// </summary>
internal static class CompletionBenchmark
{
    private const string Name = "completion";
    private const string Receiver = "bench-completion";
    private static readonly TimeSpan ReceiptTimeout = TimeSpan.FromMinutes(10);

    public static IReadOnlyList<(long Size, int Runs)> Sizes(bool quick) =>
        quick ? [(2_097_152, 4), (100_000_000, 2)] : [(2_097_152, 10), (100_000_000, 3), (1_000_000_000, 2)];

    public static async Task<IReadOnlyList<CompletionFigures>> RunAsync(BenchEnvironment environment, IReadOnlyList<(long Size, int Runs)> sizes, TextWriter log)
    {
        await using var host = await environment.StartDevHostAsync(Name, new Dictionary<string, string?> { ["Events:Queue"] = "bench-completion-events" });
        var container = environment.Azurite.Clients.CreateBlobServiceClient().GetBlobContainerClient("bench-" + Name);
        await container.CreateIfNotExistsAsync();
        var defaults = new ArchiveOptions();
        using var run = new Runner(environment, host, container, new TransferShape(defaults.BlockSize, defaults.MaxConcurrency));
        var ledger = environment.SimulatorServices.GetRequiredService<ConsumerLedger>();
        ledger.Recorded += run.OnRecorded;
        try
        {
            var warmup = await ArchiveBenchmark.CreateVideoAsync(environment, sizes[0].Size);
            await run.ProductAsync(warmup, sizes[0].Size);
            await run.BareAsync(warmup, "warmup");

            var figures = new List<CompletionFigures>();
            foreach (var (size, runs) in sizes)
            {
                var source = await ArchiveBenchmark.CreateVideoAsync(environment, size);
                var measured = new List<CompletionRun>();
                for (var i = 0; i < runs; i++)
                {
                    // Alternating, so neither always meets a cache the other warmed.
                    CompletionRun product;
                    double bare;
                    if (i % 2 == 0)
                    {
                        product = await run.ProductAsync(source, size);
                        bare = await run.BareAsync(source, $"{size}-{i}");
                    }
                    else
                    {
                        bare = await run.BareAsync(source, $"{size}-{i}");
                        product = await run.ProductAsync(source, size);
                    }

                    measured.Add(product with { BareMs = bare });
                    log.WriteLine($"  completion {Label(size)}: bare copy {bare:F0} ms; webhook to completed {product.CompletedMs:F0} ms, archiving {product.ArchivingMs:F0} ms, archived {product.ArchivedMs:F0} ms, task.archived at the receiver {product.EventMs:F0} ms");
                }

                figures.Add(new CompletionFigures(size, measured));
                var last = figures[^1];
                log.WriteLine($"  completion {Label(size)}: archived / bare {last.ArchivedRatio:F2} (+{last.ArchivedAddedMs:F0} ms), event / bare {last.EventRatio:F2} (+{last.EventAddedMs:F0} ms)");
            }

            return figures;
        }
        finally
        {
            ledger.Recorded -= run.OnRecorded;
        }
    }

    public static string Label(long size) => size % 1_048_576 == 0 ? $"{size / 1_048_576} MiB" : size >= 1_000_000_000 ? $"{size / 1_000_000_000} GB" : $"{size / 1_000_000} MB";

    private sealed class Runner(BenchEnvironment environment, DevHostHandle host, BlobContainerClient container, TransferShape shape) : IDisposable
    {
        private readonly ConcurrentDictionary<string, TaskCompletionSource<DateTimeOffset>> _receipts = new(StringComparer.Ordinal);
        private readonly HttpClient _http = new() { BaseAddress = host.BaseUri, Timeout = Timeout.InfiniteTimeSpan };

        public void Dispose() => _http.Dispose();

        public void OnRecorded(ConsumerDelivery delivery)
        {
            if (delivery is { Accepted: true, SignatureError: null, WebhookId: { } id } && _receipts.TryGetValue(id, out var receipt))
            {
                receipt.TrySetResult(delivery.ReceivedAt);
            }
        }

        /// <returns>The product's figures; the bare copy's are the caller's to add.</returns>
        public async Task<CompletionRun> ProductAsync(Uri source, long size)
        {
            var task = await SeedAsync();
            var receipt = _receipts.GetOrAdd(TaskEventRecord.EventId(task.Id, TaskEventTypes.RaisedSoFar(VideoTaskStatus.Archived)), _ => new(TaskCreationOptions.RunContinuationsAsynchronously));
            var body = PiApiWebhooks.Body(task.PiApiTaskId!, "completed", source);
            var secret = host.Services.GetRequiredService<TaskWebhookSecrets>().Create(task.Id);

            var started = DateTimeOffset.UtcNow;
            var answered = PiApiWebhooks.PostAsync(_http, task.Id, secret, body, HttpStatusCode.OK);
            var receivedAt = await receipt.Task.WaitAsync(ReceiptTimeout);
            await answered;

            var stored = await host.Services.GetRequiredService<ITaskStore>().GetAsync(task.Id, CancellationToken.None);
            if (stored is not { Status: VideoTaskStatus.Archived, BlobName: { } blob } || stored.VideoSize != size)
            {
                throw new InvalidOperationException($"Task {task.Id} is {stored?.Status} with {stored?.VideoSize} bytes, not archived with {size}.");
            }

            await container.DeleteBlobIfExistsAsync(blob);
            double Since(VideoTaskStatus status) => (stored.Timeline.Last(change => change.Status == status).At - started).TotalMilliseconds;
            return new CompletionRun(0, Since(VideoTaskStatus.Completed), Since(VideoTaskStatus.Archiving), Since(VideoTaskStatus.Archived), (receivedAt - started).TotalMilliseconds);
        }

        public async Task<double> BareAsync(Uri source, string name)
        {
            var blob = container.GetBlockBlobClient($"bare/{name}.mp4");
            var clock = Stopwatch.StartNew();
            await CopyChild.SdkUploadAsync(source, blob, shape);
            var elapsed = clock.Elapsed.TotalMilliseconds;
            await blob.DeleteIfExistsAsync();
            return elapsed;
        }

        /// <summary>A task PiAPI is working on, subscribed to its events at the simulator's receiver.</summary>
        private async Task<VideoTask> SeedAsync()
        {
            var task = TaskSeeder.Task(TaskIds.New(TimeProvider.System), VideoTaskStatus.Processing, DateTimeOffset.UtcNow, $"pi-{Guid.NewGuid():N}");
            task = task with { Request = task.Request with { Webhook = new WebhookSubscription(new Uri(environment.SimulatorUri, $"consumer/{Receiver}"), null) } };
            await TaskSeeder.SeedAsync(environment.Azurite.Clients, "bench" + Name, [task]);
            return task;
        }
    }
}
