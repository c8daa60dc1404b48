using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using VideoVault.Benchmarks.Infrastructure;
using VideoVault.Budgets;

namespace VideoVault.Benchmarks.Budgets;

/// <summary>
/// What the budget check adds to a submit, one request at a time, in one run, interleaved: the app with no budget check at all
/// (<see cref="NoBudgetLedger"/>, submit as before), with spend counted but no limits, and with every limit set (open
/// tasks, daily spend, the model's daily spend); then 50 submits at once against room for 10 open tasks.
/// </summary>
internal static class BudgetBenchmark
{
    private const int ConcurrentSubmits = 50;
    private const int Room = 10;
    private const int Warmup = 20;

    public static async Task RunAsync(BenchEnvironment environment, int requests, TextWriter log)
    {
        var limits = new Dictionary<string, string?>
        {
            ["Budgets:MaxOpenTasks"] = "10000",
            ["Budgets:DailySpendUsd"] = "1000000",
            ["Budgets:ModelDailySpendUsd:sora2"] = "1000000",
        };

        // The three run side by side, one submit each in turn in a shuffled order, so a shared machine's changing load falls on all alike.
        await using var none = await environment.StartDevHostAsync("budgetnone", null, services => services.AddSingleton<IBudgetLedger, NoBudgetLedger>());
        await using var counted = await environment.StartDevHostAsync("budgetcount");
        await using var limited = await environment.StartDevHostAsync("budgetlimit", limits);
        var variants = new (string Name, HttpClient Client, List<double> Ms)[]
        {
            ("no budget check (baseline)", new HttpClient { BaseAddress = none.BaseUri }, []),
            ("spend counted, no limits", new HttpClient { BaseAddress = counted.BaseUri }, []),
            ("every limit set", new HttpClient { BaseAddress = limited.BaseUri }, []),
        };
        for (var i = 0; i < requests + Warmup; i++)
        {
            foreach (var variant in variants.OrderBy(_ => Random.Shared.Next()))
            {
                var clock = Stopwatch.StartNew();
                await SubmitAsync(variant.Client, i);
                if (i >= Warmup)
                {
                    variant.Ms.Add(clock.Elapsed.TotalMilliseconds);
                }
            }
        }

        var baseline = variants[0].Ms;
        log.WriteLine("| submit, one at a time, interleaved | requests | p50 ms | p99 ms | p50 added | p99 added |");
        log.WriteLine("| --- | --- | --- | --- | --- | --- |");
        foreach (var (name, client, ms) in variants)
        {
            log.WriteLine($"| {name} | {ms.Count} | {Percentile(ms, 0.50):F2} | {Percentile(ms, 0.99):F2} | {Percentile(ms, 0.50) - Percentile(baseline, 0.50):F2} | {Percentile(ms, 0.99) - Percentile(baseline, 0.99):F2} |");
            client.Dispose();
        }

        await using var host = await environment.StartDevHostAsync("budgetrace", new Dictionary<string, string?> { ["Budgets:MaxOpenTasks"] = $"{Room}" });
        using var racing = new HttpClient { BaseAddress = host.BaseUri };
        var race = Stopwatch.StartNew();
        var answers = await Task.WhenAll(Enumerable.Range(0, ConcurrentSubmits).Select(async i =>
        {
            using var response = await racing.PostAsJsonAsync("api/tasks", Body(i));
            return response.StatusCode;
        }));
        log.WriteLine();
        log.WriteLine($"{ConcurrentSubmits} submits at once against room for {Room} open tasks (one dev host): {answers.Count(s => s == HttpStatusCode.Accepted)} accepted, {answers.Count(s => s == HttpStatusCode.TooManyRequests)} answered 429, {answers.Count(s => s is not (HttpStatusCode.Accepted or HttpStatusCode.TooManyRequests))} other, in {race.ElapsedMilliseconds} ms");
    }

    private static async Task SubmitAsync(HttpClient client, int i)
    {
        using var response = await client.PostAsJsonAsync("api/tasks", Body(i));
        if (response.StatusCode != HttpStatusCode.Accepted)
        {
            throw new InvalidOperationException($"Submit answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    private static double Percentile(List<double> samples, double quantile)
    {
        var sorted = samples.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(quantile * sorted.Count) - 1)];
    }

    /// <summary>Sora 2 Pro, 720p, 4 s ($0.96): held at PiAPI for ten minutes without webhooks, so every task stays open.</summary>
    private static JsonObject Body(int i) => new()
    {
        ["model"] = "sora2",
        ["task_type"] = "sora2-pro-video",
        ["input"] = new JsonObject { ["prompt"] = $"bench budget {i} {Guid.NewGuid():N} [sim:nowebhook] [sim:delay=600000]", ["aspect_ratio"] = "16:9", ["resolution"] = "720p", ["duration"] = 4 },
    };
}
