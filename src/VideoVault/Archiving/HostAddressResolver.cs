using System.Net;

namespace VideoVault.Archiving;

/// <summary>
/// How the download client resolves a video host's name: DNS (<see cref="Dns.GetHostAddressesAsync(string, CancellationToken)"/>)
/// unless a test registers its own, to play a name that resolves to a private address.
/// </summary>
internal delegate Task<IPAddress[]> HostAddressResolver(string host, CancellationToken cancellationToken);
