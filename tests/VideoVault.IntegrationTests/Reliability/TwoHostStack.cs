using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Queues;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using VideoVault.Archiving;
using VideoVault.IntegrationTests.Infrastructure;
using VideoVault.IntegrationTests.Stack;
using VideoVault.PiApiSimulator.Hosting;
using VideoVault.PiApiSimulator.Ledger;

namespace VideoVault.IntegrationTests.Reliability;

/// <summary>
/// The app scaled out as on Flex Consumption: two dev host processes on one storage account (one Azurite,
/// the same table, queue and container), behind a <see cref="LoopbackFrontEnd"/> that both the API calls
/// and PiAPI's webhooks go through, with the PiAPI simulator in-process.
/// </summary>
internal sealed class TwoHostStack : IChaosStack, IAsyncDisposable
{
    /// <summary>A careful client behind a load balancer repeats a submit cut off by a dying host; this many tries at most.</summary>
    private const int MaxSubmitTries = 10;
    private static readonly TimeSpan SubmitRepeatDelay = TimeSpan.FromMilliseconds(250);

    private readonly WebApplication _simulator;
    private readonly string _hostJsonPath;
    private readonly Dictionary<string, string?> _configuration;
    private int _repeats;

    private TwoHostStack(WebApplication simulator, string hostJsonPath, Dictionary<string, string?> configuration, AzuriteFixture azurite, LoopbackFrontEnd frontEnd, IReadOnlyList<DevHostProcess> hosts)
    {
        _simulator = simulator;
        _hostJsonPath = hostJsonPath;
        _configuration = configuration;
        FrontEnd = frontEnd;
        Hosts = hosts;
        Api = new HttpClient { BaseAddress = frontEnd.BaseUri, Timeout = TimeSpan.FromSeconds(60) };
        var options = AzuriteFixture.AppOptions(configuration["VideoVault:TaskTable"], configuration["VideoVault:WorkQueue"], configuration["VideoVault:VideoContainer"]);
        TaskTable = azurite.Clients.CreateTableServiceClient().GetTableClient(options.Value.TaskTable);
        Videos = azurite.Clients.CreateBlobServiceClient().GetBlobContainerClient(options.Value.VideoContainer);
        PoisonQueue = azurite.Clients.CreateWorkQueueServiceClient().GetQueueClient(WorkQueueNames.Poison(options.Value.WorkQueue));
        VideoStore = azurite.CreateVideoStore(options);
    }

    public LoopbackFrontEnd FrontEnd { get; }

    public IReadOnlyList<DevHostProcess> Hosts { get; }

    /// <summary>The API, through the front end.</summary>
    public HttpClient Api { get; }

    /// <summary>Submits repeated after a 502 or a cut connection (the host holding the first one died).</summary>
    public int SubmitRepeats => Volatile.Read(ref _repeats);

    public TableClient TaskTable { get; }

    public BlobContainerClient Videos { get; }

    public QueueClient PoisonQueue { get; }

    public IVideoBlobStore VideoStore { get; }

    public SimulatorLedger Ledger => _simulator.Services.GetRequiredService<SimulatorLedger>();

    public IReadOnlyCollection<string> LogLines => [.. Hosts.SelectMany(h => h.Runs).SelectMany(r => r.Lines)];

    /// <summary>Starts the simulator, the front end and both hosts (a and b) with the chaos settings.</summary>
    /// <param name="configure">Changes to the chaos settings, made before anything starts.</param>
    public static async Task<TwoHostStack> StartAsync(AzuriteFixture azurite, Action<StackSettings>? configure = null)
    {
        var settings = new StackSettings();
        ChaosSettings.Apply(settings);
        configure?.Invoke(settings);
        var simulator = await TestStack.StartSimulatorAsync(settings);
        var ports = LoopbackPorts.Reserve(3);
        var frontEndUri = new Uri($"http://127.0.0.1:{ports[0]}/");
        var hostJson = Path.Combine(Path.GetTempPath(), $"host-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(hostJson, settings.HostJson);
        var configuration = new Dictionary<string, string?>(settings.Configuration)
        {
            ["VideoVaultStorage"] = azurite.ConnectionString,
            ["VideoVault:PublicBaseUrl"] = frontEndUri.AbsoluteUri,
            ["VideoVault:TaskTable"] = AzuriteFixture.NewName("tasks"),
            ["VideoVault:WorkQueue"] = AzuriteFixture.NewName("work"),
            ["VideoVault:VideoContainer"] = AzuriteFixture.NewName("videos"),
            ["PiApi:BaseUrl"] = simulator.Services.GetRequiredService<SimulatorAddress>().BaseUri.AbsoluteUri,
            ["PiApi:ApiKey"] = TestStack.SimulatorApiKey,
            ["DevHost:HostJson"] = hostJson,

            // Empty: no local.settings.json is read, so the environment is the hosts' whole configuration.
            ["DevHost:LocalSettings"] = string.Empty,

            // One line per entry, so each line can be matched and counted; the app's own work at Debug, as in-process.
            ["Logging:Console:FormatterName"] = "simple",
            ["Logging:Console:FormatterOptions:SingleLine"] = "true",
            ["Logging:Console:FormatterOptions:ColorBehavior"] = "Disabled",
            ["Logging:LogLevel:Default"] = "Information",
            ["Logging:LogLevel:VideoVault"] = "Debug",

            // The hosts ship ASP.NET Core at Warning; HostWork counts each host's requests from these lines.
            ["Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics"] = "Information",
        };
        var environment = configuration.ToDictionary(p => p.Key.Replace(":", "__", StringComparison.Ordinal), p => p.Value ?? string.Empty);
        var hosts = new[] { new DevHostProcess("a", ports[1], environment), new DevHostProcess("b", ports[2], environment) };
        var frontEnd = await LoopbackFrontEnd.StartAsync(ports[0], [.. hosts.Select(h => h.BaseUri)]);
        var stack = new TwoHostStack(simulator, hostJson, configuration, azurite, frontEnd, hosts);
        try
        {
            await Task.WhenAll(hosts.Select(h => h.StartAsync()));
            return stack;
        }
        catch
        {
            await stack.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Submits with an Idempotency-Key and repeats it after a 502 or a cut connection, as a careful client
    /// does: the host that held the first try may have stored the task, and the repeat finds it.
    /// </summary>
    /// <returns>The task id.</returns>
    public async Task<string> SubmitAsync(string prompt)
    {
        var key = $"chaos-{Guid.NewGuid():N}";
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, "api/tasks") { Content = JsonContent.Create(TestStack.SubmitBody(prompt)) };
                request.Headers.Add("Idempotency-Key", key);
                using var response = await Api.SendAsync(request);
                var text = await response.Content.ReadAsStringAsync();
                if (response.StatusCode == HttpStatusCode.Accepted)
                {
                    return JsonDocument.Parse(text).RootElement.GetProperty("id").GetString()!;
                }

                if (response.StatusCode != HttpStatusCode.BadGateway || attempt == MaxSubmitTries)
                {
                    throw new InvalidOperationException($"Submit answered {(int)response.StatusCode} on try {attempt}: {text}");
                }
            }
            catch (HttpRequestException) when (attempt < MaxSubmitTries)
            {
                // The front end cut the connection: the host died while sending its answer.
            }

            Interlocked.Increment(ref _repeats);
            await Task.Delay(SubmitRepeatDelay);
        }
    }

    public async Task<List<TableEntity>> EntitiesAsync() => await TaskTable.QueryAsync<TableEntity>(entity => entity.RowKey == "task").ToListAsync();

    public async Task<List<BlobItem>> BlobsAsync() =>
        await Videos.ExistsAsync() ? await Videos.GetBlobsAsync().ToListAsync() : [];

    public IReadOnlyList<string> LoggedSecrets(IEnumerable<string> taskIds) =>
        LogSecrets.Find(LogLines, TestStack.SimulatorApiKey, LogSecrets.SigningKeys(_configuration), taskIds);

    public async ValueTask DisposeAsync()
    {
        Api.Dispose();
        foreach (var host in Hosts)
        {
            await host.DisposeAsync();
        }

        await FrontEnd.DisposeAsync();
        await _simulator.StopAsync();
        await _simulator.DisposeAsync();
        File.Delete(_hostJsonPath);
    }
}
