using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Net.Sockets;

namespace VideoVault.Outbound;

/// <summary>
/// The SSRF guard's rules: which URLs may be fetched and which addresses may be connected to.
/// Only globally routable addresses are allowed, except for allow-listed hosts (dev and tests).
/// </summary>
internal sealed class OutboundAddressPolicy
{
    private static readonly IPNetwork[] NonPublicV4 =
    [
        IPNetwork.Parse("0.0.0.0/8"),        // "this network", unspecified
        IPNetwork.Parse("10.0.0.0/8"),       // private
        IPNetwork.Parse("100.64.0.0/10"),    // carrier-grade NAT
        IPNetwork.Parse("127.0.0.0/8"),      // loopback
        IPNetwork.Parse("169.254.0.0/16"),   // link-local, cloud metadata endpoints
        IPNetwork.Parse("172.16.0.0/12"),    // private
        IPNetwork.Parse("192.0.0.0/24"),     // IETF protocol assignments
        IPNetwork.Parse("192.0.2.0/24"),     // documentation
        IPNetwork.Parse("192.168.0.0/16"),   // private
        IPNetwork.Parse("198.18.0.0/15"),    // benchmarking
        IPNetwork.Parse("198.51.100.0/24"),  // documentation
        IPNetwork.Parse("203.0.113.0/24"),   // documentation
        IPNetwork.Parse("224.0.0.0/4"),      // multicast
        IPNetwork.Parse("240.0.0.0/4"),      // reserved, includes broadcast 255.255.255.255
    ];

    private static readonly IPNetwork[] NonPublicV6 =
    [
        IPNetwork.Parse("::/96"),            // unspecified, loopback and the deprecated IPv4-compatible form
        IPNetwork.Parse("64:ff9b:1::/48"),   // local-use NAT64
        IPNetwork.Parse("100::/64"),         // discard
        IPNetwork.Parse("2001:db8::/32"),    // documentation
        IPNetwork.Parse("fc00::/7"),         // unique local (private)
        IPNetwork.Parse("fe80::/10"),        // link-local
        IPNetwork.Parse("fec0::/10"),        // deprecated site-local
        IPNetwork.Parse("ff00::/8"),         // multicast
    ];

    // These IPv6 forms carry an IPv4 address that the traffic ends up at; judge that address instead.
    private static readonly IPNetwork Nat64 = IPNetwork.Parse("64:ff9b::/96");
    private static readonly IPNetwork SixToFour = IPNetwork.Parse("2002::/16");

    private readonly HashSet<string> _allowedHosts;

    public OutboundAddressPolicy(IEnumerable<string> allowedHosts)
    {
        _allowedHosts = allowedHosts.Select(Normalize).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Whether <paramref name="host"/> is a bare host name or IP literal, as the allow-list needs.</summary>
    public static bool IsValidHost(string? host) =>
        !string.IsNullOrWhiteSpace(host) && Uri.CheckHostName(StripBrackets(host.Trim())) is UriHostNameType.Dns or UriHostNameType.IPv4 or UriHostNameType.IPv6;

    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            return IsPublic(address.MapToIPv4());
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            return !Array.Exists(NonPublicV4, network => network.Contains(address));
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return false;
        }

        var bytes = address.GetAddressBytes();
        if (Nat64.Contains(address))
        {
            return IsPublic(new IPAddress(bytes.AsSpan(12, 4)));
        }

        if (SixToFour.Contains(address))
        {
            return IsPublic(new IPAddress(bytes.AsSpan(2, 4)));
        }

        return !Array.Exists(NonPublicV6, network => network.Contains(address));
    }

    public bool IsAllowListed(string host) => _allowedHosts.Contains(Normalize(host));

    /// <summary>Whether a connection to <paramref name="address"/>, reached through <paramref name="host"/>, is allowed.</summary>
    public bool IsPermitted(string host, IPAddress address) => IsPublic(address) || IsAllowListed(host);

    /// <summary>The checks that need no DNS: scheme, credentials, IP literals. Names are checked again on connect.</summary>
    public bool IsRefused(Uri url, [NotNullWhen(true)] out string? reason)
    {
        reason = Refusal(url);
        return reason is not null;
    }

    private string? Refusal(Uri url)
    {
        if (!url.IsAbsoluteUri)
        {
            return "The video URL is not absolute.";
        }

        var isHttps = url.Scheme == Uri.UriSchemeHttps;
        if (!isHttps && url.Scheme != Uri.UriSchemeHttp)
        {
            return $"The video URL's scheme '{url.Scheme}' is refused; only https is accepted.";
        }

        if (!string.IsNullOrEmpty(url.UserInfo))
        {
            return "The video URL carries user credentials.";
        }

        var host = url.IdnHost;
        if (!isHttps && !IsAllowListed(host))
        {
            return $"Plain http is refused for host {host}; only https is accepted.";
        }

        if (url.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6
            && IPAddress.TryParse(StripBrackets(host), out var address)
            && !IsPermitted(host, address))
        {
            return "The video URL points at a loopback, private, link-local or otherwise non-public address.";
        }

        return null;
    }

    private static string Normalize(string host)
    {
        var bare = StripBrackets(host.Trim());
        return IPAddress.TryParse(bare, out var address)
            ? address.ToString()
            : bare.TrimEnd('.').ToLowerInvariant();
    }

    private static string StripBrackets(string host) =>
        host.Length > 2 && host[0] == '[' && host[^1] == ']' ? host[1..^1] : host;
}
