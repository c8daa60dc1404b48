using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace VideoVault.PiApiSimulator.Video;

/// <summary>
/// Produces a task's video: an ISO-BMFF <c>ftyp</c> box (major brand <c>isom</c>) followed by one <c>mdat</c> box
/// whose payload is xorshift64* output seeded from the task id. The same task id and size always give the same
/// bytes, so the ledger can recompute the hash without keeping anything.
/// </summary>
internal sealed class VideoGenerator
{
    /// <summary>A good buffer size for <see cref="Read"/>: large enough for throughput, a multiple of 8 for the fast path.</summary>
    public const int ChunkSize = 256 * 1024;

    private const int FileTypeBoxSize = 32;

    private readonly byte[] header;
    private ulong state;
    private ulong carryWord;
    private int carryOffset = sizeof(ulong);

    public VideoGenerator(string taskId, long size)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, Faults.FaultSpec.MinimumVideoSize);
        Size = size;
        header = BuildHeader(size);
        state = Seed(taskId);
    }

    public long Size { get; }

    public long Position { get; private set; }

    public long Remaining => Size - Position;

    /// <summary>Fills <paramref name="destination"/> with the next bytes; returns 0 at the end.</summary>
    /// <remarks>Fully optimised from the first call: a 1 GB download should not spend its first half in tier-0 code.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int Read(Span<byte> destination)
    {
        var total = (int)Math.Min(destination.Length, Remaining);
        var target = destination[..total];
        var written = 0;

        if (Position < header.Length)
        {
            var count = (int)Math.Min(header.Length - Position, total);
            header.AsSpan((int)Position, count).CopyTo(target);
            written = count;
        }

        while (written < total && carryOffset < sizeof(ulong))
        {
            target[written++] = (byte)(carryWord >> (8 * carryOffset++));
        }

        var words = MemoryMarshal.Cast<byte, ulong>(target.Slice(written, (total - written) / sizeof(ulong) * sizeof(ulong)));
        for (var i = 0; i < words.Length; i++)
        {
            words[i] = BitConverter.IsLittleEndian ? Next() : BinaryPrimitives.ReverseEndianness(Next());
        }

        written += words.Length * sizeof(ulong);

        if (written < total)
        {
            carryWord = Next();
            carryOffset = 0;
            while (written < total)
            {
                target[written++] = (byte)(carryWord >> (8 * carryOffset++));
            }
        }

        Position += total;
        return total;
    }

    private ulong Next()
    {
        var x = state;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        state = x;
        return x * 0x2545F4914F6CDD1DUL;
    }

    private static ulong Seed(string taskId)
    {
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(taskId));
        return BinaryPrimitives.ReadUInt64LittleEndian(digest) | 1;
    }

    private static byte[] BuildHeader(long size)
    {
        var mdatSize = size - FileTypeBoxSize;
        var largeMdat = mdatSize > uint.MaxValue;
        var result = new byte[FileTypeBoxSize + (largeMdat ? 16 : 8)];
        var span = result.AsSpan();

        BinaryPrimitives.WriteUInt32BigEndian(span, FileTypeBoxSize);
        "ftyp"u8.CopyTo(span[4..]);
        "isom"u8.CopyTo(span[8..]);
        BinaryPrimitives.WriteUInt32BigEndian(span[12..], 0x200);
        "isomiso2avc1mp41"u8.CopyTo(span[16..]);

        var mdat = span[FileTypeBoxSize..];
        if (largeMdat)
        {
            // A 32-bit size of 1 means the real size follows the type as a 64-bit "largesize".
            BinaryPrimitives.WriteUInt32BigEndian(mdat, 1);
            "mdat"u8.CopyTo(mdat[4..]);
            BinaryPrimitives.WriteUInt64BigEndian(mdat[8..], (ulong)mdatSize);
        }
        else
        {
            BinaryPrimitives.WriteUInt32BigEndian(mdat, (uint)mdatSize);
            "mdat"u8.CopyTo(mdat[4..]);
        }

        return result;
    }
}
