using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace VideoVault.Events.Receivers;

/// <summary>
/// One receiver per URL, normalised to scheme, host, port and path: the query string is left out, since
/// it may hold the receiver's token, so it never reaches a record, the console or a log.
/// </summary>
internal static class ReceiverUrl
{
    /// <summary><c>https://host:443/path</c>, lower-case scheme and host, the port always written.</summary>
    public static string Normalise(Uri url) =>
        string.Create(CultureInfo.InvariantCulture, $"{url.Scheme.ToLowerInvariant()}://{url.IdnHost.ToLowerInvariant()}:{url.Port}{url.AbsolutePath}");

    /// <summary>32 lower-case hex digits naming the receiver, safe in a Table key and a route.</summary>
    public static string Key(Uri url) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Normalise(url))).AsSpan(0, 16));

    /// <summary>The URL as shown to operators: normalised, with <c>?…</c> where a query was.</summary>
    public static string Masked(Uri url) => Normalise(url) + (url.Query.Length > 1 ? "?…" : string.Empty);

    public static bool IsKey(string? key) => key is { Length: 32 } && key.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');
}
