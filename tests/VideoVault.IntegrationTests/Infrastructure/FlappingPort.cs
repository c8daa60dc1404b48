using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace VideoVault.IntegrationTests.Infrastructure;

/// <summary>
/// A loopback port that forwards to another and goes down now and then: while down nothing listens,
/// so connections are refused, and the connections it had are cut. A receiver that restarts, for the
/// chaos run's "connection refused".
/// </summary>
internal sealed class FlappingPort : IAsyncDisposable
{
    private readonly IPEndPoint _target;
    private readonly TimeSpan _up;
    private readonly TimeSpan _down;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<TcpClient, byte> _connections = new();
    private readonly Task _loop;

    private FlappingPort(int port, IPEndPoint target, TimeSpan up, TimeSpan down)
    {
        Port = port;
        _target = target;
        _up = up;
        _down = down;
        _loop = RunAsync();
    }

    public int Port { get; }

    /// <summary>How many times it went down so far, the first time at the start.</summary>
    public int Outages { get; private set; }

    public static FlappingPort Start(IPEndPoint target, TimeSpan up, TimeSpan down) => new(LoopbackPorts.Reserve(1)[0], target, up, down);

    /// <summary>Down first, so whatever comes at once is refused; then up and down in turn.</summary>
    private async Task RunAsync()
    {
        var token = _stopping.Token;
        while (await StayDownAsync(token))
        {
            var listener = new TcpListener(IPAddress.Loopback, Port);
            listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            listener.Start();
            using (var upFor = CancellationTokenSource.CreateLinkedTokenSource(token))
            {
                upFor.CancelAfter(_up);
                await AcceptAsync(listener, upFor.Token);
            }

            listener.Stop();
            foreach (var connection in _connections.Keys)
            {
                connection.Dispose();
            }
        }
    }

    /// <returns>False once stopping.</returns>
    private async Task<bool> StayDownAsync(CancellationToken token)
    {
        Outages++;
        try
        {
            await Task.Delay(_down, token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private async Task AcceptAsync(TcpListener listener, CancellationToken token)
    {
        try
        {
            while (true)
            {
                var client = await listener.AcceptTcpClientAsync(token);
                _ = ForwardAsync(client);
            }
        }
        catch (OperationCanceledException)
        {
            // Time to go down (or to stop).
        }
    }

    private async Task ForwardAsync(TcpClient client)
    {
        using var upstream = new TcpClient();
        _connections[client] = 0;
        _connections[upstream] = 0;
        try
        {
            await upstream.ConnectAsync(_target);
            var inbound = client.GetStream();
            var outbound = upstream.GetStream();
            await Task.WhenAny(inbound.CopyToAsync(outbound), outbound.CopyToAsync(inbound));
        }
        catch (Exception exception) when (exception is IOException or SocketException or ObjectDisposedException or InvalidOperationException)
        {
            // Cut by an outage or by either side hanging up.
        }
        finally
        {
            _connections.TryRemove(client, out _);
            _connections.TryRemove(upstream, out _);
            client.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _loop;
        foreach (var connection in _connections.Keys)
        {
            connection.Dispose();
        }

        _stopping.Dispose();
    }
}
