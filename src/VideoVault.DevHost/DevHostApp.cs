using OpenTelemetry;
using OpenTelemetry.Resources;
using VideoVault.DevHost.Queues;
using VideoVault.DevHost.Timers;
using VideoVault.Events;
using VideoVault.Hosting;
using VideoVault.Http;
using VideoVault.Telemetry;
using VideoVault.Workers;

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
        PeriodicSweepService.Add<ReconcileSweep>(builder.Services, "Reconcile", ReconcileSweep.Interval, (sweep, ct) => sweep.SweepAsync(ct));
        PeriodicSweepService.Add<EventSweep>(builder.Services, "Event", EventSweep.Interval, (sweep, ct) => sweep.SweepAsync(ct));

        var app = builder.Build();
        var api = app.MapGroup("/" + Routes.Prefix);
        api.MapPost(Routes.Tasks, (HttpRequest request, TaskEndpoints endpoints, CancellationToken ct) => endpoints.SubmitAsync(request, ct));
        api.MapGet(Routes.Tasks, (HttpRequest request, TaskEndpoints endpoints, CancellationToken ct) => endpoints.ListAsync(request, ct));
        api.MapGet(Routes.Task, (string id, TaskEndpoints endpoints, CancellationToken ct) => endpoints.GetAsync(id, ct));
        api.MapGet(Routes.TaskEvents, (string id, TaskEventEndpoints endpoints, CancellationToken ct) => endpoints.ListAsync(id, ct));
        api.MapPost(Routes.TaskEventRedeliver, (string id, string eventId, TaskEventEndpoints endpoints, CancellationToken ct) => endpoints.RedeliverAsync(id, eventId, ct));
        api.MapPost(Routes.PiApiWebhook, (HttpRequest request, PiApiWebhookEndpoint endpoint, CancellationToken ct) => endpoint.ReceiveAsync(request, ct));
        api.MapPost(Routes.TaskRetry, (string id, TaskEndpoints endpoints, CancellationToken ct) => endpoints.RetryAsync(id, ct));
        api.MapDelete(Routes.TaskVideo, (string id, HttpRequest request, TaskEndpoints endpoints, CancellationToken ct) => endpoints.DeleteVideoAsync(id, request, ct));
        api.MapPost(Routes.TaskCancel, (string id, TaskEndpoints endpoints, CancellationToken ct) => endpoints.CancelAsync(id, ct));
        api.MapGet(Routes.Spend, (SpendEndpoint endpoint, CancellationToken ct) => endpoint.GetAsync(ct));
        api.MapGet(Routes.Models, (ModelsEndpoint endpoint) => endpoint.List());
        api.MapGet(Routes.Receivers, (HttpRequest request, ReceiverEndpoints endpoints, CancellationToken ct) => endpoints.ListAsync(request, ct));
        api.MapPost(Routes.ReceiverRecover, (string key, HttpRequest request, ReceiverEndpoints endpoints, CancellationToken ct) => endpoints.RecoverAsync(key, request, ct));
        api.MapPost(Routes.ReceiverResume, (string key, ReceiverEndpoints endpoints, CancellationToken ct) => endpoints.ResumeAsync(key, ct));
        api.MapGet(Routes.OpenApiDocument, (OpenApiEndpoint endpoint) => endpoint.Get());
        api.MapGet(Routes.Console, (ConsoleEndpoint endpoint) => endpoint.GetPage());
        api.MapGet(Routes.ConsoleAsset, (string asset, ConsoleEndpoint endpoint) => endpoint.GetAsset(asset));
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
