using System.Diagnostics;
using VideoVault.Archiving;

namespace VideoVault.Tests.Archiving;

/// <summary>The archiver as configured in production: an empty allow-list.</summary>
public sealed class VideoArchiverSsrfTests : IAsyncLifetime
{
    private readonly ArchiverHost _host = new();
    private FakeCdn _cdn = null!;

    public async Task InitializeAsync() => _cdn = await FakeCdn.StartAsync(TestVideos.Mp4(100_000, seed: 9));

    [Fact]
    public async Task Refuses_plain_http()
    {
        var outcome = await _host.ArchiveAsync(_cdn.Url("/video.mp4"));

        AssertRefused(outcome, "http");
        Assert.Empty(_cdn.Requests);
    }

    [Theory]
    [InlineData("https://127.0.0.1/video.mp4")]
    [InlineData("https://10.0.0.1/video.mp4")]
    [InlineData("https://[::1]/video.mp4")]
    [InlineData("https://169.254.169.254/latest/meta-data/")]
    [InlineData("https://[::ffff:169.254.169.254]/latest/meta-data/")]
    [InlineData("https://192.168.0.1/video.mp4")]
    public async Task Refuses_non_public_address_literals_without_connecting(string url)
    {
        var clock = Stopwatch.StartNew();

        var outcome = await _host.ArchiveAsync(new Uri(url));

        // 10.0.0.1 would not answer: an attempt to connect would run into the 5 s connect timeout.
        AssertRefused(outcome, "non-public address");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task Refuses_a_name_that_resolves_to_loopback_at_connect_time()
    {
        // https passes the URL check; had the connection been made, this plain-http server would fail
        // the TLS handshake (a transient failure), so a permanent refusal comes from the connect callback.
        var url = new UriBuilder(_cdn.BaseAddress) { Scheme = Uri.UriSchemeHttps, Host = "localhost", Path = "/video.mp4" }.Uri;

        var outcome = await _host.ArchiveAsync(url);

        AssertRefused(outcome, "resolves only to");
        Assert.Empty(_cdn.Requests);
    }

    public async Task DisposeAsync()
    {
        _host.Dispose();
        await _cdn.DisposeAsync();
    }

    private void AssertRefused(ArchiveOutcome outcome, string reasonPart)
    {
        Assert.Equal(ArchiveOutcomeKind.PermanentFailure, outcome.Kind);
        Assert.Contains(reasonPart, outcome.Reason, StringComparison.Ordinal);
        Assert.Empty(_host.BlobStore.Uploads);
        Assert.Equal(0, _host.BlobStore.BytesConsumed);
    }
}
