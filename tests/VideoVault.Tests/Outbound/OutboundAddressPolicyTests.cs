using System.Net;
using VideoVault.Outbound;

namespace VideoVault.Tests.Outbound;

public sealed class OutboundAddressPolicyTests
{
    private static readonly OutboundAddressPolicy NoAllowList = new([]);

    [Theory]
    [InlineData("127.0.0.1")]                    // loopback
    [InlineData("127.255.255.254")]
    [InlineData("10.0.0.1")]                     // private
    [InlineData("10.255.255.255")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.255")]
    [InlineData("192.168.1.1")]
    [InlineData("169.254.169.254")]              // link-local, cloud metadata
    [InlineData("169.254.0.1")]
    [InlineData("0.0.0.0")]                      // unspecified, "this network"
    [InlineData("0.1.2.3")]
    [InlineData("100.64.0.1")]                   // carrier-grade NAT
    [InlineData("100.127.255.255")]
    [InlineData("224.0.0.1")]                    // multicast
    [InlineData("239.255.255.250")]
    [InlineData("255.255.255.255")]              // broadcast
    [InlineData("240.0.0.1")]                    // reserved
    [InlineData("::1")]                          // IPv6 loopback
    [InlineData("::")]                           // IPv6 unspecified
    [InlineData("fc00::1")]                      // unique local
    [InlineData("fd12:3456:789a::1")]
    [InlineData("fe80::1")]                      // link-local
    [InlineData("febf:ffff::1")]
    [InlineData("ff02::1")]                      // multicast
    [InlineData("::ffff:127.0.0.1")]             // IPv4-mapped forms
    [InlineData("::ffff:10.0.0.1")]
    [InlineData("::ffff:172.16.0.1")]
    [InlineData("::ffff:192.168.0.1")]
    [InlineData("::ffff:169.254.169.254")]
    [InlineData("::ffff:0.0.0.0")]
    [InlineData("::ffff:100.64.0.1")]
    [InlineData("::ffff:224.0.0.1")]
    [InlineData("::ffff:255.255.255.255")]
    [InlineData("::127.0.0.1")]                  // deprecated IPv4-compatible form
    [InlineData("64:ff9b::a9fe:a9fe")]           // NAT64 of 169.254.169.254
    [InlineData("2002:7f00:1::1")]               // 6to4 of 127.0.0.1
    public void Non_public_addresses_are_refused(string address)
    {
        var ip = IPAddress.Parse(address);

        Assert.False(OutboundAddressPolicy.IsPublic(ip));
        Assert.False(NoAllowList.IsPermitted("cdn.example", ip));
    }

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("1.1.1.1")]
    [InlineData("93.184.215.14")]
    [InlineData("172.15.255.255")]               // just outside 172.16/12
    [InlineData("172.32.0.1")]
    [InlineData("100.63.255.255")]               // just outside 100.64/10
    [InlineData("100.128.0.1")]
    [InlineData("2606:4700:4700::1111")]
    [InlineData("2a00:1450:4001:80b::200e")]
    [InlineData("::ffff:8.8.8.8")]
    [InlineData("64:ff9b::808:808")]             // NAT64 of 8.8.8.8
    public void Public_addresses_are_allowed(string address)
    {
        var ip = IPAddress.Parse(address);

        Assert.True(OutboundAddressPolicy.IsPublic(ip));
        Assert.True(NoAllowList.IsPermitted("cdn.example", ip));
    }

    [Theory]
    [InlineData("localhost", "localhost", "127.0.0.1")]
    [InlineData("LocalHost.", "localhost", "::1")]
    [InlineData("127.0.0.1", "127.0.0.1", "127.0.0.1")]
    [InlineData("[::1]", "::1", "::1")]
    [InlineData("::1", "[::1]", "::1")]
    [InlineData("video-cdn.internal", "VIDEO-CDN.internal", "10.1.2.3")]
    public void Allow_listed_hosts_may_reach_non_public_addresses(string allowed, string host, string address)
    {
        var policy = new OutboundAddressPolicy([allowed]);

        Assert.True(policy.IsAllowListed(host));
        Assert.True(policy.IsPermitted(host, IPAddress.Parse(address)));
    }

    [Fact]
    public void The_allow_list_covers_only_the_hosts_it_names()
    {
        var policy = new OutboundAddressPolicy(["localhost"]);

        Assert.False(policy.IsPermitted("evil.example", IPAddress.Loopback));
        Assert.False(policy.IsPermitted("127.0.0.1", IPAddress.Loopback));
    }

    [Theory]
    [InlineData("https://cdn.example/v.mp4")]
    [InlineData("https://img.theapi.app/ephemeral/abc.mp4?token=x")]
    [InlineData("https://8.8.8.8/v.mp4")]
    [InlineData("https://localhost/v.mp4")]      // a name: judged by the connect callback, not here
    public void Https_urls_to_names_and_public_addresses_pass_the_url_check(string url)
    {
        Assert.False(NoAllowList.IsRefused(new Uri(url), out var reason), reason);
    }

    [Theory]
    [InlineData("http://cdn.example/v.mp4")]
    [InlineData("ftp://cdn.example/v.mp4")]
    [InlineData("file:///etc/passwd")]
    [InlineData("https://user:pass@cdn.example/v.mp4")]
    [InlineData("https://127.0.0.1/v.mp4")]
    [InlineData("https://10.0.0.1/")]
    [InlineData("https://[::1]/")]
    [InlineData("https://[::ffff:169.254.169.254]/")]
    [InlineData("https://169.254.169.254/latest/meta-data/")]
    [InlineData("https://2130706433/")]          // 127.0.0.1 spelt as a number
    [InlineData("https://0x7f.0.0.1/")]
    public void Urls_are_refused_without_an_allow_list(string url)
    {
        Assert.True(NoAllowList.IsRefused(new Uri(url), out var reason));
        Assert.False(string.IsNullOrWhiteSpace(reason));
        Assert.DoesNotContain("pass", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_relative_url_is_refused()
    {
        Assert.True(NoAllowList.IsRefused(new Uri("/v.mp4", UriKind.Relative), out _));
    }

    [Theory]
    [InlineData("http://127.0.0.1:5000/v.mp4")]
    [InlineData("http://[::1]:5000/v.mp4")]
    [InlineData("http://localhost:5000/v.mp4")]
    public void Allow_listed_hosts_may_use_http_and_loopback(string url)
    {
        var policy = new OutboundAddressPolicy(["127.0.0.1", "::1", "localhost"]);

        Assert.False(policy.IsRefused(new Uri(url), out var reason), reason);
    }

    [Theory]
    [InlineData("localhost", true)]
    [InlineData("cdn.example", true)]
    [InlineData("127.0.0.1", true)]
    [InlineData("::1", true)]
    [InlineData("[::1]", true)]
    [InlineData("", false)]
    [InlineData(" ", false)]
    [InlineData("http://cdn.example", false)]
    [InlineData("cdn.example:8080", false)]
    [InlineData("cdn.example/path", false)]
    public void Allow_list_entries_must_be_bare_hosts(string host, bool valid)
    {
        Assert.Equal(valid, OutboundAddressPolicy.IsValidHost(host));
    }
}
