using System.Buffers.Binary;
using System.Text;

namespace VideoVault.IntegrationTests.Simulator;

/// <summary>The top-level boxes of an MP4 file, read from their headers alone (32-bit sizes and 64-bit largesizes).</summary>
internal static class Mp4Boxes
{
    public static IReadOnlyList<(string Type, long Offset, long Size)> TopLevel(ReadOnlySpan<byte> file)
    {
        var boxes = new List<(string, long, long)>();
        long offset = 0;
        while (offset < file.Length)
        {
            var header = file[(int)offset..];
            long size = BinaryPrimitives.ReadUInt32BigEndian(header);
            var type = Encoding.ASCII.GetString(header.Slice(4, 4));
            if (size == 1)
            {
                size = (long)BinaryPrimitives.ReadUInt64BigEndian(header[8..]);
            }

            Assert.True(size >= 8 && offset + size <= file.Length, $"box '{type}' at {offset} has size {size} in a file of {file.Length} bytes");
            boxes.Add((type, offset, size));
            offset += size;
        }

        return boxes;
    }

    public static string[] Types(ReadOnlySpan<byte> file) => [.. TopLevel(file).Select(box => box.Type)];
}
