using System.Buffers.Binary;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using VideoVault.PiApiSimulator.Families;

namespace VideoVault.PiApiSimulator.Video;

/// <summary>
/// A task's cover: a 64x36 PNG (8-bit RGB) of one colour taken from the SHA-256 of the task id, with a lighter band
/// across the middle so it is not a flat square. The same id always gives the same bytes.
/// </summary>
internal static class CoverImage
{
    private const int Width = OutputBuilder.CoverWidth;
    private const int Height = OutputBuilder.CoverHeight;

    private static readonly byte[] Signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly uint[] CrcTable = BuildCrcTable();

    public static byte[] For(string taskId)
    {
        var colour = SHA256.HashData(Encoding.UTF8.GetBytes(taskId));
        using var png = new MemoryStream();
        png.Write(Signature);

        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, Width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), Height);
        header[8] = 8;   // bits per sample
        header[9] = 2;   // colour type: RGB
        WriteChunk(png, "IHDR", header);
        WriteChunk(png, "IDAT", Compress(colour));
        WriteChunk(png, "IEND", []);
        return png.ToArray();
    }

    /// <summary>The zlib stream of the scanlines, each led by filter type 0 (none).</summary>
    private static byte[] Compress(ReadOnlySpan<byte> colour)
    {
        var row = new byte[1 + (Width * 3)];
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            for (var y = 0; y < Height; y++)
            {
                var band = y >= Height / 3 && y < Height * 2 / 3;
                for (var x = 0; x < Width; x++)
                {
                    for (var channel = 0; channel < 3; channel++)
                    {
                        row[1 + (x * 3) + channel] = band ? (byte)(255 - ((255 - colour[channel]) / 2)) : colour[channel];
                    }
                }

                zlib.Write(row);
            }
        }

        return compressed.ToArray();
    }

    private static void WriteChunk(Stream png, string type, byte[] data)
    {
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(number, data.Length);
        png.Write(number);
        var typeBytes = Encoding.ASCII.GetBytes(type);
        png.Write(typeBytes);
        png.Write(data);
        BinaryPrimitives.WriteUInt32BigEndian(number, Crc(Crc(uint.MaxValue, typeBytes), data) ^ uint.MaxValue);
        png.Write(number);
    }

    /// <summary>CRC-32 (ISO 3309, as PNG requires) continued from <paramref name="crc"/>.</summary>
    private static uint Crc(uint crc, ReadOnlySpan<byte> bytes)
    {
        foreach (var value in bytes)
        {
            crc = CrcTable[(crc ^ value) & 0xFF] ^ (crc >> 8);
        }

        return crc;
    }

    private static uint[] BuildCrcTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < table.Length; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}
