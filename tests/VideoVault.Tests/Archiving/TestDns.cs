using System.Net;
using VideoVault.Outbound;

namespace VideoVault.Tests.Archiving;

/// <summary>
/// DNS for the archiver under test: names under <c>private.test</c> resolve to a private address, as an
/// attacker's public-looking name pointing into the network would; every other name goes to real DNS.
/// </summary>
internal static class TestDns
{
    public const string PrivateZone = "private.test";

    public static readonly IPAddress PrivateAddress = IPAddress.Parse("10.20.30.40");

    public static Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) =>
        host.EndsWith("." + PrivateZone, StringComparison.OrdinalIgnoreCase)
            ? Task.FromResult(new[] { PrivateAddress })
            : Dns.GetHostAddressesAsync(host, cancellationToken);

    public static HostAddressResolver Resolver { get; } = ResolveAsync;
}
