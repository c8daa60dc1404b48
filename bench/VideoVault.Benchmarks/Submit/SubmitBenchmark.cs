using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using VideoVault.Benchmarks.Infrastructure;

namespace VideoVault.Benchmarks.Submit;

/// <summary>VideoVault's submit against the simulator's own create, one request at a time: the difference is VideoVault's overhead.</summary>
internal static class SubmitBenchmark
{
    public static async Task<SubmitFigures> RunAsync(BenchEnvironment environment, int requests, TextWriter log)
    {
        await using var host = await environment.StartDevHostAsync("submit");
        using var videoVault = new HttpClient { BaseAddress = host.BaseUri };
        using var simulator = new HttpClient { BaseAddress = environment.SimulatorUri };
        simulator.DefaultRequestHeaders.Add("X-API-Key", BenchEnvironment.SimulatorApiKey);

        async Task ViaVideoVault(int i)
        {
            using var response = await videoVault.PostAsJsonAsync("api/tasks", Body(i, withWebhook: false));
            Expect(response, HttpStatusCode.Accepted);
        }

        async Task Direct(int i)
        {
            using var response = await simulator.PostAsJsonAsync("api/v1/task", Body(i, withWebhook: true));
            Expect(response, HttpStatusCode.OK);
        }

        await LatencyRecorder.RunAsync(20, 1, ViaVideoVault);
        await LatencyRecorder.RunAsync(20, 1, Direct);
        var direct = await LatencyRecorder.RunAsync(requests, 1, Direct);
        var via = await LatencyRecorder.RunAsync(requests, 1, ViaVideoVault);
        log.WriteLine($"  submit: VideoVault p50 {via.P50Ms:F2} ms p99 {via.P99Ms:F2} ms; simulator p50 {direct.P50Ms:F2} ms p99 {direct.P99Ms:F2} ms");
        return new SubmitFigures(via, direct);
    }

    private static JsonObject Body(int i, bool withWebhook)
    {
        var body = new JsonObject
        {
            ["model"] = "sora2",
            ["task_type"] = "sora2-pro-video",
            ["input"] = new JsonObject { ["prompt"] = $"bench submit {i} {Guid.NewGuid():N} [sim:nowebhook] [sim:delay=600000]", ["aspect_ratio"] = "16:9", ["resolution"] = "720p", ["duration"] = 4 },
        };
        if (withWebhook)
        {
            body["config"] = new JsonObject { ["webhook_config"] = new JsonObject { ["endpoint"] = "http://127.0.0.1:9/unused", ["secret"] = "k.secret" } };
        }

        return body;
    }

    private static void Expect(HttpResponseMessage response, HttpStatusCode expected)
    {
        if (response.StatusCode != expected)
        {
            throw new InvalidOperationException($"Submit answered {(int)response.StatusCode}, expected {(int)expected}.");
        }
    }
}

internal sealed record SubmitFigures(LoadResult VideoVault, LoadResult Simulator)
{
    public double OverheadP50Ms => VideoVault.P50Ms - Simulator.P50Ms;

    public double OverheadP99Ms => VideoVault.P99Ms - Simulator.P99Ms;
}
