using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using VideoVault.Archiving;
using VideoVault.Benchmarks.Infrastructure;

namespace VideoVault.Benchmarks.Archive;

/// <summary>
/// Copies videos of each size with every variant, interleaved, each run in a fresh child process, all
/// at the archiver's default block size and blocks in flight; reports median throughput and the worst
/// memory figures per variant.
/// </summary>
internal static class ArchiveBenchmark
{
    private const string Container = "bench-archive";

    public static async Task<IReadOnlyList<ArchiveFigures>> RunAsync(BenchEnvironment environment, IReadOnlyList<long> sizes, TextWriter log)
    {
        var figures = new List<ArchiveFigures>();
        var defaults = new ArchiveOptions();
        var shape = new TransferShape(defaults.BlockSize, defaults.MaxConcurrency);
        var container = environment.Azurite.Clients.CreateBlobServiceClient().GetBlobContainerClient(Container);
        await container.CreateIfNotExistsAsync();
        foreach (var size in sizes)
        {
            var source = await CreateVideoAsync(environment, size);
            var repetitions = size >= 1_000_000_000 ? 2 : 3;
            var runs = new List<CopyRun>();
            for (var repetition = 0; repetition < repetitions; repetition++)
            {
                // Rotate the order so no variant always runs first on a cold cache.
                var variants = Enum.GetValues<CopyVariant>();
                for (var i = 0; i < variants.Length; i++)
                {
                    var variant = variants[(i + repetition) % variants.Length];
                    var blob = $"{variant.Name()}-{size}-{repetition}.mp4";
                    var run = await RunChildAsync(variant, source, environment.Azurite.ConnectionString, blob, shape);
                    if (run.Bytes != size)
                    {
                        throw new InvalidOperationException($"{variant} copied {run.Bytes} bytes of {size}.");
                    }

                    log.WriteLine($"  archive {size / 1_000_000} MB {run.Variant}: {run.MegabytesPerSecond:F1} MB/s, peak RSS +{run.PeakRssGrowthBytes / 1_048_576.0:F1} MiB, allocated {run.AllocatedBytes / 1_048_576.0:F1} MiB");
                    runs.Add(run);
                    await container.DeleteBlobIfExistsAsync(blob);
                }
            }

            figures.Add(ArchiveFigures.From(size, shape, runs));
        }

        return figures;
    }

    /// <summary>A video of <paramref name="size"/> bytes the simulator serves, for any number of copies.</summary>
    public static async Task<Uri> CreateVideoAsync(BenchEnvironment environment, long size)
    {
        using var http = new HttpClient { BaseAddress = environment.SimulatorUri };
        http.DefaultRequestHeaders.Add("X-API-Key", BenchEnvironment.SimulatorApiKey);
        var body = new JsonObject
        {
            ["model"] = "sora2",
            ["task_type"] = "sora2-video",
            ["input"] = new JsonObject { ["prompt"] = $"bench video [sim:nowebhook] [sim:size={size}] {Guid.NewGuid():N}" },
        };
        using var response = await http.PostAsJsonAsync("api/v1/task", body);
        response.EnsureSuccessStatusCode();
        var id = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("data").GetProperty("task_id").GetString()!;
        return new Uri(environment.SimulatorUri, $"files/{id}.mp4");
    }

    private static async Task<CopyRun> RunChildAsync(CopyVariant variant, Uri source, string connectionString, string blob, TransferShape shape)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { typeof(ArchiveBenchmark).Assembly.Location, "copy", variant.Name(), source.AbsoluteUri, connectionString, Container, blob, Invariant(shape.BlockSize), Invariant(shape.Concurrency) })
        {
            start.ArgumentList.Add(argument);
        }

        using var child = Process.Start(start)!;
        var output = await child.StandardOutput.ReadToEndAsync();
        var errors = await child.StandardError.ReadToEndAsync();
        await child.WaitForExitAsync();
        if (child.ExitCode != 0)
        {
            throw new InvalidOperationException($"The {variant} copy failed ({child.ExitCode}): {errors}");
        }

        return JsonSerializer.Deserialize(output.Trim().Split('\n')[^1], CopyRunJsonContext.Default.CopyRun)!;
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
