using System.Net;
using System.Net.Sockets;

namespace VideoVault.IntegrationTests.Infrastructure;

/// <summary>Free loopback ports, so several Azurites (and several test runs) never collide on 10000-10002.</summary>
internal static class LoopbackPorts
{
    // Below Linux's ephemeral range (32768-60999), so outgoing client connections, which take their
    // local port from that range, cannot grab a port between our check and Azurite's bind.
    private const int First = 20_000;
    private const int Last = 32_000;

    public static int[] Reserve(int count)
    {
        var ports = new List<int>(count);
        var listeners = new List<TcpListener>(count);
        try
        {
            // Hold every listener until all ports are known, so the same port cannot be picked twice.
            for (var attempt = 0; ports.Count < count && attempt < 1_000; attempt++)
            {
                var port = Random.Shared.Next(First, Last);
                var listener = new TcpListener(IPAddress.Loopback, port);
                try
                {
                    listener.Start();
                }
                catch (SocketException)
                {
                    continue;
                }

                listeners.Add(listener);
                ports.Add(port);
            }
        }
        finally
        {
            listeners.ForEach(l => l.Stop());
        }

        return ports.Count == count ? [.. ports] : throw new InvalidOperationException($"Found no {count} free loopback ports between {First} and {Last}.");
    }
}
