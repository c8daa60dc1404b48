using Microsoft.Extensions.DependencyInjection;

namespace VideoVault.Http;

internal static class EndpointRegistration
{
    /// <summary>The handlers behind every route; both hosts resolve them, each route in one line.</summary>
    public static IServiceCollection AddVideoVaultEndpoints(this IServiceCollection services)
    {
        services.AddSingleton<ContinuationTokens>();
        services.AddSingleton<TaskEndpoints>();
        services.AddSingleton<TaskEventEndpoints>();
        services.AddSingleton<ReceiverEndpoints>();
        services.AddSingleton<SpendEndpoint>();
        services.AddSingleton<PiApiWebhookEndpoint>();
        services.AddSingleton<OpenApiEndpoint>();
        services.AddSingleton<ModelsEndpoint>();
        services.AddSingleton<ConsoleEndpoint>();
        return services;
    }
}
