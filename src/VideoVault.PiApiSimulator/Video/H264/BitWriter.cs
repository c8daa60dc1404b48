using System.Numerics;

namespace VideoVault.PiApiSimulator.Video.H264;

/// <summary>
/// Writes H.264 syntax elements most significant bit first (ITU-T H.264 7.2: <c>u(n)</c>, <c>ue(v)</c>,
/// <c>se(v)</c>), handing out the bytes at byte-aligned points.
/// </summary>
internal sealed class BitWriter
{
    private readonly List<byte> bytes = [];
    private int current;
    private int pendingBits;

    public void Bits(uint value, int count)
    {
        for (var bit = count - 1; bit >= 0; bit--)
        {
            current = (current << 1) | (int)((value >> bit) & 1);
            if (++pendingBits == 8)
            {
                bytes.Add((byte)current);
                current = 0;
                pendingBits = 0;
            }
        }
    }

    public void Flag(bool value) => Bits(value ? 1u : 0u, 1);

    /// <summary><c>ue(v)</c>: as many zeros as <c>value + 1</c> has bits after its leading one, then <c>value + 1</c>.</summary>
    public void UnsignedExpGolomb(uint value)
    {
        var code = value + 1;
        var length = 32 - BitOperations.LeadingZeroCount(code);
        Bits(0, length - 1);
        Bits(code, length);
    }

    /// <summary><c>se(v)</c>: 1, -1, 2, -2, ... map to the unsigned codes 1, 2, 3, 4, ...</summary>
    public void SignedExpGolomb(int value) => UnsignedExpGolomb(value > 0 ? (uint)(2 * value - 1) : (uint)(-2 * value));

    /// <summary>Zero bits up to the next byte boundary (<c>pcm_alignment_zero_bit</c>, the tail of trailing bits).</summary>
    public void AlignWithZeros()
    {
        while (pendingBits != 0)
        {
            Bits(0, 1);
        }
    }

    /// <summary><c>rbsp_trailing_bits()</c>: a one, then zeros up to the byte boundary.</summary>
    public void TrailingBits()
    {
        Bits(1, 1);
        AlignWithZeros();
    }

    /// <summary>The bytes written since the last call.</summary>
    /// <exception cref="InvalidOperationException">The writer is not at a byte boundary.</exception>
    public byte[] Take()
    {
        if (pendingBits != 0)
        {
            throw new InvalidOperationException("The bit writer is not byte-aligned.");
        }

        byte[] result = [.. bytes];
        bytes.Clear();
        return result;
    }
}
