using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using VideoVault.Archiving;
using VideoVault.Budgets;
using VideoVault.Catalog;
using VideoVault.Events;
using VideoVault.Http;
using VideoVault.Inbound;
using VideoVault.Intake;
using VideoVault.Operations;
using VideoVault.PiApi;
using VideoVault.Storage;
using VideoVault.Telemetry;
using VideoVault.Views;
using VideoVault.Work;
using VideoVault.Workers;

namespace VideoVault.Hosting;

public static class VideoVaultServiceCollectionExtensions
{
    /// <summary>The storage connection setting, shared with the Functions queue trigger's <c>Connection</c>.</summary>
    public const string StorageConnectionName = "VideoVaultStorage";

    /// <summary>Everything the Functions app and the dev host need; both call only this.</summary>
    public static IServiceCollection AddVideoVault(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddShippedLogLevels();
        services.AddOptions<VideoVaultOptions>()
            .Bind(configuration.GetSection(VideoVaultOptions.SectionName))
            .PostConfigure(o => o.ApplyDefaults())
            .ValidateOnStart(new VideoVaultOptionsValidator());
        services.AddModelCatalog(configuration);
        services.AddOptions<WebhookSigningOptions>().Bind(configuration.GetSection(WebhookSigningOptions.SectionName)).ValidateOnStart(new WebhookSigningOptionsValidator());

        services.AddStorageClients(configuration, StorageConnectionName);
        services.AddAzureStores();

        services.AddPiApiClient(configuration);
        services.AddVideoArchiver(configuration);
        services.AddTaskEvents(configuration);

        services.AddVideoVaultMetrics();
        services.AddOptions<BudgetOptions>().Bind(configuration.GetSection(BudgetOptions.SectionName)).ValidateOnStart(new BudgetOptionsValidator());
        services.AddSingleton<TaskBudget>();
        services.AddSingleton<BudgetSweep>();
        services.AddSingleton<TaskWebhookSecrets>();
        services.AddSingleton<TaskUpdater>();
        services.AddSingleton<SubmitUncertainty>();
        services.AddSingleton<TaskProgressRecorder>();
        services.AddSingleton<RetryBackoff>();
        services.AddSingleton<TaskSubmitter>();
        services.AddSingleton<TaskIntake>();
        services.AddSingleton<TaskRetry>();
        services.AddSingleton<VideoDeletion>();
        services.AddSingleton<TaskCancellation>();
        services.AddSingleton<TaskDeadline>();
        services.AddSingleton<ArchiveCoordinator>();
        services.AddSingleton<TaskReconciler>();
        services.AddSingleton<ChatStreamRunner>();
        services.AddSingleton<ReconcileSweep>();
        services.AddHostedService<StorageResourceCreation>();
        services.AddHostedService<StartupRecovery>();
        services.AddSingleton<WorkProcessor>();
        services.AddSingleton<PoisonProcessor>();

        // The container calls public constructors only, and this one is internal because it names the workers.
        services.AddSingleton(sp => new BackgroundWork(
            sp.GetRequiredService<WorkProcessor>(),
            sp.GetRequiredService<PoisonProcessor>(),
            sp.GetRequiredService<ReconcileSweep>(),
            sp.GetRequiredService<EventSweep>(),
            sp.GetRequiredService<StorageClientFactory>(),
            sp.GetRequiredService<IOptions<VideoVaultOptions>>()));
        services.AddSingleton<TaskViewFactory>();
        services.AddVideoVaultEndpoints();
        return services;
    }
}
