using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Queues;
using VideoVault.Archiving;
using VideoVault.DevHost;
using VideoVault.Inbound;
using VideoVault.IntegrationTests.Infrastructure;
using VideoVault.PiApiSimulator;
using VideoVault.PiApiSimulator.Hosting;
using VideoVault.PiApiSimulator.Ledger;
using VideoVault.Tasks;

namespace VideoVault.IntegrationTests.Stack;

/// <summary>
/// The whole app as it runs locally: an Azurite (the shared one, or a test's own when it stops
/// storage), a PiAPI simulator and a dev host, each on its own loopback port, with fresh
/// table/queue/container names so tests never see each other.
/// </summary>
public sealed partial class TestStack : IAsyncDisposable
{
    public const string SimulatorApiKey = "stack-sim-key";

    private readonly WebApplication _simulator;
    private readonly WebApplication _devHost;
    private readonly string _hostJsonPath;
    private readonly ReloadableConfiguration _configuration;
    private readonly HashSet<(string KeyId, string Key)> _signingKeys = [];

    private TestStack(WebApplication simulator, WebApplication devHost, string hostJsonPath, ReloadableConfiguration configuration, Uri devHostUri, string table, string queue, string container, CapturedLogs logs, AzuriteProcess azurite)
    {
        _simulator = simulator;
        _devHost = devHost;
        _hostJsonPath = hostJsonPath;
        _configuration = configuration;
        Api = new HttpClient { BaseAddress = devHostUri, Timeout = TimeSpan.FromSeconds(60) };
        SimulatorClient = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        Table = table;
        Queue = queue;
        Container = container;
        Logs = logs;
        TaskTable = azurite.Clients.CreateTableServiceClient().GetTableClient(table);
        var queues = azurite.Clients.CreateWorkQueueServiceClient();
        WorkQueue = queues.GetQueueClient(queue);
        PoisonQueue = queues.GetQueueClient(WorkQueueNames.Poison(queue));
        EventQueue = azurite.Clients.CreateQueueServiceClient().GetQueueClient(configuration.Settings["Events:Queue"]);
        Videos = azurite.Clients.CreateBlobServiceClient().GetBlobContainerClient(container);
        RememberSigningKeys(configuration.Settings);
    }

    public HttpClient Api { get; }

    /// <summary>A plain client for calls straight to the simulator.</summary>
    public HttpClient SimulatorClient { get; }

    public string Table { get; }

    public string Queue { get; }

    public string Container { get; }

    public CapturedLogs Logs { get; }

    public TableClient TaskTable { get; }

    public QueueClient WorkQueue { get; }

    public QueueClient PoisonQueue { get; }

    public BlobContainerClient Videos { get; }

    /// <summary>The dev host's own video store, e.g. to sign a read link as the API would.</summary>
    internal IVideoBlobStore VideoStore => _devHost.Services.GetRequiredService<IVideoBlobStore>();

    public SimulatorLedger Ledger => _simulator.Services.GetRequiredService<SimulatorLedger>();

    public Uri SimulatorUri => _simulator.Services.GetRequiredService<SimulatorAddress>().BaseUri;

    internal TaskWebhookSecrets Secrets => _devHost.Services.GetRequiredService<TaskWebhookSecrets>();

    public IServiceProvider DevHostServices => _devHost.Services;

    public static Task<TestStack> StartAsync(AzuriteFixture azurite, Action<StackSettings>? configure = null) =>
        StartAsync(azurite.Azurite, configure);

    public static async Task<TestStack> StartAsync(AzuriteProcess azurite, Action<StackSettings>? configure = null)
    {
        var settings = new StackSettings();
        configure?.Invoke(settings);
        var simulator = await StartSimulatorAsync(settings);
        var simulatorUri = simulator.Services.GetRequiredService<SimulatorAddress>().BaseUri;

        var port = LoopbackPorts.Reserve(1)[0];
        var devHostUri = new Uri($"http://127.0.0.1:{port}/");
        var (table, queue, container) = (AzuriteFixture.NewName("tasks"), AzuriteFixture.NewName("work"), AzuriteFixture.NewName("videos"));
        var hostJson = Path.Combine(Path.GetTempPath(), $"host-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(hostJson, settings.HostJson);
        var configuration = new Dictionary<string, string?>(settings.Configuration)
        {
            ["urls"] = devHostUri.AbsoluteUri.TrimEnd('/'),
            ["VideoVaultStorage"] = azurite.ConnectionString,
            ["VideoVault:PublicBaseUrl"] = devHostUri.AbsoluteUri,
            ["VideoVault:TaskTable"] = table,
            ["VideoVault:WorkQueue"] = queue,
            ["VideoVault:VideoContainer"] = container,
            ["Events:Queue"] = AzuriteFixture.NewName("events"),
            ["PiApi:BaseUrl"] = simulatorUri.AbsoluteUri,
            ["PiApi:ApiKey"] = SimulatorApiKey,
            ["DevHost:HostJson"] = hostJson,
            ["DevHost:LocalSettings"] = string.Empty,
        };
        var logs = new CapturedLogs();
        var reloadable = new ReloadableConfiguration(configuration);
        var devHost = DevHostApp.Build([], builder =>
        {
            builder.Configuration.Sources.Add(reloadable);
            if (!settings.ConsoleLogs)
            {
                builder.Logging.ClearProviders();
            }

            builder.Logging.AddProvider(logs);
            settings.DevHostServices?.Invoke(builder.Services);
            builder.Logging.SetMinimumLevel(LogLevel.Debug);
        });
        await devHost.StartAsync();
        return new TestStack(simulator, devHost, hostJson, reloadable, devHostUri, table, queue, container, logs, azurite);
    }

    /// <summary>The in-process PiAPI simulator of a stack with these settings, started on a free loopback port.</summary>
    public static async Task<WebApplication> StartSimulatorAsync(StackSettings settings)
    {
        var simulator = SimulatorApp.Build(
            ["--urls", "http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning"],
            options =>
            {
                options.ApiKey = SimulatorApiKey;
                options.StepDelay = settings.SimulatorStepDelay;
                options.WebhookRetryDelay = TimeSpan.FromMilliseconds(100);
                options.WebhookAttempts = settings.SimulatorWebhookAttempts;
                options.WebhookTimeout = settings.SimulatorWebhookTimeout;
                options.DefaultVideoSize = settings.DefaultVideoSize;
                options.ConsumerSecrets = [StackSettings.EventSecret];
                options.RemovedModels = [.. settings.SimulatorRemovedModels];
            });
        await simulator.StartAsync();
        return simulator;
    }

    /// <summary>Changes the running dev host's settings (as an app-settings change would); options monitors see it at once.</summary>
    public void Reconfigure(Action<IDictionary<string, string?>> change) => _configuration.Change(settings =>
    {
        change(settings);
        RememberSigningKeys(settings);
    });

    /// <summary>
    /// Fails when a captured log line holds the PiAPI key, the storage account key, a webhook signing
    /// key or the webhook secret of one of <paramref name="taskIds"/> under any key ever configured.
    /// </summary>
    public void AssertNoSecretsLogged(IEnumerable<string> taskIds)
    {
        var leaks = LoggedSecrets(taskIds);
        Assert.True(leaks.Count == 0, $"Secrets in the logs ({Logs.Lines.Count} lines checked):\n{string.Join('\n', leaks.Take(5))}");
    }

    /// <summary>What <see cref="AssertNoSecretsLogged"/> finds: one line per secret that appears, with the first line holding it.</summary>
    public IReadOnlyList<string> LoggedSecrets(IEnumerable<string> taskIds) => LogSecrets.Find(Logs.Lines, SimulatorApiKey, _signingKeys, taskIds);

    private void RememberSigningKeys(IEnumerable<KeyValuePair<string, string?>> settings) => _signingKeys.UnionWith(LogSecrets.SigningKeys(settings));

    /// <summary>A valid submit body; extra prompt text carries the simulator's fault tags.</summary>
    public static JsonObject SubmitBody(string prompt, string taskType = ModelNames.Sora2ProVideo) => new()
    {
        ["model"] = ModelNames.Sora2,
        ["task_type"] = taskType,
        ["input"] = taskType == ModelNames.Sora2ProVideo
            ? new JsonObject { ["prompt"] = prompt, ["aspect_ratio"] = "16:9", ["resolution"] = "720p", ["duration"] = 4 }
            : new JsonObject { ["prompt"] = prompt, ["aspect_ratio"] = "9:16", ["duration"] = 8 },
        ["metadata"] = new JsonObject { ["caller"] = "tests" },
    };

    public Task<JsonElement> SubmitAsync(string prompt, string? idempotencyKey = null) => SubmitAsync(SubmitBody(prompt), idempotencyKey);

    public async Task<JsonElement> SubmitAsync(JsonObject body, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/tasks") { Content = JsonContent.Create(body) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        using var response = await Api.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Accepted, $"Submit answered {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public async Task<JsonElement> GetTaskAsync(string id)
    {
        using var response = await Api.GetAsync($"api/tasks/{id}");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET task answered {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Polls until the task is in a terminal state, then returns its view.</summary>
    public async Task<JsonElement> WaitForTerminalAsync(string id, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(45));
        while (true)
        {
            var task = await GetTaskAsync(id);
            var status = TaskStatusNames.Parse(task.GetProperty("status").GetString()!);
            if (TaskStatusRules.IsTerminal(status))
            {
                return task;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Task {id} is still {status} after the deadline.\n{string.Join('\n', Logs.Lines.TakeLast(40))}");
            await Task.Delay(100);
        }
    }

    public async Task<TableEntity?> EntityAsync(string id)
    {
        var response = await TaskTable.GetEntityIfExistsAsync<TableEntity>(id, "task");
        return response.HasValue ? response.Value : null;
    }

    /// <summary>Every task entity of this stack's table (not the index rows and events beside them), through all continuation pages.</summary>
    public async Task<List<TableEntity>> EntitiesAsync() => await TaskTable.QueryAsync<TableEntity>(entity => entity.RowKey == "task").ToListAsync();

    /// <summary>The status PiAPI (the simulator) reports for one of its tasks.</summary>
    public async Task<string> SimulatorStatusAsync(string piApiTaskId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(SimulatorUri, $"api/v1/task/{piApiTaskId}"));
        request.Headers.Add("X-API-Key", SimulatorApiKey);
        using var response = await SimulatorClient.SendAsync(request);
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("data").GetProperty("status").GetString()!;
    }

    /// <summary>Where the simulator serves the video of one of its tasks.</summary>
    public Uri SimulatorVideoUrl(string piApiTaskId) => _simulator.Services.GetRequiredService<SimulatorAddress>().VideoUrl(piApiTaskId);

    public async Task<List<BlobItem>> BlobsAsync()
    {
        var items = new List<BlobItem>();
        try
        {
            await foreach (var item in Videos.GetBlobsAsync())
            {
                items.Add(item);
            }
        }
        catch (Azure.RequestFailedException exception) when (exception.Status == 404)
        {
            // No container yet: nothing was ever archived.
        }

        return items;
    }

    public async ValueTask DisposeAsync()
    {
        Api.Dispose();
        SimulatorClient.Dispose();
        await _devHost.StopAsync();
        await _devHost.DisposeAsync();
        await _simulator.StopAsync();
        await _simulator.DisposeAsync();
        File.Delete(_hostJsonPath);
    }
}
