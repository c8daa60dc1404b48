using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using VideoVault.Benchmarks.Infrastructure;
using VideoVault.Budgets;

namespace VideoVault.Benchmarks.Budgets;

/// <summary>
/// What the budget check adds to a submit, one request at a time, in one run: the app with no budget check at all
/// (<see cref="NoBudgetLedger"/>, submit as before), with spend counted but no limits, and with every limit set (open
/// tasks, daily spend, the model's daily spend); then 50 submits at once against room for 10 open tasks.
/// </summary>
internal static class BudgetBenchmark
{
    private const int ConcurrentSubmits = 50;
    private const int Room = 10;

    public static async Task RunAsync(BenchEnvironment environment, int requests, TextWriter log)
    {
        var limits = new Dictionary<string, string?>
        {
            ["Budgets:MaxOpenTasks"] = "10000",
            ["Budgets:DailySpendUsd"] = "1000000",
            ["Budgets:ModelDailySpendUsd:sora2"] = "1000000",
        };
        var none = await MeasureAsync(environment, "budgetnone", null, services => services.AddSingleton<IBudgetLedger, NoBudgetLedger>(), requests);
        var counted = await MeasureAsync(environment, "budgetcount", null, null, requests);
        var limited = await MeasureAsync(environment, "budgetlimit", limits, null, requests);
        log.WriteLine("| submit, one at a time | requests | p50 ms | p99 ms | p50 added | p99 added |");
        log.WriteLine("| --- | --- | --- | --- | --- | --- |");
        foreach (var (name, result) in new[] { ("no budget check (baseline)", none), ("spend counted, no limits", counted), ("every limit set", limited) })
        {
            log.WriteLine($"| {name} | {result.Requests} | {result.P50Ms:F2} | {result.P99Ms:F2} | {result.P50Ms - none.P50Ms:F2} | {result.P99Ms - none.P99Ms:F2} |");
        }

        await using var host = await environment.StartDevHostAsync("budgetrace", new Dictionary<string, string?> { ["Budgets:MaxOpenTasks"] = $"{Room}" });
        using var client = new HttpClient { BaseAddress = host.BaseUri };
        var clock = Stopwatch.StartNew();
        var answers = await Task.WhenAll(Enumerable.Range(0, ConcurrentSubmits).Select(async i =>
        {
            using var response = await client.PostAsJsonAsync("api/tasks", Body(i));
            return response.StatusCode;
        }));
        log.WriteLine();
        log.WriteLine($"{ConcurrentSubmits} submits at once against room for {Room} open tasks (one dev host): {answers.Count(s => s == HttpStatusCode.Accepted)} accepted, {answers.Count(s => s == HttpStatusCode.TooManyRequests)} answered 429, {answers.Count(s => s is not (HttpStatusCode.Accepted or HttpStatusCode.TooManyRequests))} other, in {clock.ElapsedMilliseconds} ms");
    }

    private static async Task<LoadResult> MeasureAsync(BenchEnvironment environment, string name, IDictionary<string, string?>? settings, Action<IServiceCollection>? services, int requests)
    {
        await using var host = await environment.StartDevHostAsync(name, settings, services);
        using var client = new HttpClient { BaseAddress = host.BaseUri };

        async Task Submit(int i)
        {
            using var response = await client.PostAsJsonAsync("api/tasks", Body(i));
            if (response.StatusCode != HttpStatusCode.Accepted)
            {
                throw new InvalidOperationException($"Submit answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            }
        }

        await LatencyRecorder.RunAsync(20, 1, Submit);
        return await LatencyRecorder.RunAsync(requests, 1, Submit);
    }

    /// <summary>Sora 2 Pro, 720p, 4 s ($0.96): held at PiAPI for ten minutes without webhooks, so every task stays open.</summary>
    private static JsonObject Body(int i) => new()
    {
        ["model"] = "sora2",
        ["task_type"] = "sora2-pro-video",
        ["input"] = new JsonObject { ["prompt"] = $"bench budget {i} {Guid.NewGuid():N} [sim:nowebhook] [sim:delay=600000]", ["aspect_ratio"] = "16:9", ["resolution"] = "720p", ["duration"] = 4 },
    };
}
