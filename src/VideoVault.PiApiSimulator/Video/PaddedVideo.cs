using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace VideoVault.PiApiSimulator.Video;

/// <summary>
/// A task's video of an exact size: its clip, then a top-level <c>free</c> box of <see cref="Filler"/> bytes up to
/// the size (players skip <c>free</c> boxes). Read front to back in chunks, so the padding of a 1 GB video is
/// generated as it is sent, never stored.
/// </summary>
/// <remarks>
/// A gap of 1 to 7 bytes is too small for a box header; those bytes extend the clip's final <c>mdat</c> instead,
/// where no sample table points, so players never read them either.
/// </remarks>
internal sealed class PaddedVideo
{
    /// <summary>A good buffer size for <see cref="Read"/>: large enough for throughput, a multiple of 8 for the filler's fast path.</summary>
    public const int ChunkSize = 256 * 1024;

    private const int BoxHeaderSize = 8;
    private const int LargeBoxHeaderSize = 16;

    private readonly byte[] clip;
    private readonly byte[] paddingHeader;
    private readonly Filler filler;

    public PaddedVideo(string taskId, VideoClip clip, long size)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, clip.Length);
        Size = size;
        var gap = size - clip.Length;
        this.clip = gap is > 0 and < BoxHeaderSize ? WithLongerMediaData(clip, (int)gap) : clip.Bytes;
        paddingHeader = gap >= BoxHeaderSize ? FreeBoxHeader(gap) : [];
        filler = new Filler(taskId);
    }

    public long Size { get; }

    public long Position { get; private set; }

    public long Remaining => Size - Position;

    /// <summary>Fills <paramref name="destination"/> with the next bytes; returns 0 at the end.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int Read(Span<byte> destination)
    {
        var total = (int)Math.Min(destination.Length, Remaining);
        var target = destination[..total];
        var position = Position;
        CopySegment(clip, 0, ref position, ref target);
        CopySegment(paddingHeader, clip.Length, ref position, ref target);
        filler.Fill(target);
        Position += total;
        return total;
    }

    /// <summary>Copies what <paramref name="target"/> still needs of a fixed segment that starts at <paramref name="start"/>.</summary>
    private static void CopySegment(ReadOnlySpan<byte> segment, long start, ref long position, ref Span<byte> target)
    {
        var offset = position - start;
        if (offset >= segment.Length || target.IsEmpty)
        {
            return;
        }

        var count = (int)Math.Min(segment.Length - offset, target.Length);
        segment.Slice((int)offset, count).CopyTo(target);
        target = target[count..];
        position += count;
    }

    private static byte[] WithLongerMediaData(VideoClip clip, int extra)
    {
        byte[] copy = [.. clip.Bytes];
        var sizeField = copy.AsSpan(clip.MediaDataOffset, sizeof(uint));
        BinaryPrimitives.WriteUInt32BigEndian(sizeField, BinaryPrimitives.ReadUInt32BigEndian(sizeField) + (uint)extra);
        return copy;
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
}
