using System.Net.Http.Headers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using VideoVault.Telemetry;

namespace VideoVault.PiApi;

internal static class PiApiServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IPiApiClient"/> and <see cref="PiApiChatClient"/> with <see cref="PiApiOptions"/> bound from the <c>PiApi</c>
    /// section and validated at start-up.
    /// </summary>
    public static IServiceCollection AddPiApiClient(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddVideoVaultMetrics();
        services.AddOptions<PiApiOptions>()
            .Bind(configuration.GetSection(PiApiOptions.SectionName))
            .ValidateOnStart(new PiApiOptionsValidator());

        services.TryAddSingleton(TimeProvider.System);

        services.AddHttpClient<IPiApiClient, PiApiClient>((serviceProvider, client) =>
            {
                var options = serviceProvider.GetRequiredService<IOptions<PiApiOptions>>().Value;
                client.BaseAddress = WithTrailingSlash(options.BaseUrl);
                client.Timeout = options.Timeout;
                client.DefaultRequestHeaders.Add("X-API-Key", options.ApiKey);
            })
            // A followed redirect would carry X-API-Key (only Authorization is dropped) to another host.
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });

        services.AddHttpClient<PiApiChatClient>((serviceProvider, client) =>
            {
                var options = serviceProvider.GetRequiredService<IOptions<PiApiOptions>>().Value;
                client.BaseAddress = WithTrailingSlash(options.BaseUrl);

                // The stream lasts minutes; PiApiChatClient bounds the wait for headers and its caller the silences.
                client.Timeout = Timeout.InfiniteTimeSpan;

                // The vendor documents Bearer auth for this endpoint while its own curl sample sends X-API-Key: send both.
                client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", options.ApiKey);
                client.DefaultRequestHeaders.Add("X-API-Key", options.ApiKey);
            })
            .ConfigurePrimaryHttpMessageHandler(serviceProvider => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                ConnectTimeout = serviceProvider.GetRequiredService<IOptions<PiApiOptions>>().Value.Timeout,

                // The client lives as long as the singleton stream runner, so the factory never rotates this handler:
                // recycle idle connections here instead, to follow DNS changes (a running stream is never cut).
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            });

        return services;
    }

    // Without it, a base path ("http://host/piapi") would lose its last segment when resolving "api/v1/task".
    private static Uri WithTrailingSlash(Uri uri) =>
        uri.AbsolutePath.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
}
