using System.Net;
using VideoVault.Archiving;

namespace VideoVault.Events.Delivery;

/// <summary>
/// The primary handler of the webhook client: connections go through the archive download's SSRF
/// guard (loopback, private and link-local addresses refused on the resolved and the connected
/// address unless allow-listed), with its own allow-list and connect timeout.
/// </summary>
internal static class EventDeliveryHandler
{
    /// <summary>Connections are recycled so a DNS change is seen, and so the guard judges the new addresses.</summary>
    private static readonly TimeSpan PooledConnectionLifetime = TimeSpan.FromMinutes(2);

    /// <summary>In KiB: a receiver's answer is a status line and a few headers.</summary>
    private const int MaxResponseHeadersKiB = 16;

    /// <summary>
    /// What is read of an answer's unread rest to keep its connection for the next delivery; a longer one
    /// closes the connection instead (the default would read 1 MiB of whatever a receiver sends).
    /// </summary>
    private const int MaxResponseDrainBytes = 16 * 1024;

    public static HttpMessageHandler Create(EventOptions options, HostAddressResolver resolve)
    {
        var connector = new DownloadSocketConnector(new DownloadAddressPolicy(options.AllowedHosts), resolve);
        return new SocketsHttpHandler
        {
            ConnectCallback = (context, cancellationToken) => connector.ConnectAsync(context.DnsEndPoint, cancellationToken),
            ConnectTimeout = options.ConnectTimeout,
            PooledConnectionLifetime = PooledConnectionLifetime,

            // Standard Webhooks: a redirect is a failure, and following one would let a receiver point the request anywhere.
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            MaxResponseHeadersLength = MaxResponseHeadersKiB,
            MaxResponseDrainSize = MaxResponseDrainBytes,
            UseCookies = false,
            UseProxy = false,
        };
    }
}
