using System.Net;
using System.Net.Sockets;

namespace VideoVault.Outbound;

/// <summary>
/// The guarded clients' connect step: the SSRF guard applied to the addresses actually dialled, so a
/// public-looking name that resolves to a private address is refused, on the first hop and on redirects.
/// </summary>
internal sealed class GuardedSocketConnector(OutboundAddressPolicy policy, HostAddressResolver resolve)
{
    public async ValueTask<Stream> ConnectAsync(DnsEndPoint endPoint, CancellationToken cancellationToken)
    {
        var resolved = await resolve(endPoint.Host, cancellationToken).ConfigureAwait(false);
        var permitted = Array.FindAll(resolved, address => policy.IsPermitted(endPoint.Host, address));
        if (permitted.Length == 0)
        {
            throw new OutboundRefusedException(
                $"The host {endPoint.Host} resolves only to loopback, private, link-local or otherwise non-public addresses.");
        }

        for (var index = 0; ; index++)
        {
            try
            {
                return await ConnectToAsync(endPoint.Host, new IPEndPoint(permitted[index], endPoint.Port), cancellationToken).ConfigureAwait(false);
            }
            catch (SocketException) when (index < permitted.Length - 1)
            {
                // Like the default connect: an unreachable address is not the end while others remain.
            }
        }
    }

    private async Task<Stream> ConnectToAsync(string host, IPEndPoint endPoint, CancellationToken cancellationToken)
    {
        var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(endPoint, cancellationToken).ConfigureAwait(false);

            // Judge the peer the socket ended up with, not only the address that was asked for.
            if (socket.RemoteEndPoint is not IPEndPoint remote || !policy.IsPermitted(host, remote.Address))
            {
                throw new OutboundRefusedException($"The connection to {host} reached a non-public address.");
            }

            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}

/// <summary>
/// How the guarded clients resolve a host's name: DNS (<see cref="Dns.GetHostAddressesAsync(string, CancellationToken)"/>)
/// unless a test registers its own, to play a name that resolves to a private address.
/// </summary>
internal delegate Task<IPAddress[]> HostAddressResolver(string host, CancellationToken cancellationToken);
