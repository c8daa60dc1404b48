using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace VideoVault.IntegrationTests.Simulator;

/// <summary>Reads a PNG far enough to prove it is one: signature, chunk CRCs, IHDR size, IDAT that inflates to the scanlines.</summary>
public static class PngCheck
{
    /// <returns>Width and height from IHDR.</returns>
    public static (int Width, int Height) Read(byte[] png)
    {
        Assert.Equal([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], png[..8]);
        var chunks = new List<(string Type, byte[] Data)>();
        for (var offset = 8; offset < png.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(offset));
            var typeAndData = png.AsSpan(offset + 4, 4 + length);
            Assert.Equal(Crc32(typeAndData), BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(offset + 8 + length)));
            chunks.Add((Encoding.ASCII.GetString(typeAndData[..4]), typeAndData[4..].ToArray()));
            offset += 12 + length;
        }

        Assert.Equal(["IHDR", "IDAT", "IEND"], chunks.Select(chunk => chunk.Type));
        var header = chunks[0].Data;
        var (width, height) = (BinaryPrimitives.ReadInt32BigEndian(header), BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(4)));
        Assert.Equal(8, header[8]);
        Assert.Equal(2, header[9]);

        using var inflated = new MemoryStream();
        using (var zlib = new ZLibStream(new MemoryStream(chunks[1].Data), CompressionMode.Decompress))
        {
            zlib.CopyTo(inflated);
        }

        Assert.Equal(height * (1 + (width * 3)), inflated.Length);
        return (width, height);
    }

    /// <summary>Bitwise CRC-32 (a different route from the simulator's table-driven one).</summary>
    private static uint Crc32(ReadOnlySpan<byte> bytes)
    {
        var crc = uint.MaxValue;
        foreach (var value in bytes)
        {
            crc ^= value;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc >> 1) ^ (0xEDB88320 & (0 - (crc & 1)));
            }
        }

        return ~crc;
    }
}
