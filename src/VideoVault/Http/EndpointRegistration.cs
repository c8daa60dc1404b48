using Microsoft.Extensions.DependencyInjection;

namespace VideoVault.Http;

internal static class EndpointRegistration
{
    /// <summary>The endpoint classes behind every route, which <see cref="VideoVaultApi"/> maps, and <see cref="ApiHandlers"/> over them for the Functions app.</summary>
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

        // The container calls public constructors only, and this one is internal because it names the endpoints.
        services.AddSingleton(sp => new ApiHandlers(
            sp.GetRequiredService<TaskEndpoints>(),
            sp.GetRequiredService<TaskEventEndpoints>(),
            sp.GetRequiredService<ReceiverEndpoints>(),
            sp.GetRequiredService<PiApiWebhookEndpoint>(),
            sp.GetRequiredService<SpendEndpoint>(),
            sp.GetRequiredService<ModelsEndpoint>(),
            sp.GetRequiredService<OpenApiEndpoint>(),
            sp.GetRequiredService<ConsoleEndpoint>()));
        return services;
    }
}
