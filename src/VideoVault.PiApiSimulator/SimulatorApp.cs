using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using VideoVault.PiApiSimulator.Chat;
using VideoVault.PiApiSimulator.Consumer;
using VideoVault.PiApiSimulator.Faults;
using VideoVault.PiApiSimulator.Families;
using VideoVault.PiApiSimulator.Hosting;
using VideoVault.PiApiSimulator.Ledger;
using VideoVault.PiApiSimulator.Tasks;
using VideoVault.PiApiSimulator.Video;
using VideoVault.PiApiSimulator.Webhooks;

namespace VideoVault.PiApiSimulator;

/// <summary>
/// Builds the offline PiAPI simulator. Standalone: <c>dotnet run --project src/VideoVault.PiApiSimulator -- --urls http://127.0.0.1:5080</c>.
/// In-process: <c>var app = SimulatorApp.Build(["--urls", "http://127.0.0.1:0"]); await app.StartAsync();</c>, then read
/// <see cref="SimulatorAddress"/> and <see cref="SimulatorLedger"/> from <c>app.Services</c>.
/// </summary>
public static class SimulatorApp
{
    /// <param name="args">Command-line arguments, bound like any ASP.NET Core app (<c>--urls</c>, <c>--Simulator:StepDelay=00:00:01</c>).</param>
    /// <param name="configure">Applied after configuration binding, so it wins over files and arguments.</param>
    public static WebApplication Build(string[] args, Action<SimulatorOptions>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        AddServices(builder.Services, configure);

        var app = builder.Build();
        TaskEndpoints.Map(app);
        ChatCompletionsEndpoint.Map(app);
        VideoServer.Map(app);
        CoverServer.Map(app);
        AdminEndpoints.Map(app);
        ConsumerEndpoint.Map(app);
        return app;
    }

    private static void AddServices(IServiceCollection services, Action<SimulatorOptions>? configure)
    {
        var options = services.AddOptions<SimulatorOptions>().BindConfiguration(SimulatorOptions.SectionName);
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.PostConfigure(o =>
        {
            if (o.ConsumerSecrets.Count == 0)
            {
                o.ConsumerSecrets.Add(SimulatorOptions.DevelopmentConsumerSecret);
            }
        });
        options.ValidateDataAnnotations()
            .Validate(o => o.ConsumerSecrets.TrueForAll(secret => secret.StartsWith("whsec_", StringComparison.Ordinal)), "Simulator:ConsumerSecrets must be whsec_ + base64.")
            .Validate(
                o => o.RemovedModels.TrueForAll(ModelRemovals.KnownNames.Contains),
                $"Simulator:RemovedModels entries must be a model or model/task_type the simulator serves: {string.Join(", ", ModelRemovals.KnownNames)}.")
            .ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient(WebhookSender.HttpClientName)
            .ConfigureHttpClient((provider, client) => client.Timeout = provider.GetRequiredService<IOptions<SimulatorOptions>>().Value.WebhookTimeout);

        services.AddSingleton<SimulatorLedger>();
        services.AddSingleton<SimulatorAddress>();
        services.AddSingleton<ApiKeyVerifier>();
        services.AddSingleton<SubmitGate>();
        services.AddSingleton<StalledConnection>();
        services.AddSingleton<TaskStore>();
        services.AddSingleton<WebhookSender>();
        services.AddSingleton<TaskLifecycle>();
        services.AddHostedService(provider => provider.GetRequiredService<TaskLifecycle>());
        services.AddSingleton<ModelRemovals>();
        services.AddSingleton<TaskEndpoints>();
        services.AddSingleton<CoverServer>();
        services.AddSingleton<AdminEndpoints>();
        services.AddSingleton<ChatCompletionsEndpoint>();
        services.AddSingleton<VideoServer>();
        services.AddSingleton<ConsumerLedger>();
        services.AddSingleton<ConsumerEndpoint>();
    }
}
