using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using VideoVault.PiApiSimulator.Video.H264;
using VideoVault.PiApiSimulator.Video.Mp4;
using VideoVault.PiApiSimulator.Video.Pattern;

namespace VideoVault.PiApiSimulator.Video;

/// <summary>
/// Produces a task's video of an exact size, front to back: a playable MP4 clip of the task's test pattern (as many
/// frames as fit, up to <see cref="ClipFormat.MaxFrames"/>), then a top-level <c>free</c> box of
/// <see cref="Filler"/> bytes up to the size, which players skip. The same task id and size always give the same bytes,
/// so the ledger can recompute the hash without keeping anything.
/// </summary>
/// <remarks>
/// Nothing is encoded: each frame's slice layout is fixed (<see cref="ClipPlan"/>), and its I_PCM samples are drawn one
/// macroblock at a time into a 384-byte buffer as the reader reaches them, so the first bytes go out at once and a
/// request holds that buffer and the movie header (under 1 KB) whatever the size. A gap of 1 to 7 bytes is too small
/// for a box header; those bytes extend the <c>mdat</c> box instead, after the last sample, where no sample table
/// points. Below <see cref="ClipPlan.SmallestPlayableSize"/> the video is the <c>ftyp</c> box and padding only,
/// as every video was before clips existed: valid ISO-BMFF, but nothing to play.
/// </remarks>
internal sealed class VideoGenerator
{
    /// <summary>A good buffer size for <see cref="Read"/>: large enough for throughput, a multiple of 8 for the filler's fast path.</summary>
    public const int ChunkSize = 256 * 1024;

    private const int BoxHeaderSize = 8;
    private const int LargeBoxHeaderSize = 16;

    private readonly TestPattern pattern;
    private readonly Filler filler;
    private readonly byte[] pcm = new byte[SliceLayout.PcmBytes];
    private readonly IEnumerator<Segment> segments;
    private Segment segment;
    private long segmentOffset;

    public VideoGenerator(string taskId, long size)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, Faults.FaultSpec.MinimumVideoSize);
        Size = size;
        Frames = ClipPlan.FramesFor(size);
        pattern = new TestPattern(taskId);
        filler = new Filler(taskId);
        segments = Segments(size - ClipPlan.ClipSize(Frames)).GetEnumerator();
    }

    public long Size { get; }

    /// <summary>Frames of the clip; 0 when the size is too small for one.</summary>
    public int Frames { get; }

    public long Position { get; private set; }

    public long Remaining => Size - Position;

    /// <summary>Fills <paramref name="destination"/> with the next bytes; returns 0 at the end.</summary>
    /// <remarks>Fully optimised from the first call: a 1 GB download should not spend its first half in tier-0 code.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int Read(Span<byte> destination)
    {
        var total = (int)Math.Min(destination.Length, Remaining);
        var target = destination[..total];
        while (!target.IsEmpty)
        {
            while (segmentOffset == segment.Length)
            {
                if (!segments.MoveNext())
                {
                    throw new InvalidOperationException("The video's segments ended before its size.");
                }

                segment = segments.Current;
                segmentOffset = 0;
            }

            var count = (int)Math.Min(target.Length, segment.Length - segmentOffset);
            if (segment.Bytes is { } bytes)
            {
                bytes.AsSpan((int)segmentOffset, count).CopyTo(target);
            }
            else
            {
                filler.Fill(target[..count]);
            }

            segmentOffset += count;
            target = target[count..];
        }

        Position += total;
        return total;
    }

    /// <summary>The file in order; each segment is consumed before the next is produced, so one PCM buffer serves them all.</summary>
    private IEnumerable<Segment> Segments(long padding)
    {
        var tail = padding is > 0 and < BoxHeaderSize ? (int)padding : 0;
        yield return new Segment(Frames == 0 ? ClipHeader.FileType : ClipHeader.Build(ClipPlan.SampleSizes(Frames), tail));
        for (var frame = 0; frame < Frames; frame++)
        {
            var layout = ClipPlan.Frame(frame);
            for (var index = 0; index < layout.Macroblocks.Count; index++)
            {
                yield return new Segment(layout.Runs[index]);
                pattern.RenderMacroblock(frame, layout.Macroblocks[index], pcm);
                yield return new Segment(pcm);
            }

            yield return new Segment(layout.Runs[^1]);
        }

        if (tail > 0)
        {
            yield return Segment.Filling(tail);
        }
        else if (padding > 0)
        {
            yield return new Segment(FreeBoxHeader(padding));
            yield return Segment.Filling(padding - (padding > uint.MaxValue ? LargeBoxHeaderSize : BoxHeaderSize));
        }
    }

    private static byte[] FreeBoxHeader(long boxSize)
    {
        if (boxSize <= uint.MaxValue)
        {
            var header = new byte[BoxHeaderSize];
            BinaryPrimitives.WriteUInt32BigEndian(header, (uint)boxSize);
            "free"u8.CopyTo(header.AsSpan(4));
            return header;
        }

        // A 32-bit size of 1 means the real size follows the type as a 64-bit "largesize".
        var large = new byte[LargeBoxHeaderSize];
        BinaryPrimitives.WriteUInt32BigEndian(large, 1);
        "free"u8.CopyTo(large.AsSpan(4));
        BinaryPrimitives.WriteUInt64BigEndian(large.AsSpan(8), (ulong)boxSize);
        return large;
    }

    /// <summary>A stretch of the file: fixed bytes, or that many <see cref="Filler"/> bytes.</summary>
    private readonly record struct Segment(byte[]? Bytes, long Length)
    {
        public Segment(byte[] bytes)
            : this(bytes, bytes.Length)
        {
        }

        public static Segment Filling(long length) => new(null, length);
    }
}
