using System.Security.Cryptography;
using VideoVault.Archiving;

namespace VideoVault.Tests.Archiving;

/// <summary>A poster is copied beside its video through the same guards, and whatever goes wrong with it, the video is kept.</summary>
public sealed class PosterArchiveTests : IAsyncLifetime
{
    private const string Stem = "videos/2025/01/01/task-1.poster";
    private readonly ArchiverHost _host = new("127.0.0.1");
    private FakeCdn _cdn = null!;

    public async Task InitializeAsync() => _cdn = await FakeCdn.StartAsync(TestVideos.Mp4(200_000, seed: 42));

    [Theory]
    [InlineData("/poster.png")]
    [InlineData("/poster-unlabelled")]
    public async Task A_poster_is_kept_beside_the_video_named_by_its_sniffed_type(string path)
    {
        var outcome = await ArchiveAsync(_cdn.Url(path));

        Assert.Equal((ArchiveOutcomeKind.Archived, $"{Stem}.png"), (outcome.Kind, outcome.PosterBlobName));
        var poster = Assert.Single(_host.BlobStore.Uploads, upload => upload.BlobName == $"{Stem}.png");
        Assert.Equal("image/png", poster.Options.ContentType);
        Assert.Equal(SHA256.HashData(_cdn.Poster), poster.Result.Sha256);
    }

    [Theory]
    [InlineData("/error.html", "text/html, not a video")]
    [InlineData("/disguised.mp4", "did not serve a JPEG, PNG, WebP or GIF image")]
    [InlineData("/video.mp4", "did not serve a JPEG, PNG, WebP or GIF image")]
    [InlineData("/unavailable.mp4", "answered 503")]
    [InlineData("/missing.mp4", "answered 404")]
    public async Task A_broken_poster_never_fails_the_video(string path, string reason)
    {
        var outcome = await ArchiveAsync(_cdn.Url(path));

        Assert.Equal((ArchiveOutcomeKind.Archived, null), (outcome.Kind, outcome.PosterBlobName));
        Assert.Single(_host.BlobStore.Uploads);
        var warning = Assert.Single(_host.Logs.GetSnapshot(), log => log.Message.Contains("without its poster", StringComparison.Ordinal));
        Assert.Contains(reason, warning.Message, StringComparison.Ordinal);
        Assert.Null(warning.Exception);
    }

    [Fact]
    public async Task A_poster_at_a_private_address_is_refused_by_the_same_guard()
    {
        var outcome = await ArchiveAsync(new Uri("https://169.254.169.254/latest/meta-data/poster.png"));

        Assert.Equal((ArchiveOutcomeKind.Archived, null), (outcome.Kind, outcome.PosterBlobName));
        Assert.Single(_host.BlobStore.Uploads);
    }

    public async Task DisposeAsync()
    {
        await _cdn.DisposeAsync();
        _host.Dispose();
    }

    private Task<ArchiveOutcome> ArchiveAsync(Uri poster) =>
        _host.Archiver.ArchiveAsync(
            new ArchiveRequest("task-1", _cdn.Url("/video.mp4"), "videos/2025/01/01/task-1.mp4") { Poster = new PosterSource(poster, Stem) },
            CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(15));
}
