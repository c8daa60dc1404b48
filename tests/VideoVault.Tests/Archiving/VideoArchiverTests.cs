using System.Diagnostics;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Moq;
using VideoVault.Archiving;
using VideoVault.Tests.Fakes;

namespace VideoVault.Tests.Archiving;

/// <summary>The archiver against a real Kestrel "CDN" on 127.0.0.1, which is allow-listed for plain http.</summary>
public sealed class VideoArchiverTests : IAsyncLifetime
{
    private static readonly TimeSpan ShortIdleTimeout = TimeSpan.FromMilliseconds(500);

    /// <summary>Timers run on a coarse tick and may fire a fraction of a millisecond before a Stopwatch says the time is up (seen: 499.6 ms).</summary>
    private static readonly TimeSpan TimerSlack = TimeSpan.FromMilliseconds(20);
    private readonly ArchiverHost _host = new("127.0.0.1");
    private FakeCdn _cdn = null!;

    public async Task InitializeAsync() => _cdn = await FakeCdn.StartAsync(TestVideos.Mp4(3 * 1024 * 1024 + 12_345, seed: 42));

    [Fact]
    public async Task Archives_the_served_bytes_exactly()
    {
        var outcome = await _host.ArchiveAsync(_cdn.Url("/video.mp4"));

        Assert.Equal(ArchiveOutcomeKind.Archived, outcome.Kind);
        Assert.Null(outcome.Reason);
        Assert.NotNull(outcome.Upload);
        Assert.Equal(_cdn.Video.Length, outcome.Upload.Length);
        Assert.Equal(SHA256.HashData(_cdn.Video), outcome.Upload.Sha256);
        Assert.Equal(MD5.HashData(_cdn.Video), outcome.Upload.ContentMd5);
        var upload = Assert.Single(_host.BlobStore.Uploads);
        Assert.Equal("videos/2025/01/01/task-1.mp4", upload.BlobName);
        Assert.Equal("video/mp4", upload.Options.ContentType);
        Assert.Equal(ArchiverHost.BlockSize, upload.Options.BlockSize);
        Assert.Equal(ArchiverHost.MaxConcurrency, upload.Options.MaxConcurrency);
        Assert.Equal(4, upload.Result.BlockCount);
    }

    [Fact]
    public async Task A_video_declared_over_the_hand_over_size_is_not_started()
    {
        var request = new ArchiveRequest("task-1", _cdn.Url("/video.mp4"), "videos/2025/01/01/task-1.mp4") { HandOverAbove = _cdn.Video.Length - 1 };

        var outcome = await _host.Archiver.ArchiveAsync(request, CancellationToken.None);

        Assert.Equal(ArchiveOutcomeKind.TooLargeToCopyInline, outcome.Kind);
        Assert.Contains($"{_cdn.Video.Length} bytes", outcome.Reason, StringComparison.Ordinal);
        Assert.Empty(_host.BlobStore.Uploads);
    }

    [Fact]
    public async Task A_video_at_the_hand_over_size_is_copied()
    {
        var request = new ArchiveRequest("task-1", _cdn.Url("/video.mp4"), "videos/2025/01/01/task-1.mp4") { HandOverAbove = _cdn.Video.Length };

        var outcome = await _host.Archiver.ArchiveAsync(request, CancellationToken.None);

        Assert.Equal(ArchiveOutcomeKind.Archived, outcome.Kind);
    }

    [Fact]
    public async Task Sends_no_credentials_to_the_video_host_even_when_every_client_has_them_by_default()
    {
        await _host.ArchiveAsync(_cdn.Url("/redirect"));

        Assert.Equal(2, _cdn.Requests.Count);
        Assert.All(_cdn.Requests, request =>
        {
            Assert.DoesNotContain("X-API-Key", request.HeaderNames);
            Assert.DoesNotContain("Authorization", request.HeaderNames);
            Assert.DoesNotContain("Cookie", request.HeaderNames);
        });
    }

    [Fact]
    public async Task Archives_a_chunked_body_of_unknown_length()
    {
        var outcome = await _host.ArchiveAsync(_cdn.Url("/chunked.mp4"));

        Assert.Equal(ArchiveOutcomeKind.Archived, outcome.Kind);
        Assert.Equal(SHA256.HashData(_cdn.Video), outcome.Upload!.Sha256);
    }

    [Fact]
    public async Task Stores_webm_as_video_webm()
    {
        var outcome = await _host.ArchiveAsync(_cdn.Url("/video.webm"), "videos/task-1.webm");

        Assert.Equal(ArchiveOutcomeKind.Archived, outcome.Kind);
        Assert.Equal(SHA256.HashData(_cdn.WebM), outcome.Upload!.Sha256);
        Assert.Equal("video/webm", Assert.Single(_host.BlobStore.Uploads).Options.ContentType);
    }

    [Fact]
    public async Task Refuses_a_declared_length_over_the_cap_before_reading()
    {
        var outcome = await _host.ArchiveAsync(_cdn.Url("/too-big.mp4"));

        AssertFailed(outcome, ArchiveOutcomeKind.PermanentFailure, "cap");
        Assert.Equal(0, _host.BlobStore.BytesConsumed);
    }

    [Fact]
    public async Task Stops_an_endless_body_at_the_cap()
    {
        var outcome = await _host.ArchiveAsync(_cdn.Url("/endless.mp4"));

        AssertFailed(outcome, ArchiveOutcomeKind.PermanentFailure, "cap");
        Assert.InRange(_host.BlobStore.BytesConsumed, 1, ArchiverHost.MaxVideoBytes);
        await _cdn.EndlessBodyStopped.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Empty(_host.BlobStore.Uploads);
    }

    [Theory]
    [InlineData("/error.html")]
    [InlineData("/error.json")]
    [InlineData("/disguised.mp4")]
    public async Task Refuses_a_page_that_is_not_a_video(string path)
    {
        var outcome = await _host.ArchiveAsync(_cdn.Url(path));

        AssertFailed(outcome, ArchiveOutcomeKind.PermanentFailure, "video");
        Assert.Equal(0, _host.BlobStore.BytesConsumed);
        _host.BlobStore.Mock.Verify(store => store.UploadAsync(It.IsAny<string>(), It.IsAny<Stream>(), It.IsAny<VideoVault.Archiving.VideoUploadOptions>(), It.IsAny<CancellationToken>()), Times.Never());
    }

    [Theory]
    [InlineData("/missing.mp4", ArchiveOutcomeKind.PermanentFailure, "404")]
    [InlineData("/forbidden.mp4", ArchiveOutcomeKind.PermanentFailure, "403")]
    [InlineData("/unavailable.mp4", ArchiveOutcomeKind.TransientFailure, "503")]
    [InlineData("/throttled.mp4", ArchiveOutcomeKind.TransientFailure, "429")]
    internal async Task Classifies_error_statuses(string path, ArchiveOutcomeKind kind, string status)
    {
        var outcome = await _host.ArchiveAsync(_cdn.Url(path));

        AssertFailed(outcome, kind, status);
    }

    [Fact]
    public async Task A_body_cut_off_before_its_content_length_is_transient()
    {
        var outcome = await _host.ArchiveAsync(_cdn.Url("/truncated.mp4"));

        AssertFailed(outcome, ArchiveOutcomeKind.TransientFailure, "broke off");
        Assert.Empty(_host.BlobStore.Uploads);
    }

    [Fact]
    public async Task A_stalled_body_times_out_after_the_idle_timeout()
    {
        using var impatient = await StartImpatientHostAsync();
        var clock = Stopwatch.StartNew();

        var outcome = await impatient.ArchiveAsync(_cdn.Url("/stalled.mp4"));

        AssertFailed(outcome, ArchiveOutcomeKind.TransientFailure, "sent nothing");
        Assert.InRange(clock.Elapsed, ShortIdleTimeout - TimerSlack, ShortIdleTimeout + TimeSpan.FromSeconds(3));
        Assert.Empty(impatient.BlobStore.Uploads);
    }

    [Fact]
    public async Task A_host_that_never_answers_times_out_after_the_idle_timeout()
    {
        using var impatient = await StartImpatientHostAsync();
        var clock = Stopwatch.StartNew();

        var outcome = await impatient.ArchiveAsync(_cdn.Url("/silent.mp4"));

        AssertFailed(outcome, ArchiveOutcomeKind.TransientFailure, "did not answer");
        Assert.InRange(clock.Elapsed, ShortIdleTimeout - TimerSlack, ShortIdleTimeout + TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task Follows_a_redirect_to_an_allowed_url()
    {
        var outcome = await _host.ArchiveAsync(_cdn.Url("/redirect"));

        Assert.Equal(ArchiveOutcomeKind.Archived, outcome.Kind);
        Assert.Equal(SHA256.HashData(_cdn.Video), outcome.Upload!.Sha256);
        Assert.Equal(["/redirect", "/video.mp4?token=REDIRECT-SECRET"], _cdn.Requests.Select(r => r.Path).ToArray());
    }

    [Theory]
    [InlineData("/redirect-to-metadata", "Plain http is refused")]
    [InlineData("/redirect-to-metadata-https", "non-public address")]
    public async Task Refuses_a_redirect_to_the_metadata_endpoint(string path, string reason)
    {
        var outcome = await _host.ArchiveAsync(_cdn.Url(path));

        AssertFailed(outcome, ArchiveOutcomeKind.PermanentFailure, reason);
        Assert.Single(_cdn.Requests);
    }

    /// <summary>Only the redirecting request may reach a server: every target is refused before it is dialled.</summary>
    [Theory]
    [InlineData("https://localhost:{port}/video.mp4", "resolves only to")]
    [InlineData("http://localhost:{port}/video.mp4", "Plain http is refused")]
    [InlineData("https://[::1]:{port}/video.mp4", "non-public address")]
    [InlineData("https://10.0.0.1/video.mp4", "non-public address")]
    [InlineData("https://169.254.169.254/latest/meta-data/", "non-public address")]
    [InlineData("https://cdn." + TestDns.PrivateZone + "/video.mp4", "resolves only to")]
    public async Task Refuses_a_redirect_to_a_loopback_or_private_address(string target, string reason)
    {
        var location = target.Replace("{port}", _cdn.BaseAddress.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

        var outcome = await _host.ArchiveAsync(_cdn.Url("/redirect-to?url=" + Uri.EscapeDataString(location)));

        AssertFailed(outcome, ArchiveOutcomeKind.PermanentFailure, reason);
        Assert.Single(_cdn.Requests);
        Assert.Empty(_host.BlobStore.Uploads);
    }

    [Fact]
    public async Task Gives_up_on_more_redirects_than_allowed()
    {
        var outcome = await _host.ArchiveAsync(_cdn.Url("/loop/0"));

        AssertFailed(outcome, ArchiveOutcomeKind.PermanentFailure, "redirected more than 3 times");
        Assert.Equal(ArchiverHost.MaxRedirects + 1, _cdn.CountRequests("/loop/"));
    }

    [Fact]
    public async Task A_storage_failure_is_transient()
    {
        _host.BlobStore.Mock
            .Setup(store => store.UploadAsync(It.IsAny<string>(), It.IsAny<Stream>(), It.IsAny<VideoVault.Archiving.VideoUploadOptions>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new Azure.RequestFailedException(503, "Server busy"));

        var outcome = await _host.ArchiveAsync(_cdn.Url("/video.mp4"));

        AssertFailed(outcome, ArchiveOutcomeKind.TransientFailure, "503");
    }

    [Theory]
    [InlineData("/unavailable.mp4", "503")]
    [InlineData("/truncated.mp4", "broke off")]
    [InlineData("/missing.mp4", "404")]
    public async Task A_failure_it_knows_logs_one_line_with_the_reason_and_no_stack_trace(string path, string reason)
    {
        await _host.ArchiveAsync(_cdn.Url(path));

        var failed = Assert.Single(_host.Logs.GetSnapshot(), record => record.Level >= LogLevel.Warning);
        Assert.Contains(reason, failed.Message, StringComparison.Ordinal);
        Assert.Null(failed.Exception);
    }

    [Fact]
    public async Task Caller_cancellation_throws_instead_of_returning_an_outcome()
    {
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            _host.Archiver.ArchiveAsync(new ArchiveRequest("task-1", _cdn.Url("/stalled.mp4"), "v.mp4"), cancellation.Token));
    }

    [Fact]
    public async Task Logs_host_and_path_but_never_the_query_string()
    {
        var source = _cdn.Url("/redirect?sig=QUERY-SECRET");

        var archived = await _host.ArchiveAsync(source);
        var refused = await _host.ArchiveAsync(_cdn.Url("/missing.mp4?sig=QUERY-SECRET"));

        Assert.True(archived.Kind == ArchiveOutcomeKind.Archived, archived.Reason);
        Assert.DoesNotContain("QUERY-SECRET", refused.Reason, StringComparison.Ordinal);
        Assert.Contains(_host.Logs.Lines(), line => line.Contains("127.0.0.1/redirect", StringComparison.Ordinal));
        Assert.Contains(_host.Logs.Lines(), line => line.Contains("127.0.0.1/video.mp4", StringComparison.Ordinal));
        Assert.All(_host.Logs.Lines(), line =>
        {
            Assert.DoesNotContain("QUERY-SECRET", line, StringComparison.Ordinal);
            Assert.DoesNotContain("REDIRECT-SECRET", line, StringComparison.Ordinal);
        });
    }

    public async Task DisposeAsync()
    {
        _host.Dispose();
        await _cdn.DisposeAsync();
    }

    /// <summary>
    /// A host with a short idle timeout, started after one full archive so that a cold first request
    /// (JIT, first connection) cannot be what trips the timeout.
    /// </summary>
    private async Task<ArchiverHost> StartImpatientHostAsync()
    {
        Assert.Equal(ArchiveOutcomeKind.Archived, (await _host.ArchiveAsync(_cdn.Url("/video.mp4"))).Kind);
        return new ArchiverHost(ShortIdleTimeout, "127.0.0.1");
    }

    private static void AssertFailed(ArchiveOutcome outcome, ArchiveOutcomeKind kind, string reasonPart)
    {
        Assert.Equal(kind, outcome.Kind);
        Assert.Null(outcome.Upload);
        Assert.Contains(reasonPart, outcome.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("?", outcome.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET", outcome.Reason, StringComparison.Ordinal);
    }
}
