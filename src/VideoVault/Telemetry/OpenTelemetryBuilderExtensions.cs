using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace VideoVault.Telemetry;

/// <summary>What the Functions app and the dev host both collect; each adds its own exporter.</summary>
public static class OpenTelemetryBuilderExtensions
{
    /// <summary>The Azure SDK's ActivitySources are named after the client ("Azure.Storage.Blobs.BlobClient" and so on).</summary>
    private const string AzureSdkSources = "Azure.*";

    public static IOpenTelemetryBuilder AddVideoVaultInstrumentation(this IOpenTelemetryBuilder builder)
    {
        // The Azure SDK only creates its spans through ActivitySource when this switch is on.
        AppContext.SetSwitch("Azure.Experimental.EnableActivitySource", true);
        return builder
            .WithTracing(tracing => tracing
                .AddSource(VideoVaultTelemetry.Name, AzureSdkSources)
                .AddProcessor(new TaskIdFromParentProcessor())
                .AddHttpClientInstrumentation(options => options.RecordException = false))
            .WithMetrics(metrics => metrics
                .AddMeter(VideoVaultTelemetry.Name)
                .AddHttpClientInstrumentation());
    }
}
