using System.Diagnostics;
using System.Globalization;
using Microsoft.Playwright;
using VideoVault.Benchmarks.Infrastructure;
using VideoVault.Benchmarks.Scaling;
using VideoVault.IntegrationTests.Infrastructure;

namespace VideoVault.Benchmarks.OperatorConsole;

/// <summary>
/// The operator console in Debian's Chromium over a dev host whose table holds 1,000 and 10,000 tasks: first
/// contentful paint, the first list page rendered, and a status-filtered page rendered, each the median of
/// several fresh tabs. The baseline, measured side by side, is the same list page fetched straight from the
/// API, so the ratio is what the page adds to the request it waits for.
/// </summary>
internal static class ConsoleBenchmark
{
    private const int Runs = 7;
    private const string ListPage = "api/tasks?limit=50";

    public static IReadOnlyList<int> Sizes(bool quick) => quick ? [1_000] : [1_000, 10_000];

    public static async Task<IReadOnlyList<ConsoleFigures>> RunAsync(BenchEnvironment environment, IReadOnlyList<int> counts, TextWriter log)
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await DebianChromium.LaunchAsync(playwright, "--enable-precise-memory-info");

        var figures = new List<ConsoleFigures>();
        foreach (var count in counts)
        {
            var name = $"console{count}";
            await TaskSeeder.BulkSeedAsync(environment.Azurite.Clients, "bench" + name, ScalingBenchmark.TasksFor(name, count, DateTimeOffset.UtcNow));

            // The seeded open tasks are two hours old: start-up recovery would reconcile them against a PiAPI that
            // never heard of them, beside the measurement.
            await using var host = await environment.StartDevHostAsync(name, new Dictionary<string, string?> { ["VideoVault:RecoveryScanAfter"] = "7.00:00:00" });
            using var api = new HttpClient { BaseAddress = host.BaseUri };
            var tabs = new List<TabFigures>();
            var requests = new List<double>();

            // The first of each is a warm-up (JIT, connection pool) and is left out.
            for (var run = 0; run <= Runs; run++)
            {
                var tab = await MeasureTabAsync(browser, host.BaseUri);
                var request = await MeasureRequestAsync(api);
                if (run > 0)
                {
                    tabs.Add(tab);
                    requests.Add(request);
                }
            }

            var result = new ConsoleFigures(
                count,
                Median(tabs.Select(t => t.FirstPaintMs)),
                Median(tabs.Select(t => t.ListMs)),
                Median(tabs.Select(t => t.FilteredMs)),
                Median(requests),
                Median(tabs.Select(t => t.JsHeapBytes)),
                Median(tabs.Select(t => t.ListBytes)));
            log.WriteLine(FormattableString.Invariant(
                $"  console {count}: first paint {result.FirstPaintMs:F0} ms, list {result.ListMs:F0} ms, filtered {result.FilteredMs:F0} ms, API page alone {result.ApiPageMs:F0} ms (list/API {result.ListMs / result.ApiPageMs:F2}), JS heap {result.JsHeapBytes / 1048576:F1} MiB, list response {result.ListBytes / 1024:F0} KiB"));
            figures.Add(result);
        }

        return figures;
    }

    public static string Markdown(IReadOnlyList<ConsoleFigures> figures)
    {
        var lines = new List<string>
        {
            "| tasks | first paint | list rendered | filtered list rendered | API page alone (baseline) | list / baseline | JS heap used | list response |",
            "| --- | --- | --- | --- | --- | --- | --- | --- |",
        };
        lines.AddRange(figures.Select(f => string.Create(CultureInfo.InvariantCulture,
            $"| {f.Tasks:N0} | {f.FirstPaintMs:F0} ms | {f.ListMs:F0} ms | {f.FilteredMs:F0} ms | {f.ApiPageMs:F0} ms | {f.ListMs / f.ApiPageMs:F2} | {f.JsHeapBytes / 1048576:F1} MiB | {f.ListBytes / 1024:F0} KiB |")));
        return string.Join('\n', lines) + "\n";
    }

    /// <summary>
    /// A fresh tab: paint and list times are the browser's own, from navigation start; the filtered list is timed
    /// in the page from the change of the status filter to the render of the pending tasks.
    /// </summary>
    private static async Task<TabFigures> MeasureTabAsync(IBrowser browser, Uri baseUri)
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(baseUri, "api/console").AbsoluteUri);
        await page.WaitForFunctionAsync("() => performance.getEntriesByName('videovault:list-rendered').length === 1");
        var firstPaint = await page.EvaluateAsync<double>("() => performance.getEntriesByName('first-contentful-paint')[0].startTime");
        var list = await page.EvaluateAsync<double>("() => performance.getEntriesByName('videovault:list-rendered')[0].startTime");
        var listBytes = await page.EvaluateAsync<double>("() => performance.getEntriesByType('resource').find(r => r.name.includes('/api/tasks?')).encodedBodySize");
        var changed = await page.EvaluateAsync<double>("() => { const select = document.getElementById('status-filter'); select.value = 'pending'; const at = performance.now(); select.dispatchEvent(new Event('change')); return at; }");
        await page.WaitForFunctionAsync("() => performance.getEntriesByName('videovault:list-rendered').length === 2");
        var filtered = await page.EvaluateAsync<double>("() => performance.getEntriesByName('videovault:list-rendered')[1].startTime") - changed;
        var heap = await page.EvaluateAsync<double>("() => performance.memory.usedJSHeapSize");
        return new TabFigures(firstPaint, list, filtered, heap, listBytes);
    }

    private static async Task<double> MeasureRequestAsync(HttpClient api)
    {
        var clock = Stopwatch.StartNew();
        using var response = await api.GetAsync(ListPage);
        response.EnsureSuccessStatusCode();
        await response.Content.ReadAsByteArrayAsync();
        return clock.Elapsed.TotalMilliseconds;
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private sealed record TabFigures(double FirstPaintMs, double ListMs, double FilteredMs, double JsHeapBytes, double ListBytes);
}

/// <param name="ApiPageMs">The baseline: the same first page straight from the API, no browser.</param>
internal sealed record ConsoleFigures(int Tasks, double FirstPaintMs, double ListMs, double FilteredMs, double ApiPageMs, double JsHeapBytes, double ListBytes);
