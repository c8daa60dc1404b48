using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace VideoVault.Archiving;

public static class ArchivingServiceCollectionExtensions
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
        services.TryAddSingleton<HostAddressResolver>(Dns.GetHostAddressesAsync);

        services.AddHttpClient(VideoArchiver.HttpClientName)
            .ConfigureHttpClient(client =>
            {
                // The archiver's idle timeout governs instead: a large video may take longer than any fixed limit.
                client.Timeout = Timeout.InfiniteTimeSpan;
                client.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("VideoVault", null));
            })
            .ConfigurePrimaryHttpMessageHandler(provider => VideoDownloadHandler.Create(
                provider.GetRequiredService<IOptions<ArchiveOptions>>().Value,
                provider.GetRequiredService<HostAddressResolver>()))

            // The handler recycles its own connections (PooledConnectionLifetime), so rotating handlers adds nothing.
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)

            // The default loggers would log full request URLs; the archiver logs host and path only.
            .RemoveAllLoggers();

        services.AddSingleton<IVideoArchiver, VideoArchiver>();
        return services;
    }
}
