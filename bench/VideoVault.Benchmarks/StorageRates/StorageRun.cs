using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using VideoVault.Benchmarks.Infrastructure;

namespace VideoVault.Benchmarks.StorageRates;

/// <summary>
/// The table and queue operations whose rates are measured, each on the task or message its number
/// names. This file needs nothing but the BCL and <see cref="LatencyRecorder"/>, so a program built on
/// an earlier storage layer can compile it in and run the very same sequence and measurement.
/// </summary>
internal interface IStorageOperations
{
    /// <summary>Which storage layer is measured, for the report.</summary>
    string Client { get; }

    /// <summary>Creates the task numbered <paramref name="task"/> and keeps it with its ETag.</summary>
    Task InsertAsync(int task);

    Task GetAsync(int task);

    /// <summary>Replaces the task guarded by its kept ETag, which must still match, and keeps the new one.</summary>
    Task ReplaceAsync(int task);

    /// <summary>Reads the first page of <see cref="StorageRun.ListPageSize"/> tasks.</summary>
    Task ListPageAsync();

    /// <summary>Queues a work item for the task, visible at once.</summary>
    Task SendAsync(int task);

    /// <summary>Receives one message (hidden for <see cref="StorageRun.ReceiveLease"/>), checks it is a work item, and deletes it.</summary>
    Task ReceiveAndDeleteAsync();
}

internal static class StorageRun
{
    public const int ListPageSize = 100;

    /// <summary>A receive may find the queue empty for a moment; more empty answers than this in a row mean a lost message.</summary>
    public const int MaxEmptyReceives = 10;

    /// <summary>The dev host's dispatcher hides a received message this long.</summary>
    public static readonly TimeSpan ReceiveLease = TimeSpan.FromMinutes(10);

    public static IReadOnlyList<int> Concurrencies { get; } = [1, 16];

    /// <summary>Table and queue names for a run, valid for both: <paramref name="name"/> is lowercase letters and digits.</summary>
    public static string TableName(string name) => name + "tasks";

    public static string QueueName(string name) => name + "-work";

    /// <param name="ops">
    /// How many of each operation per concurrency; a page of 100 costs far more than one row, so the
    /// list runs a quarter as many times.
    /// </param>
    public static async Task<StorageFigures> RunAsync(IStorageOperations storage, int ops, TextWriter log)
    {
        // First use creates the table and queues, compiles every path and opens connections; at least a
        // full page of tasks is left for the list.
        var warmUp = Math.Max(ListPageSize, ops / 10);
        await RunLevelAsync(storage, 0, warmUp, 4);
        var first = warmUp;
        var figures = new List<StorageOperationFigures>();
        foreach (var concurrency in Concurrencies)
        {
            foreach (var result in await RunLevelAsync(storage, first, ops, concurrency))
            {
                log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  storage {storage.Client} c={concurrency} {result.Operation}: {result.PerSecond:F0}/s, p50 {result.P50Ms:F2} ms, p99 {result.P99Ms:F2} ms"));
                figures.Add(result);
            }

            first += ops;
        }

        return new StorageFigures(storage.Client, ops, figures);
    }

    private static async Task<IReadOnlyList<StorageOperationFigures>> RunLevelAsync(IStorageOperations storage, int first, int ops, int concurrency)
    {
        var figures = new List<StorageOperationFigures>();
        async Task MeasureAsync(string operation, int count, Func<int, Task> run)
        {
            var load = await LatencyRecorder.RunAsync(count, concurrency, run);
            figures.Add(new StorageOperationFigures(operation, concurrency, load.Requests, load.PerSecond, load.P50Ms, load.P99Ms));
        }

        await MeasureAsync("insert", ops, i => storage.InsertAsync(first + i));
        await MeasureAsync("get", ops, i => storage.GetAsync(first + i));
        await MeasureAsync("replace", ops, i => storage.ReplaceAsync(first + i));
        await MeasureAsync("list-100", Math.Max(1, ops / 4), _ => storage.ListPageAsync());
        await MeasureAsync("send", ops, i => storage.SendAsync(first + i));
        await MeasureAsync("receive-delete", ops, _ => storage.ReceiveAndDeleteAsync());
        return figures;
    }
}

/// <summary>
/// <c>storage --connection CONNECTION_STRING --name NAME [--ops N]</c>: one run against storage the
/// caller started, the figures as JSON on standard output, progress on standard error.
/// </summary>
internal static class StorageCommand
{
    private const string Usage = "usage: storage --connection CONNECTION_STRING --name NAME [--ops N] (NAME: a lowercase letter, then 2-39 lowercase letters or digits, new for each run)";

    public static async Task<int> RunAsync(string[] args, Func<string, string, IStorageOperations> create)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            options[args[i]] = args[i + 1];
        }

        var ops = 1000;
        if (args.Length % 2 != 0
            || options.Keys.Except(["--connection", "--name", "--ops"]).Any()
            || !options.TryGetValue("--connection", out var connection)
            || !options.TryGetValue("--name", out var name)
            || !IsName(name)
            || (options.TryGetValue("--ops", out var count) && (!int.TryParse(count, CultureInfo.InvariantCulture, out ops) || ops < 1)))
        {
            await Console.Error.WriteLineAsync(Usage);
            return 2;
        }

        var figures = await StorageRun.RunAsync(create(connection, name), ops, Console.Error);
        Console.WriteLine(JsonSerializer.Serialize(figures, StorageFiguresJsonContext.Default.StorageFigures));
        return 0;
    }

    private static bool IsName(string name) =>
        name.Length is >= 3 and <= 40 && char.IsAsciiLetterLower(name[0]) && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c));
}

internal sealed record StorageFigures(string Client, int Ops, IReadOnlyList<StorageOperationFigures> Operations);

internal sealed record StorageOperationFigures(string Operation, int Concurrency, int Ops, double PerSecond, double P50Ms, double P99Ms);

[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(StorageFigures))]
internal sealed partial class StorageFiguresJsonContext : JsonSerializerContext;
