using System.Text;
using VideoVault.Streaming;

namespace VideoVault.Tests.Streaming;

public sealed class SseReaderTests
{
    private const int Limit = 64 * 1024;

    public static TheoryData<string, string> LineEndsAndReads()
    {
        var data = new TheoryData<string, string>();
        foreach (var lineEnd in new[] { "LF", "CRLF", "CR" })
        {
            foreach (var reads in new[] { "whole", "byte-by-byte", "random-1", "random-2", "random-3" })
            {
                data.Add(lineEnd, reads);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(LineEndsAndReads))]
    public async Task The_vendor_stream_gives_every_chunk_and_done_however_it_is_split(string lineEnd, string reads)
    {
        var bytes = StreamFixtures.WithLineEnds(StreamFixtures.VendorStream, lineEnd switch { "LF" => "\n", "CRLF" => "\r\n", _ => "\r" });
        var stream = reads switch
        {
            "whole" => PiecewiseStream.Whole(bytes),
            "byte-by-byte" => PiecewiseStream.ByteByByte(bytes),
            _ => PiecewiseStream.RandomPieces(bytes, int.Parse(reads["random-".Length..], System.Globalization.CultureInfo.InvariantCulture)),
        };

        var events = await ReadAllAsync(stream);

        Assert.Equal(56, events.Count);
        Assert.Equal(StreamFixtures.VendorEvents, events);
        Assert.Equal("[DONE]", events[^1]);
        Assert.Contains(events, data => data.Contains("🏃 Progress 44..", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Comments_and_other_fields_are_ignored()
    {
        var events = await ReadAllAsync(": keep-alive\nevent: update\nid: 7\nretry: 1000\nsomething: else\ndata: a\n:another comment\n\n");

        Assert.Equal(["a"], events);
    }

    [Fact]
    public async Task Data_lines_of_one_event_are_joined_with_line_feeds()
    {
        var events = await ReadAllAsync("data: first\ndata:second\ndata:  indented\n\ndata: next\n\n");

        Assert.Equal(["first\nsecond\n indented", "next"], events);
    }

    [Theory]
    [InlineData("data\n\n")]
    [InlineData("data:\n\n")]
    [InlineData("data: \n\n")]
    public async Task An_empty_data_line_is_an_event_with_empty_data(string stream)
    {
        Assert.Equal([""], await ReadAllAsync(stream));
    }

    [Fact]
    public async Task Blank_lines_without_data_dispatch_nothing()
    {
        Assert.Empty(await ReadAllAsync("\n\n: comment\n\nevent: x\n\n"));
    }

    [Theory]
    [InlineData("data: a\n\ndata: b\n")]
    [InlineData("data: a\n\ndata: b")]
    [InlineData("data: a\n\ndata: b\ndata: c")]
    public async Task An_event_not_ended_by_a_blank_line_is_discarded(string stream)
    {
        Assert.Equal(["a"], await ReadAllAsync(stream));
    }

    [Fact]
    public async Task A_leading_byte_order_mark_is_skipped_also_when_split()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("data: a\n\n")).ToArray();

        Assert.Equal(["a"], await ReadAllAsync(PiecewiseStream.ByteByByte(bytes)));
    }

    [Fact]
    public async Task A_carriage_return_then_a_line_feed_in_the_next_read_is_one_line_end()
    {
        var bytes = Encoding.UTF8.GetBytes("data: a\r\n\r\ndata: b\r\r");
        var pieces = new Queue<int>([8, 1, 2, 8, 1]);

        var events = await ReadAllAsync(new PiecewiseStream(bytes, () => pieces.Count > 0 ? pieces.Dequeue() : 100));

        Assert.Equal(["a", "b"], events);
    }

    [Fact]
    public async Task A_line_over_the_limit_fails_clearly_before_it_is_buffered_whole()
    {
        var reader = new SseReader(PiecewiseStream.ByteByByte(Encoding.UTF8.GetBytes("data: " + new string('x', 200) + "\n\n")), maxLineBytes: 100, maxEventChars: Limit);

        var failure = await Assert.ThrowsAsync<InvalidStreamException>(() => reader.ReadEventAsync(CancellationToken.None).AsTask());

        Assert.Contains("longer than 100 bytes", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_event_over_the_limit_fails_clearly()
    {
        var text = string.Concat(Enumerable.Repeat("data: 0123456789\n", 20)) + "\n";
        var reader = new SseReader(PiecewiseStream.Whole(Encoding.UTF8.GetBytes(text)), maxLineBytes: 100, maxEventChars: 100);

        var failure = await Assert.ThrowsAsync<InvalidStreamException>(() => reader.ReadEventAsync(CancellationToken.None).AsTask());

        Assert.Contains("longer than 100 characters", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Events_are_returned_as_they_complete_without_reading_ahead()
    {
        var reader = new SseReader(new BlockingAfterStream(Encoding.UTF8.GetBytes("data: a\n\n")), Limit, Limit);

        Assert.Equal("a", await reader.ReadEventAsync(CancellationToken.None));
    }

    private static Task<List<string>> ReadAllAsync(string text) => ReadAllAsync(PiecewiseStream.Whole(Encoding.UTF8.GetBytes(text)));

    private static async Task<List<string>> ReadAllAsync(Stream stream)
    {
        var reader = new SseReader(stream, Limit, Limit);
        var events = new List<string>();
        while (await reader.ReadEventAsync(CancellationToken.None) is { } data)
        {
            events.Add(data);
        }

        return events;
    }

    /// <summary>Gives its bytes, then fails any further read: a live stream that has sent nothing more yet.</summary>
    private sealed class BlockingAfterStream(byte[] bytes) : Stream
    {
        private bool given;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Assert.False(given, "The reader asked for more bytes before returning a complete event.");
            given = true;
            bytes.CopyTo(buffer);
            return ValueTask.FromResult(bytes.Length);
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override void Flush() => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
