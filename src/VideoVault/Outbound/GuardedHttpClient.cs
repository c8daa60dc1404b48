using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace VideoVault.Outbound;

/// <summary>
/// The one way the app calls hosts it does not trust (video and poster downloads, event receivers): a named
/// HttpClient whose every connection passes the SSRF guard, which never follows redirects on its own, never
/// decompresses, never sends a credential, bounds what it reads of an answer's headers and leftovers, and logs
/// no URL (a receiver's query may hold its token; a video URL is the caller's to log as host and path).
/// </summary>
internal static class GuardedHttpClient
{
    /// <summary>Connections are recycled so a DNS change is seen, and so the guard judges the new addresses.</summary>
    private static readonly TimeSpan PooledConnectionLifetime = TimeSpan.FromMinutes(2);

    /// <summary>In KiB: an answer's status line and headers; bodies are bounded by each caller.</summary>
    private const int MaxResponseHeadersKiB = 16;

    /// <summary>What is read of an answer's unread rest to keep its connection (the default would read 1 MiB).</summary>
    private const int MaxResponseDrainBytes = 16 * 1024;

    /// <param name="settings">The allow-list (dev and tests only) and connect timeout, read from validated options when the client is first built.</param>
    public static IHttpClientBuilder AddGuardedHttpClient(
        this IServiceCollection services,
        string name,
        ProductInfoHeaderValue userAgent,
        Func<IServiceProvider, (IEnumerable<string> AllowedHosts, TimeSpan ConnectTimeout)> settings)
    {
        services.TryAddSingleton<HostAddressResolver>(Dns.GetHostAddressesAsync);
        return services.AddHttpClient(name)
            .ConfigureHttpClient(client =>
            {
                // Each caller bounds its own requests (an idle timeout for a video of any length, a response timeout for a receiver).
                client.Timeout = Timeout.InfiniteTimeSpan;
                client.DefaultRequestHeaders.UserAgent.Add(userAgent);
            })
            .ConfigurePrimaryHttpMessageHandler(provider =>
            {
                var (allowedHosts, connectTimeout) = settings(provider);
                return CreateHandler(new GuardedSocketConnector(new OutboundAddressPolicy(allowedHosts), provider.GetRequiredService<HostAddressResolver>()), connectTimeout);
            })

            // The handler recycles its own connections (PooledConnectionLifetime), so rotating handlers adds nothing.
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
            .RemoveAllLoggers();
    }

    private static CredentialHeaderStrippingHandler CreateHandler(GuardedSocketConnector connector, TimeSpan connectTimeout) => new(new SocketsHttpHandler
    {
        ConnectCallback = (context, cancellationToken) => connector.ConnectAsync(context.DnsEndPoint, cancellationToken),
        ConnectTimeout = connectTimeout,
        PooledConnectionLifetime = PooledConnectionLifetime,

        // A redirect is the caller's to judge: the archiver checks every hop before requesting it, a webhook treats one as a failure.
        AllowAutoRedirect = false,

        // Bodies are stored as served; a decompressed size would also defeat the Content-Length cap.
        AutomaticDecompression = DecompressionMethods.None,
        MaxResponseHeadersLength = MaxResponseHeadersKiB,
        MaxResponseDrainSize = MaxResponseDrainBytes,
        UseCookies = false,
        UseProxy = false,
    });
}
