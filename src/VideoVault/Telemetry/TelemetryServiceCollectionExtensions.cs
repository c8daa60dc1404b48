using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace VideoVault.Telemetry;

internal static class TelemetryServiceCollectionExtensions
{
    /// <summary>The app's instruments; called by every registration whose classes record them, so each stands alone.</summary>
    public static IServiceCollection AddVideoVaultMetrics(this IServiceCollection services)
    {
        services.AddMetrics();
        services.TryAddSingleton<VideoVaultMetrics>();
        return services;
    }
}
