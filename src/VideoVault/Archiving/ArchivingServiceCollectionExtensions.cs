using System.Net.Http.Headers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using VideoVault.Outbound;

namespace VideoVault.Archiving;

internal static class ArchivingServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IVideoArchiver"/>, its options (section <c>Archive</c>, validated at start-up)
    /// and the guarded <c>video-download</c> HttpClient. An <see cref="IVideoBlobStore"/> must be registered too.
    /// </summary>
    public static IServiceCollection AddVideoArchiver(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<ArchiveOptions>()
            .Bind(configuration.GetSection(ArchiveOptions.SectionName))
            .ValidateOnStart(new ArchiveOptionsValidator());
        services.TryAddSingleton(TimeProvider.System);
        services.AddGuardedHttpClient(VideoArchiver.HttpClientName, new ProductInfoHeaderValue("VideoVault", null), provider =>
        {
            var options = provider.GetRequiredService<IOptions<ArchiveOptions>>().Value;
            return (options.AllowedHosts, options.ConnectTimeout);
        });

        services.AddSingleton<IVideoArchiver, VideoArchiver>();
        return services;
    }
}
