using OpenTelemetry;
using OpenTelemetry.Resources;
using VideoVault.DevHost.Queues;
using VideoVault.DevHost.Timers;
using VideoVault.Hosting;
using VideoVault.Http;
using VideoVault.Telemetry;

namespace VideoVault.DevHost;

/// <summary>The local stand-in for the Functions host: the same routes and the queue triggers, on Kestrel.</summary>
public static class DevHostApp
{
    public const string DefaultUrl = "http://127.0.0.1:7071";

    /// <summary>The OpenTelemetry SDK's standard setting; the exporter reads it (and the other OTEL_ ones) itself.</summary>
    public const string OtlpEndpointSetting = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        configure?.Invoke(builder);
        LocalSettingsSource.AddTo(builder.Configuration);
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        builder.Services.AddVideoVault(builder.Configuration);
        AddTelemetry(builder);
        builder.Services.AddSingleton(QueueTriggerSettings.Load(builder.Configuration["DevHost:HostJson"] ?? QueueTriggerSettings.FindHostJson(AppContext.BaseDirectory)));
        builder.Services.AddHostedService<QueueTriggerService>();
        PeriodicSweepService.Add<BackgroundWork>(builder.Services, "Reconcile", BackgroundWork.ReconcileInterval, (work, ct) => work.SweepReconcileAsync(ct));
        PeriodicSweepService.Add<BackgroundWork>(builder.Services, "Event", BackgroundWork.EventSweepInterval, (work, ct) => work.SweepEventsAsync(ct));

        var app = builder.Build();
        app.MapVideoVaultApi();
        return app;
    }

    /// <summary>
    /// The same spans and metrics as the Functions worker, exported over OTLP (to any collector or dashboard)
    /// when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set. Otherwise nothing listens, so no span is even created.
    /// </summary>
    private static void AddTelemetry(WebApplicationBuilder builder)
    {
        if (!string.IsNullOrWhiteSpace(builder.Configuration[OtlpEndpointSetting]))
        {
            builder.Services.AddOpenTelemetry()
                .ConfigureResource(resource => resource.AddService("VideoVault.DevHost"))
                .AddVideoVaultInstrumentation()
                .UseOtlpExporter();
        }
    }
}
