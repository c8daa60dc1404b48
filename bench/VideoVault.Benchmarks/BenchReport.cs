using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using VideoVault.Benchmarks.Archive;
using VideoVault.Benchmarks.Completion;
using VideoVault.Benchmarks.Events;
using VideoVault.Benchmarks.Scaling;
using VideoVault.Benchmarks.StorageRates;
using VideoVault.Benchmarks.Submit;
using VideoVault.Benchmarks.Webhooks;

namespace VideoVault.Benchmarks;

/// <summary>Everything one run measured, written as bench/results/latest.md and latest.json.</summary>
internal sealed record BenchReport(
    MachineInfo Machine,
    string Command,
    DateTimeOffset StartedAt,
    double WallSeconds,
    IReadOnlyList<ArchiveFigures> Archive,
    StorageFigures Storage,
    WebhookFigures Webhook,
    SubmitFigures Submit,
    IReadOnlyList<CompletionFigures> Completion,
    IReadOnlyList<ScalingFigures> Scaling,
    EventFigures Events)
{
    public async Task WriteAsync(string folder)
    {
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "latest.json"), JsonSerializer.Serialize(this, BenchReportJsonContext.Default.BenchReport));
        await File.WriteAllTextAsync(Path.Combine(folder, "latest.md"), ToMarkdown());
    }

    private string ToMarkdown()
    {
        var md = new StringBuilder();
        md.AppendLine(Invariant($"# VideoVault benchmarks\n\nRun {StartedAt:yyyy-MM-dd HH:mm} UTC, {WallSeconds:F0} s, command `{Command}`.\n"));
        md.AppendLine(Invariant($"Machine: {Machine.Cpu}, {Machine.Cores} cores, {Machine.MemoryGiB:F0} GiB, {Machine.Os}, .NET {Machine.Runtime}, Azurite {Machine.Azurite}. Load average at start: {Machine.LoadAverage}.\n"));
        md.AppendLine("Everything runs on this one machine over loopback: Azurite (disk persistence), the PiAPI simulator serving generated MP4s, the dev host, the load generators.\n");

        md.AppendLine("## Archive copy (simulator → Azurite)\n");
        var shape = Archive.Count > 0 ? Invariant($"{Mib(Archive[0].BlockSize)} blocks, {Archive[0].Concurrency} in flight") : "no runs";
        md.AppendLine(Invariant($"Each copy runs in a fresh process; throughput is the median of the runs, memory the worst. Every variant copies at the archiver's defaults ({shape}). `archiver`: the product (IVideoArchiver with BlobVideoStore: guarded download, sniffing, size cap, StageBlock/CommitBlockList, MD5 + SHA-256). `sdk-upload`: what a user would write instead, the HttpClient download stream into `BlockBlobClient.UploadAsync` with StorageTransferOptions of that block size and concurrency. `limit`: the same blocks and concurrency through StageBlock/CommitBlockList with no hashing or checks. `naive`: the whole video into memory, then one Put Blob (`BlobClient.UploadAsync` with a single-upload threshold above the length).\n"));
        md.AppendLine("| size | variant | MB/s | peak RSS growth | allocated | runs |");
        md.AppendLine("| --- | --- | ---: | ---: | ---: | ---: |");
        foreach (var size in Archive)
        {
            foreach (var v in size.Variants)
            {
                md.AppendLine(Invariant($"| {size.Size / 1_000_000} MB | {v.Variant} | {v.MegabytesPerSecond:F1} | {Mib(v.PeakRssGrowthBytes)} | {Mib(v.AllocatedBytes)} | {v.Runs} |"));
            }
        }

        md.AppendLine("\n| size | archiver / sdk-upload throughput | archiver / limit throughput | archiver peak RSS growth | sdk-upload peak RSS growth | limit peak RSS growth | naive peak RSS growth |");
        md.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var size in Archive)
        {
            md.AppendLine(Invariant($"| {size.Size / 1_000_000} MB | {size.ArchiverToSdkUploadRatio:F2} | {size.ArchiverToLimitRatio:F2} | {Mib(size.Variant(CopyVariant.Archiver).PeakRssGrowthBytes)} | {Mib(size.Variant(CopyVariant.SdkUpload).PeakRssGrowthBytes)} | {Mib(size.Variant(CopyVariant.Limit).PeakRssGrowthBytes)} | {Mib(size.Variant(CopyVariant.Naive).PeakRssGrowthBytes)} |"));
        }

        md.AppendLine("\n## Table and queue operations (the app's stores on the Azure SDKs, Azurite)\n");
        md.AppendLine(Invariant($"Each operation {Storage.Ops} times per concurrency after a warm-up: `insert` ITaskStore.CreateAsync, `get` GetAsync, `replace` TryReplaceAsync with the task's ETag, `list-100` ListAsync of the first page of 100 ({Math.Max(1, Storage.Ops / 4)} times), `send` IWorkQueue.EnqueueAsync, `receive-delete` receive one message and delete it. The program's `storage` command runs the same against storage started elsewhere (README, Benchmarks).\n"));
        md.AppendLine("| operation | concurrency | ops/s | p50 ms | p99 ms |");
        md.AppendLine("| --- | ---: | ---: | ---: | ---: |");
        foreach (var o in Storage.Operations)
        {
            md.AppendLine(Invariant($"| {o.Operation} | {o.Concurrency} | {o.PerSecond:F0} | {o.P50Ms:F2} | {o.P99Ms:F2} |"));
        }

        md.Append(WebhookReport.Markdown(Webhook));
        md.Append(SubmitReport.Markdown(Submit));
        md.Append(CompletionReport.Markdown(Completion));
        md.Append(ScalingMarkdown(Scaling));
        md.Append(EventsMarkdown());
        return md.ToString();
    }

    private string EventsMarkdown()
    {
        var md = new StringBuilder();
        md.AppendLine("\n## Event delivery (dev host → simulator's receiver)\n");
        md.AppendLine("From the stored status change (the event's timestamp) to the receiver holding the signed POST; tasks subscribed, each change raising one event, with the given number of tasks changing at once. The queue trigger polls as host.json says (up to every 2 s when idle), which dominates at concurrency 1.\n");
        md.AppendLine("| tasks at once | events | p50 ms | p99 ms | max ms |");
        md.AppendLine("| ---: | ---: | ---: | ---: | ---: |");
        foreach (var l in Events.Latency)
        {
            md.AppendLine(Invariant($"| {l.Concurrency} | {l.Events} | {l.P50Ms:F0} | {l.P99Ms:F0} | {l.MaxMs:F0} |"));
        }

        md.AppendLine(Invariant($"\nStorage requests added per event ({Events.CountedEvents} events one after another, against the same number of status moves raising none (processing to completed), which cost {Events.OpsPerPlainChange:F2} each; the queue trigger's polls left out, one receive per processed message counted): **{Events.AddedOpsPerEvent:F2}**.\n"));
        md.AppendLine("| operation | per event |");
        md.AppendLine("| --- | ---: |");
        foreach (var (operation, count) in Events.AddedByOperation)
        {
            md.AppendLine(Invariant($"| {operation} | {count:F2} |"));
        }

        return md.ToString();
    }

    /// <summary>The scaling section, also what the <c>scaling</c> command prints when it runs alone.</summary>
    public static string ScalingMarkdown(IReadOnlyList<ScalingFigures> scaling)
    {
        var md = new StringBuilder();
        md.AppendLine("\n## Scaling with the number of tasks: the task index against a table scan\n");
        md.AppendLine(Invariant($"1% of the tasks open (alternately pending and processing, all stale for the sweep), the rest archived or failed. `index`: the product, TableTaskStore over the task index (rows `index-all` and `index-<status>` in the task table, each carrying the task's list fields, confirmed, as a settled table holds them); the sweep is ReconcileSweep queueing to a sink queue. `floor`: the one query a page is made of (the index partition, a page of rows, the same columns) issued directly through a TableClient. `scan`: the same table without the index, as the app did before, a filtered query over the task rows (`RowKey eq 'task' and Status ne ...` for the sweep, `... and Status eq 'pending'` for the filtered page), the sweep queueing to the same sink. Pages are the first page of {ScalingBenchmark.PageSize}. Operations are the storage requests the code issued (table + queue), counted by a pipeline policy per call; time is the median of 3 runs. Ratios are index / scan (below 1 the index is cheaper) and index / floor (1 when the product adds nothing to its query). Azurite answers a filtered query in one response however many rows it scans (Azure stops at 1,000 rows scanned per response), so the scan's operations are a floor, and the scan also passes over the index rows in its table. Azurite (3.37, LokiJS) runs every query, a partition's included, as a scan of the whole table followed by a sort of the matching rows, so the floor grows with the table where Azure's partition query does not.\n"));
        md.AppendLine("| tasks | open | operation | items | index ms | index ops (table + queue) | floor ms | scan ms | scan ops (table + queue) | index/scan time | index/scan ops | index/floor time |");
        md.AppendLine("| ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var s in scaling)
        {
            foreach (var (operation, c) in new[] { ("sweep", s.Sweep), ("first page, status pending", s.PendingPage), ("first page, all", s.FirstPage) })
            {
                md.AppendLine(Invariant($"| {s.Tasks} | {s.OpenTasks} | {operation} | {c.Index.Items} | {c.Index.Seconds * 1000:F1} | {c.Index.Operations} ({c.Index.TableOperations} + {c.Index.QueueOperations}) | {(c.Floor is { } f ? Invariant($"{f.Seconds * 1000:F1}") : "–")} | {c.Scan.Seconds * 1000:F1} | {c.Scan.Operations} ({c.Scan.TableOperations} + {c.Scan.QueueOperations}) | {c.TimeRatio:F3} | {c.OperationsRatio:F3} | {(c.FloorRatio is { } r ? Invariant($"{r:F3}") : "–")} |"));
            }
        }

        if (scaling.Count > 1)
        {
            var (smallest, largest) = (scaling[0], scaling[^1]);
            md.AppendLine(Invariant($"\nFirst page of all tasks at {largest.Tasks} against {smallest.Tasks} tasks: index {largest.FirstPage.Index.Seconds / smallest.FirstPage.Index.Seconds:F2}x (goal at 100,000 against 1,000: at most 3x), floor {largest.FirstPage.Floor!.Seconds / smallest.FirstPage.Floor!.Seconds:F2}x; status pending: index {largest.PendingPage.Index.Seconds / smallest.PendingPage.Index.Seconds:F2}x, floor {largest.PendingPage.Floor!.Seconds / smallest.PendingPage.Floor!.Seconds:F2}x."));
        }

        md.AppendLine(Invariant($"\nSeeding (index rows in entity-group transactions, task rows in parallel inserts): {string.Join(", ", scaling.Select(s => Invariant($"{s.Tasks} tasks in {s.SeedIndexSeconds:F1} s (index) + {s.SeedTaskSeconds:F1} s (tasks)")))}."));

        return md.ToString();
    }

    private static string Mib(long bytes) => Invariant($"{bytes / 1_048_576.0:F1} MiB");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

internal sealed record MachineInfo(string Cpu, int Cores, double MemoryGiB, string Os, string Runtime, string Azurite, string LoadAverage)
{
    public static MachineInfo Read(string repositoryRoot)
    {
        static string FirstMatch(string path, string prefix) =>
            File.Exists(path) ? File.ReadLines(path).FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal))?.Split(':', '=')[1].Trim().Trim('"') ?? "?" : "?";

        var memory = FirstMatch("/proc/meminfo", "MemTotal").Split(' ')[0];
        var azurite = JsonDocument.Parse(File.ReadAllText(Path.Combine(repositoryRoot, "node_modules", "azurite", "package.json"))).RootElement.GetProperty("version").GetString()!;
        return new MachineInfo(
            FirstMatch("/proc/cpuinfo", "model name"),
            Environment.ProcessorCount,
            double.TryParse(memory, CultureInfo.InvariantCulture, out var kib) ? kib / 1_048_576 : 0,
            FirstMatch("/etc/os-release", "PRETTY_NAME"),
            Environment.Version.ToString(),
            azurite,
            File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?");
    }
}

[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(BenchReport))]
internal sealed partial class BenchReportJsonContext : JsonSerializerContext;
