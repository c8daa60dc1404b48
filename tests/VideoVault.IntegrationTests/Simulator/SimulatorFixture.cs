using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using VideoVault.PiApiSimulator;
using VideoVault.PiApiSimulator.Hosting;
using VideoVault.PiApiSimulator.Ledger;

namespace VideoVault.IntegrationTests.Simulator;

/// <summary>One simulator per test class, on a free loopback port, with short delays.</summary>
public sealed class SimulatorFixture : IAsyncLifetime
{
    public const string ApiKey = "fixture-key";

    private WebApplication? app;

    public static TimeSpan StepDelay { get; } = TimeSpan.FromMilliseconds(10);

    public static long DefaultVideoSize { get; } = 256 * 1024 + 3;

    public Uri BaseUri { get; private set; } = null!;

    public SimulatorLedger Ledger { get; private set; } = null!;

    /// <summary>A client sending the right <c>X-API-Key</c>.</summary>
    public HttpClient Client { get; private set; } = null!;

    /// <summary>A client with no credentials.</summary>
    public HttpClient Anonymous { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        app = SimulatorApp.Build(
            ["--urls", "http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning"],
            options =>
            {
                options.ApiKey = ApiKey;
                options.StepDelay = StepDelay;
                options.WebhookRetryDelay = TimeSpan.FromMilliseconds(10);
                options.WebhookAttempts = 4;
                options.DefaultVideoSize = DefaultVideoSize;
            });
        await app.StartAsync();

        BaseUri = app.Services.GetRequiredService<SimulatorAddress>().BaseUri;
        Ledger = app.Services.GetRequiredService<SimulatorLedger>();
        Client = new HttpClient { BaseAddress = BaseUri, Timeout = TimeSpan.FromSeconds(30) };
        Client.DefaultRequestHeaders.Add("X-API-Key", ApiKey);
        Anonymous = new HttpClient { BaseAddress = BaseUri, Timeout = TimeSpan.FromSeconds(30) };
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        Anonymous.Dispose();
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    /// <summary>A unified-API create body like the vendor's example.</summary>
    public static JsonObject CreateBody(string prompt, Uri? webhook = null, string secret = "", string taskType = "sora2-pro-video") => new()
    {
        ["model"] = "sora2",
        ["task_type"] = taskType,
        ["input"] = new JsonObject
        {
            ["prompt"] = prompt,
            ["aspect_ratio"] = "16:9",
            ["resolution"] = "720p",
            ["duration"] = 4,
        },
        ["config"] = new JsonObject
        {
            ["webhook_config"] = new JsonObject
            {
                ["endpoint"] = webhook?.AbsoluteUri ?? "",
                ["secret"] = secret,
            },
        },
    };

    /// <summary>Creates a task and returns its <c>data</c> object.</summary>
    public async Task<JsonElement> CreateTaskAsync(string prompt, Uri? webhook = null, string secret = "")
    {
        using var response = await Client.PostAsJsonAsync("api/v1/task", CreateBody(prompt, webhook, secret));
        response.EnsureSuccessStatusCode();
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.GetProperty("data").Clone();
    }

    public async Task<JsonElement> GetTaskAsync(string taskId)
    {
        using var response = await Client.GetAsync($"api/v1/task/{taskId}");
        response.EnsureSuccessStatusCode();
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.GetProperty("data").Clone();
    }

    /// <summary>Polls GET until the task reaches <paramref name="status"/>.</summary>
    public async Task<JsonElement> WaitForStatusAsync(string taskId, string status)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            var task = await GetTaskAsync(taskId);
            if (task.GetProperty("status").GetString() == status)
            {
                return task;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Task {taskId} is still {task.GetProperty("status")}, expected {status}.");
            await Task.Delay(20);
        }
    }
}
