using System.Text;
using System.Text.Json;

namespace VideoVault.Tests.Streaming;

/// <summary>
/// The vendor's example stream from PiAPI's Sora 2 chat completions page, turned into real wire format:
/// each pretty-printed chunk compacted to one <c>data:</c> line, a blank line after each, then <c>data: [DONE]</c>.
/// </summary>
internal static class StreamFixtures
{
    public const string VendorTaskId = "task_01k7e6t6skf46ahq8tcee5bskz";
    public const string VendorVideoUrl = "https://filesystem.site/cdn/20251013/086e4519811c4f54a9b21d70506687.mp4";
    public const string VendorPreviewUrl = "https://filesystem.site/cdn/20251013/cda9c584c5c1d4bd1960077f58ff9a.webp";

    /// <summary>The fixture file, LF line ends.</summary>
    public static string VendorStream { get; } = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Streaming", "Fixtures", "sora2-chat-stream.txt"));

    /// <summary>The data of each event, in order, read the simple way (every event is one <c>data:</c> line).</summary>
    public static IReadOnlyList<string> VendorEvents { get; } = [.. VendorStream
        .Split("\n\n", StringSplitOptions.RemoveEmptyEntries)
        .Select(block => block.StartsWith("data: ", StringComparison.Ordinal) ? block["data: ".Length..] : throw new InvalidDataException(block))];

    /// <summary>The text the chunks carry, joined independently of the code under test.</summary>
    public static string VendorContent { get; } = string.Concat(VendorEvents
        .Where(data => data != "[DONE]")
        .Select(data => JsonDocument.Parse(data).RootElement.GetProperty("choices")[0].GetProperty("delta"))
        .Select(delta => delta.TryGetProperty("content", out var content) ? content.GetString() : ""));

    public static byte[] WithLineEnds(string text, string lineEnd) => Encoding.UTF8.GetBytes(text.Replace("\n", lineEnd, StringComparison.Ordinal));
}

/// <summary>A read-only stream that hands out its bytes in pieces of the sizes a test chooses, as a network would.</summary>
internal sealed class PiecewiseStream(byte[] bytes, Func<int> nextPieceSize) : Stream
{
    private int position;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public static PiecewiseStream Whole(byte[] bytes) => new(bytes, () => int.MaxValue);

    public static PiecewiseStream ByteByByte(byte[] bytes) => new(bytes, () => 1);

    public static PiecewiseStream RandomPieces(byte[] bytes, int seed)
    {
        var random = new Random(seed);
        return new PiecewiseStream(bytes, () => random.Next(1, 200));
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var length = Math.Min(Math.Min(buffer.Length, nextPieceSize()), bytes.Length - position);
        bytes.AsSpan(position, length).CopyTo(buffer);
        position += length;
        return length;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));

    public override void Flush() => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
