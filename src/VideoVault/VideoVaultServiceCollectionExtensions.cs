using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using VideoVault.Archiving;
using VideoVault.Events;
using VideoVault.Http;
using VideoVault.PiApi;
using VideoVault.Storage;
using VideoVault.Tasks;
using VideoVault.Webhooks;
using VideoVault.Work;

namespace VideoVault;

public static class VideoVaultServiceCollectionExtensions
{
    /// <summary>The storage connection setting, shared with the Functions queue trigger's <c>Connection</c>.</summary>
    public const string StorageConnectionName = "VideoVaultStorage";

    /// <summary>Everything the Functions app and the dev host need; both call only this.</summary>
    public static IServiceCollection AddVideoVault(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<VideoVaultOptions>()
            .Bind(configuration.GetSection(VideoVaultOptions.SectionName))
            .PostConfigure(o => o.ApplyDefaults())
            .ValidateDataAnnotations()
            .Validate(o => o.PublicBaseUrl is { IsAbsoluteUri: true } url && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp), "VideoVault:PublicBaseUrl must be an absolute http(s) URL.")
            .Validate(o => o.InlineCopyBudget >= TimeSpan.Zero && o.InlineCopyBudget <= VideoVaultOptions.MaxInlineCopyBudget, $"VideoVault:InlineCopyBudget must be between 0 and {VideoVaultOptions.MaxInlineCopyBudget}: the webhook must answer before its sender gives up.")
            .Validate(o => o.ArchiveLease > o.InlineCopyBudget, "VideoVault:ArchiveLease must be longer than InlineCopyBudget.")
            .Validate(o => o.ReconcileDelay >= TimeSpan.Zero && o.ReconcileInterval > TimeSpan.Zero, "VideoVault:ReconcileDelay must not be negative and ReconcileInterval must be positive.")
            .Validate(o => o.RecoveryScanAfter >= TimeSpan.Zero, "VideoVault:RecoveryScanAfter must not be negative.")
            .Validate(o => o.RetryBaseDelay > TimeSpan.Zero && o.RetryMaxDelay >= o.RetryBaseDelay, "VideoVault:RetryMaxDelay must be at least RetryBaseDelay, which must be positive.")
            .Validate(o => o.SasLifetime > TimeSpan.Zero && o.SasLifetime <= TimeSpan.FromDays(7), "VideoVault:SasLifetime must be between 0 and 7 days.")
            .Validate(o => o.StreamProgressInterval >= TimeSpan.Zero, "VideoVault:StreamProgressInterval must not be negative.")
            // Every event may renew the lease once half of it is used, and a live stream sends one at least every
            // StreamIdleTimeout: so the lease of a healthy stream never runs out.
            .Validate(o => o.StreamIdleTimeout > TimeSpan.Zero && o.StreamLease >= 2 * o.StreamIdleTimeout, "VideoVault:StreamLease must be at least twice StreamIdleTimeout, which must be positive.")
            .ValidateOnStart();
        services.AddOptions<WebhookSigningOptions>().Bind(configuration.GetSection(WebhookSigningOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<WebhookSigningOptions>, WebhookSigningOptionsValidator>();

        services.AddStorageClients(configuration, StorageConnectionName);
        services.TryAddSingleton<ITaskStore, TableTaskStore>();
        services.TryAddSingleton<IWorkQueue, StorageWorkQueue>();
        services.TryAddSingleton<IVideoBlobStore, BlobVideoStore>();

        services.AddPiApiClient(configuration);
        services.AddVideoArchiver(configuration);
        services.AddTaskEvents(configuration);

        services.AddSingleton<TaskWebhookSecrets>();
        services.AddSingleton<TaskUpdater>();
        services.AddSingleton<TaskProgressRecorder>();
        services.AddSingleton<RetryBackoff>();
        services.AddSingleton<TaskSubmitter>();
        services.AddSingleton<TaskIntake>();
        services.AddSingleton<TaskRetry>();
        services.AddSingleton<ArchiveCoordinator>();
        services.AddSingleton<TaskReconciler>();
        services.AddSingleton<ChatStreamRunner>();
        services.AddSingleton<ReconcileSweep>();
        services.AddHostedService<StartupRecovery>();
        services.AddSingleton<WorkProcessor>();
        services.AddSingleton<PoisonProcessor>();
        services.AddSingleton<TaskViewFactory>();
        services.AddSingleton<ContinuationTokens>();
        services.AddSingleton<TaskEndpoints>();
        services.AddSingleton<PiApiWebhookEndpoint>();
        services.AddSingleton<OpenApiEndpoint>();
        services.AddSingleton<ConsoleEndpoint>();
        return services;
    }
}
