using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace VideoVault.PiApiSimulator.Video;

/// <summary>
/// The payload of a video's padding: xorshift64* output seeded from the task id. Pseudo-random rather than zeros so
/// that a copy which drops, repeats or reorders blocks of a large video changes its SHA-256, and fast enough
/// (several GB/s) that serving a 1 GB video is never the bottleneck.
/// </summary>
internal sealed class Filler(string taskId)
{
    private ulong state = Seed(taskId);
    private ulong carryWord;
    private int carryOffset = sizeof(ulong);

    /// <summary>Fills <paramref name="destination"/> with the next bytes of the sequence.</summary>
    /// <remarks>Fully optimised from the first call: a 1 GB download should not spend its first half in tier-0 code.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Fill(Span<byte> destination)
    {
        var written = 0;
        while (written < destination.Length && carryOffset < sizeof(ulong))
        {
            destination[written++] = (byte)(carryWord >> (8 * carryOffset++));
        }

        var words = MemoryMarshal.Cast<byte, ulong>(destination.Slice(written, (destination.Length - written) / sizeof(ulong) * sizeof(ulong)));
        for (var i = 0; i < words.Length; i++)
        {
            words[i] = BitConverter.IsLittleEndian ? Next() : BinaryPrimitives.ReverseEndianness(Next());
        }

        written += words.Length * sizeof(ulong);

        if (written < destination.Length)
        {
            carryWord = Next();
            carryOffset = 0;
            while (written < destination.Length)
            {
                destination[written++] = (byte)(carryWord >> (8 * carryOffset++));
            }
        }
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
}
