using System.Net;
using System.Net.Sockets;
using VideoVault.Archiving;

namespace VideoVault.Tests.Archiving;

public sealed class DownloadSocketConnectorTests : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);

    public DownloadSocketConnectorTests() => _listener.Start();

    private int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    [Fact]
    public async Task Connects_to_an_allow_listed_loopback_host()
    {
        var connector = new DownloadSocketConnector(new DownloadAddressPolicy(["127.0.0.1"]));

        await using var stream = await connector.ConnectAsync(new DnsEndPoint("127.0.0.1", Port), CancellationToken.None);
        using var accepted = await _listener.AcceptTcpClientAsync();
        await stream.WriteAsync("ping"u8.ToArray());
        var received = new byte[4];
        await accepted.GetStream().ReadExactlyAsync(received);

        Assert.Equal("ping"u8.ToArray(), received);
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("127.0.0.1")]
    public async Task Refuses_a_host_that_resolves_to_loopback_without_connecting(string host)
    {
        var connector = new DownloadSocketConnector(new DownloadAddressPolicy([]));

        var failure = await Assert.ThrowsAsync<ArchiveFailureException>(
            async () => await connector.ConnectAsync(new DnsEndPoint(host, Port), CancellationToken.None));

        Assert.Equal(ArchiveOutcomeKind.PermanentFailure, failure.Kind);
        Assert.False(_listener.Pending());
    }

    public void Dispose() => _listener.Dispose();
}
