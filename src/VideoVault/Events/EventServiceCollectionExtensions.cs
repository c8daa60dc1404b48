using System.Net.Http.Headers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using VideoVault.Events.Delivery;
using VideoVault.Events.Receivers;
using VideoVault.Outbound;
using VideoVault.Telemetry;

namespace VideoVault.Events;

internal static class EventServiceCollectionExtensions
{
    /// <summary>
    /// Events for callers: their options (section <c>Events</c>, validated at start-up), the guarded
    /// <c>event-delivery</c> HttpClient, the journal the task updater writes through, delivery (in process at
    /// once, and through the work queue), the receivers' health and recovery, and the sweep. The stores they
    /// use are registered apart (<c>AddAzureStores</c>).
    /// </summary>
    public static IServiceCollection AddTaskEvents(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<EventOptions>()
            .Bind(configuration.GetSection(EventOptions.SectionName))
            .PostConfigure(o => o.ApplyDefaults())
            .ValidateOnStart(new EventOptionsValidator());
        services.TryAddSingleton(TimeProvider.System);
        services.AddVideoVaultMetrics();
        services.AddGuardedHttpClient(EventWebhookClient.HttpClientName, new ProductInfoHeaderValue("VideoVault-Webhooks", "1.0"), provider =>
        {
            var options = provider.GetRequiredService<IOptions<EventOptions>>().Value;
            return (options.AllowedHosts, options.ConnectTimeout);
        });

        services.AddSingleton<TaskEventJournal>();
        services.AddSingleton<StandardWebhookSigner>();
        services.AddSingleton<EventWebhookClient>();
        services.AddSingleton<EventPayloads>();
        services.AddSingleton<WebhookRetrySchedule>();
        services.AddSingleton<ReceiverHealth>();
        services.AddSingleton<EventDeliverer>();
        services.AddSingleton<EventDispatcher>();
        services.AddHostedService<EventDispatchService>();
        services.AddSingleton<ReceiverRecovery>();
        services.AddSingleton<EventRedelivery>();
        services.AddSingleton<EventSweep>();
        return services;
    }
}
