using System.Buffers.Binary;
using System.Text;

namespace VideoVault.IntegrationTests.Simulator;

/// <summary>One ISO-BMFF box: where it starts, its whole size and its header's size (8, or 16 with a 64-bit largesize).</summary>
internal sealed record Mp4Box(string Type, long Offset, long Size, int HeaderSize)
{
    public long PayloadOffset => Offset + HeaderSize;

    public long End => Offset + Size;
}

/// <summary>Reads MP4 boxes from their headers, checking that every box fits its parent exactly.</summary>
internal static class Mp4Boxes
{
    /// <summary>Bytes before the first child box in boxes that hold fields and then boxes.</summary>
    private static readonly Dictionary<string, int> FieldsBeforeChildren = new(StringComparer.Ordinal)
    {
        ["stsd"] = 8, // version, flags, entry_count
        ["avc1"] = 78, // the visual sample entry's fields
    };

    public static IReadOnlyList<Mp4Box> TopLevel(ReadOnlySpan<byte> file) => Read(file, 0, file.Length);

    public static IReadOnlyList<Mp4Box> Children(ReadOnlySpan<byte> file, Mp4Box parent) =>
        Read(file, parent.PayloadOffset + FieldsBeforeChildren.GetValueOrDefault(parent.Type), parent.End);

    /// <summary>The box at a slash-separated path of types, e.g. <c>moov/trak/mdia/minf/stbl/stsz</c>.</summary>
    public static Mp4Box Find(ReadOnlySpan<byte> file, string path)
    {
        var types = path.Split('/');
        var found = Single(TopLevel(file), types[0], path);
        foreach (var type in types[1..])
        {
            found = Single(Children(file, found), type, path);
        }

        return found;
    }

    private static Mp4Box Single(IReadOnlyList<Mp4Box> boxes, string type, string path)
    {
        var found = boxes.SingleOrDefault(box => box.Type == type);
        Assert.True(found is not null, $"no single '{type}' box on the path {path}");
        return found;
    }

    /// <summary>The payload of a full box after its version and flags.</summary>
    public static ReadOnlySpan<byte> FullBoxFields(ReadOnlySpan<byte> file, Mp4Box box) =>
        file[(int)(box.PayloadOffset + 4)..(int)box.End];

    private static List<Mp4Box> Read(ReadOnlySpan<byte> file, long offset, long end)
    {
        var boxes = new List<Mp4Box>();
        while (offset < end)
        {
            var header = file[(int)offset..];
            long size = BinaryPrimitives.ReadUInt32BigEndian(header);
            var type = Encoding.ASCII.GetString(header.Slice(4, 4));
            var headerSize = 8;
            if (size == 1)
            {
                size = (long)BinaryPrimitives.ReadUInt64BigEndian(header[8..]);
                headerSize = 16;
            }

            Assert.True(size >= headerSize && offset + size <= end, $"box '{type}' at {offset} has size {size}, past its parent's end at {end}");
            boxes.Add(new Mp4Box(type, offset, size, headerSize));
            offset += size;
        }

        return boxes;
    }
}
