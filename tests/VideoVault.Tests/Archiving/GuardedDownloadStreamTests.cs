using System.Diagnostics;
using System.IO.Pipelines;
using VideoVault.Archiving;

namespace VideoVault.Tests.Archiving;

public sealed class GuardedDownloadStreamTests
{
    private static readonly TimeSpan NoIdleTimeout = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task Passes_a_body_within_the_cap_through_unchanged()
    {
        var body = TestVideos.Mp4(100_000, seed: 1);
        using var stream = new GuardedDownloadStream(new MemoryStream(body), body.Length, maxBytes: body.Length, NoIdleTimeout, TimeProvider.System);

        var copy = new MemoryStream();
        await stream.CopyToAsync(copy, CancellationToken.None);

        Assert.Equal(body, copy.ToArray());
    }

    [Fact]
    public async Task Stops_one_byte_past_the_cap_and_fails_permanently()
    {
        var served = new CountingStream(new MemoryStream(new byte[10_000]));
        using var stream = new GuardedDownloadStream(served, declaredLength: null, maxBytes: 1_000, NoIdleTimeout, TimeProvider.System);
        var buffer = new byte[4096];
        long delivered = 0;

        var failure = await Assert.ThrowsAsync<ArchiveFailureException>(async () =>
        {
            while (true)
            {
                delivered += await stream.ReadAsync(buffer, CancellationToken.None);
            }
        });

        Assert.Equal(ArchiveOutcomeKind.PermanentFailure, failure.Kind);
        Assert.InRange(delivered, 0, 1_000);
        Assert.Equal(1_001, served.BytesRead);
    }

    [Fact]
    public async Task A_body_shorter_than_its_content_length_is_a_transient_failure()
    {
        using var stream = new GuardedDownloadStream(new MemoryStream(new byte[500]), declaredLength: 1_000, maxBytes: 10_000, NoIdleTimeout, TimeProvider.System);

        var failure = await Assert.ThrowsAsync<ArchiveFailureException>(() => stream.CopyToAsync(Stream.Null, CancellationToken.None));

        Assert.Equal(ArchiveOutcomeKind.TransientFailure, failure.Kind);
        Assert.Contains("500 of 1000", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_read_that_waits_longer_than_the_idle_timeout_is_a_transient_failure()
    {
        var silent = new Pipe();
        using var stream = new GuardedDownloadStream(silent.Reader.AsStream(), declaredLength: null, maxBytes: 10_000, TimeSpan.FromMilliseconds(200), TimeProvider.System);
        var clock = Stopwatch.StartNew();

        var failure = await Assert.ThrowsAsync<ArchiveFailureException>(() => stream.ReadAsync(new byte[100], CancellationToken.None).AsTask());

        Assert.Equal(ArchiveOutcomeKind.TransientFailure, failure.Kind);
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(150), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task The_callers_cancellation_stays_a_cancellation()
    {
        var silent = new Pipe();
        using var stream = new GuardedDownloadStream(silent.Reader.AsStream(), declaredLength: null, maxBytes: 10_000, NoIdleTimeout, TimeProvider.System);
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => stream.ReadAsync(new byte[100], cancellation.Token).AsTask());
    }

    [Fact]
    public async Task The_sniffed_prefix_is_replayed_before_the_rest()
    {
        var body = TestVideos.Mp4(5_000, seed: 2);
        using var stream = new PrefixedStream(body.AsMemory(0, 8), new MemoryStream(body, 8, body.Length - 8));

        var copy = new MemoryStream();
        await stream.CopyToAsync(copy, bufferSize: 3, CancellationToken.None);

        Assert.Equal(body, copy.ToArray());
    }

    private sealed class CountingStream(Stream inner) : Stream
    {
        public long BytesRead { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => inner.Length;

        public override long Position
        {
            get => inner.Position;
            set => inner.Position = value;
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = await inner.ReadAsync(buffer, cancellationToken);
            BytesRead += read;
            return read;
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
