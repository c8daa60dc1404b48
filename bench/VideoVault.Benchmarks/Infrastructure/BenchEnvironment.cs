using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using VideoVault.DevHost;
using VideoVault.IntegrationTests.Infrastructure;
using VideoVault.PiApiSimulator;
using VideoVault.PiApiSimulator.Hosting;

namespace VideoVault.Benchmarks.Infrastructure;

/// <summary>Azurite and the PiAPI simulator for the whole run, and dev hosts on demand, all on loopback.</summary>
internal sealed class BenchEnvironment : IAsyncDisposable
{
    public const string SimulatorApiKey = "bench-key";

    /// <summary>Signs the events of every dev host; the simulator's receiver verifies with it.</summary>
    public const string EventSecret = "whsec_YmVuY2gtZXZlbnRzLXNpZ25pbmctc2VjcmV0LTMyYg==";

    private readonly WebApplication _simulator;

    private BenchEnvironment(AzuriteProcess azurite, WebApplication simulator)
    {
        Azurite = azurite;
        _simulator = simulator;
        SimulatorUri = simulator.Services.GetRequiredService<SimulatorAddress>().BaseUri;
    }

    public AzuriteProcess Azurite { get; }

    public Uri SimulatorUri { get; }

    public IServiceProvider SimulatorServices => _simulator.Services;

    /// <summary>Settings every dev host of this environment gets on top of its own (the tracing comparison's OTLP endpoint).</summary>
    public Dictionary<string, string?> DevHostSettings { get; } = [];

    public static async Task<BenchEnvironment> StartAsync()
    {
        var azurite = await AzuriteProcess.StartAsync();
        var simulator = SimulatorApp.Build(
            ["--urls", "http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning"],
            options =>
            {
                options.ApiKey = SimulatorApiKey;
                options.StepDelay = TimeSpan.FromMilliseconds(20);
                options.ConsumerSecrets = [EventSecret];
            });
        await simulator.StartAsync();
        return new BenchEnvironment(azurite, simulator);
    }

    /// <summary>A dev host with its own table and queue, quiet logging, and PiAPI pointed at the simulator.</summary>
    /// <param name="services">Registrations that replace the app's own (they go first, and the app only adds what is missing).</param>
    public async Task<DevHostHandle> StartDevHostAsync(string name, IDictionary<string, string?>? overrides = null, Action<IServiceCollection>? services = null)
    {
        var port = LoopbackPorts.Reserve(1)[0];
        var baseUri = new Uri($"http://127.0.0.1:{port}/");
        var settings = new Dictionary<string, string?>
        {
            ["urls"] = baseUri.AbsoluteUri.TrimEnd('/'),
            ["VideoVaultStorage"] = Azurite.ConnectionString,
            ["VideoVault:PublicBaseUrl"] = baseUri.AbsoluteUri,
            ["VideoVault:TaskTable"] = "bench" + name,
            ["VideoVault:WorkQueue"] = "bench-" + name,
            ["VideoVault:VideoContainer"] = "bench-" + name,
            ["VideoVault:ReconcileDelay"] = "01:00:00",
            ["VideoVault:ReconcileInterval"] = "01:00:00",
            ["PiApi:BaseUrl"] = SimulatorUri.AbsoluteUri,
            ["PiApi:ApiKey"] = SimulatorApiKey,
            ["WebhookSigning:Keys:b1"] = Convert.ToBase64String(new byte[32]),
            ["WebhookSigning:CurrentKeyId"] = "b1",
            ["Archive:AllowedHosts:0"] = "127.0.0.1",
            ["Events:SigningSecrets:0"] = EventSecret,
            ["Events:AllowedHosts:0"] = "127.0.0.1",
            ["DevHost:LocalSettings"] = string.Empty,
            ["DevHost:HostJson"] = Path.Combine(RepositoryRoot.Find(), "host.json"),
        };
        foreach (var (key, value) in DevHostSettings.Concat(overrides ?? new Dictionary<string, string?>()))
        {
            settings[key] = value;
        }

        var host = DevHostApp.Build([], builder =>
        {
            builder.Configuration.AddInMemoryCollection(settings);
            builder.Logging.ClearProviders();
            services?.Invoke(builder.Services);
        });
        await host.StartAsync();
        return new DevHostHandle(host, baseUri);
    }

    public async ValueTask DisposeAsync()
    {
        await _simulator.StopAsync();
        await _simulator.DisposeAsync();
        await Azurite.DisposeAsync();
    }
}
