using System.Diagnostics;
using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using VideoVault.Telemetry;

namespace VideoVault.Functions.Tests;

/// <summary>
/// The worker's OpenTelemetry wiring on the host FunctionsAppBuilder builds: the app's spans and metrics
/// are collected, and Azure Monitor is the exporter, signing in with the identity, when the connection
/// string is set. Azure Monitor cannot be reached here, so what is checked is the wiring, not the export.
/// </summary>
public sealed class FunctionsTelemetryTests
{
    /// <summary>A syntactically valid connection string whose endpoint refuses connections.</summary>
    private const string ConnectionString = "InstrumentationKey=00000000-0000-0000-0000-000000000001;IngestionEndpoint=http://127.0.0.1:9/";

    [Fact]
    public void TheAppsSpansAndMetricsAreCollected()
    {
        var spans = new List<Activity>();
        var metrics = new List<Metric>();
        using var host = Build([], services => services
            .ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(spans))
            .ConfigureOpenTelemetryMeterProvider(meters => meters.AddInMemoryExporter(metrics)));
        var tracerProvider = host.Services.GetRequiredService<TracerProvider>();
        var meterProvider = host.Services.GetRequiredService<MeterProvider>();
        var taskId = Guid.NewGuid().ToString("N");

        using (VideoVaultTelemetry.StartTaskActivity("host-test", taskId))
        {
            host.Services.GetRequiredService<VideoVaultMetrics>().TaskSubmitted("host-test-model", "accepted");
        }

        tracerProvider.ForceFlush();
        meterProvider.ForceFlush();
        var span = Assert.Single(spans, span => span.OperationName == "host-test" && Equals(span.GetTagItem(VideoVaultTelemetry.TaskIdTag), taskId));
        Assert.Equal(VideoVaultTelemetry.Name, span.Source.Name);
        Assert.Contains(metrics, metric => metric.MeterName == VideoVaultTelemetry.Name && metric.Name == "videovault.tasks.submitted");
    }

    [Fact]
    public void AzureMonitorIsTheExporterWithTheIdentityWhenTheConnectionStringIsSet()
    {
        using var host = Build(
            [
                new(FunctionsAppBuilder.ApplicationInsightsConnectionString, ConnectionString),
                new(AzureMonitorCredential.SettingName, "ClientId=11111111-2222-3333-4444-555555555555;Authorization=AAD"),
            ]);

        var options = host.Services.GetRequiredService<IOptionsMonitor<AzureMonitorExporterOptions>>().Get(Options.DefaultName);
        Assert.Equal(ConnectionString, options.ConnectionString);
        Assert.IsType<ManagedIdentityCredential>(options.Credential);
        Assert.NotNull(host.Services.GetRequiredService<TracerProvider>());
    }

    private static IHost Build(IEnumerable<KeyValuePair<string, string?>> settings, Action<IServiceCollection>? configureServices = null) =>
        FunctionsAppBuilder.Build(
            [],
            configuration => configuration.AddInMemoryCollection([.. FunctionsApp.SampleSettings(), .. settings]),
            configureServices);
}
