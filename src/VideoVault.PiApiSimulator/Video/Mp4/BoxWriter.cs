using System.Buffers.Binary;
using System.Text;

namespace VideoVault.PiApiSimulator.Video.Mp4;

/// <summary>Writes ISO-BMFF boxes (ISO/IEC 14496-12) big-endian into memory, filling in each box's size when it ends.</summary>
internal sealed class BoxWriter
{
    private readonly MemoryStream stream = new();

    public int Length => (int)stream.Length;

    /// <summary>Starts a box; pass the result to <see cref="End"/>.</summary>
    public int Begin(string type)
    {
        var start = Length;
        UInt32(0);
        stream.Write(Encoding.ASCII.GetBytes(type));
        return start;
    }

    /// <summary>Starts a full box: a box with a version and 24 bits of flags.</summary>
    public int BeginFull(string type, byte version = 0, uint flags = 0)
    {
        var start = Begin(type);
        UInt32(((uint)version << 24) | flags);
        return start;
    }

    public void End(int start) => Patch(start, (uint)(Length - start));

    public void UInt8(byte value) => stream.WriteByte(value);

    public void UInt16(ushort value)
    {
        Span<byte> bytes = stackalloc byte[sizeof(ushort)];
        BinaryPrimitives.WriteUInt16BigEndian(bytes, value);
        stream.Write(bytes);
    }

    public void UInt32(uint value)
    {
        Span<byte> bytes = stackalloc byte[sizeof(uint)];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        stream.Write(bytes);
    }

    public void Bytes(ReadOnlySpan<byte> bytes) => stream.Write(bytes);

    public void Zeros(int count)
    {
        for (var i = 0; i < count; i++)
        {
            stream.WriteByte(0);
        }
    }

    /// <summary>Overwrites 4 bytes written earlier, for a value known only once later boxes are laid out.</summary>
    public void Patch(int offset, uint value) =>
        BinaryPrimitives.WriteUInt32BigEndian(stream.GetBuffer().AsSpan(offset, sizeof(uint)), value);

    public byte[] ToArray() => stream.ToArray();
}
