using Azure.Core;

namespace VideoVault.Storage;

/// <summary>Where the three storage services are and how to authenticate against them.</summary>
/// <remarks>Exactly one of <see cref="SharedKey"/> and <see cref="TokenCredential"/> is set.</remarks>
public sealed class StorageConnection
{
    private StorageConnection(Uri blob, Uri queue, Uri table, string accountName, StorageSharedKeyCredential? sharedKey, TokenCredential? tokenCredential)
    {
        BlobEndpoint = WithoutTrailingSlash(blob);
        QueueEndpoint = WithoutTrailingSlash(queue);
        TableEndpoint = WithoutTrailingSlash(table);
        AccountName = accountName;
        SharedKey = sharedKey;
        TokenCredential = tokenCredential;
    }

    public Uri BlobEndpoint { get; }

    public Uri QueueEndpoint { get; }

    public Uri TableEndpoint { get; }

    public string AccountName { get; }

    public StorageSharedKeyCredential? SharedKey { get; }

    public TokenCredential? TokenCredential { get; }

    public static StorageConnection WithSharedKey(Uri blob, Uri queue, Uri table, StorageSharedKeyCredential sharedKey) =>
        new(blob, queue, table, sharedKey.AccountName, sharedKey, null);

    public static StorageConnection WithTokenCredential(Uri blob, Uri queue, Uri table, TokenCredential credential) =>
        new(blob, queue, table, AccountNameFromHost(blob), null, credential);

    public static StorageConnection Parse(string connectionString) => StorageConnectionStringParser.Parse(connectionString);

    /// <summary>
    /// Production accounts are named by the first label of their host (myaccount.blob.core.windows.net);
    /// path-style endpoints (an IP address or localhost, as Azurite serves them) by the first path segment
    /// (http://127.0.0.1:10000/devstoreaccount1).
    /// </summary>
    private static string AccountNameFromHost(Uri endpoint)
    {
        var host = endpoint.Host;
        var pathStyle = endpoint.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6
            || string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase);
        var firstSegment = endpoint.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        if (pathStyle && firstSegment is not null)
        {
            return Uri.UnescapeDataString(firstSegment);
        }

        var dot = host.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 ? host[..dot] : host;
    }

    private static Uri WithoutTrailingSlash(Uri uri) =>
        new(uri.AbsoluteUri.TrimEnd('/'), UriKind.Absolute);
}
