using System.Net;
using System.Net.Sockets;
using VideoVault.Outbound;

namespace VideoVault.Tests.Outbound;

public sealed class GuardedSocketConnectorTests : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);

    public GuardedSocketConnectorTests() => _listener.Start();

    private int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    [Fact]
    public async Task Connects_to_an_allow_listed_loopback_host()
    {
        var connector = new GuardedSocketConnector(new OutboundAddressPolicy(["127.0.0.1"]), Dns.GetHostAddressesAsync);

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
        var connector = new GuardedSocketConnector(new OutboundAddressPolicy([]), Dns.GetHostAddressesAsync);

        var failure = await Assert.ThrowsAsync<OutboundRefusedException>(
            async () => await connector.ConnectAsync(new DnsEndPoint(host, Port), CancellationToken.None));

        Assert.Contains("resolves only to", failure.Message, StringComparison.Ordinal);
        Assert.False(_listener.Pending());
    }

    [Theory]
    [InlineData("10.1.2.3")]
    [InlineData("192.168.0.10")]
    [InlineData("169.254.169.254")]
    [InlineData("fd00::7")]
    [InlineData("::ffff:127.0.0.1")]
    public async Task Refuses_a_name_that_resolves_to_a_non_public_address_without_connecting(string address)
    {
        var asked = new List<string>();
        var connector = new GuardedSocketConnector(new OutboundAddressPolicy([]), (host, _) =>
        {
            asked.Add(host);
            return Task.FromResult(new[] { IPAddress.Parse(address) });
        });

        var failure = await Assert.ThrowsAsync<OutboundRefusedException>(
            async () => await connector.ConnectAsync(new DnsEndPoint("videos.cdn.example", 443), CancellationToken.None));

        Assert.Equal("The host videos.cdn.example resolves only to loopback, private, link-local or otherwise non-public addresses.", failure.Message);
        Assert.Equal(["videos.cdn.example"], asked);
    }

    public void Dispose() => _listener.Dispose();
}
