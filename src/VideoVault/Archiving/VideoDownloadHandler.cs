using System.Net;

namespace VideoVault.Archiving;

/// <summary>
/// The primary handler of the download client: every connection goes through the SSRF guard, and
/// credential headers are stripped right before the wire.
/// </summary>
internal static class VideoDownloadHandler
{
    /// <summary>Connections are recycled so a DNS change is seen, and so the guard judges the new addresses.</summary>
    private static readonly TimeSpan PooledConnectionLifetime = TimeSpan.FromMinutes(2);

    public static HttpMessageHandler Create(ArchiveOptions options, HostAddressResolver resolve)
    {
        var connector = new DownloadSocketConnector(new DownloadAddressPolicy(options.AllowedHosts), resolve);
        return new CredentialHeaderStrippingHandler(new SocketsHttpHandler
        {
            ConnectCallback = (context, cancellationToken) => connector.ConnectAsync(context.DnsEndPoint, cancellationToken),
            ConnectTimeout = options.ConnectTimeout,
            PooledConnectionLifetime = PooledConnectionLifetime,

            // Redirects are followed by the archiver, which checks every hop's URL before requesting it.
            AllowAutoRedirect = false,

            // The body is stored as served; a decompressed size would also defeat the Content-Length cap.
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            UseProxy = false,
        });
    }
}
