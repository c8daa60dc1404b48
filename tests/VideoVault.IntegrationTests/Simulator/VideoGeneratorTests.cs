using System.Buffers.Binary;
using System.Security.Cryptography;
using VideoVault.PiApiSimulator.Video;

namespace VideoVault.IntegrationTests.Simulator;

public sealed class VideoGeneratorTests
{
    private static long FullClip => ClipPlan.ClipSize(ClipFormat.MaxFrames);

    public static TheoryData<long> Sizes => [40, 1001, ClipPlan.SmallestPlayableSize + 3, FullClip + 5, 300_003];

    [Theory]
    [MemberData(nameof(Sizes))]
    public void The_content_does_not_depend_on_how_it_is_read(long size)
    {
        var whole = new byte[size];
        Assert.Equal(size, new VideoGenerator("task-a", size).Read(whole));

        var pieces = new byte[size];
        var generator = new VideoGenerator("task-a", size);
        var offset = 0;
        var step = 1;
        while (offset < size)
        {
            offset += generator.Read(pieces.AsSpan(offset, (int)Math.Min(step, size - offset)));
            step = (step * 7 % 1013) + 3;
        }

        Assert.Equal(whole, pieces);
        Assert.Equal(0, generator.Read(new byte[8]));
    }

    [Theory]
    [InlineData(40)]
    [InlineData(5000)]
    public void A_size_too_small_for_one_frame_is_an_ftyp_box_and_padding(long size)
    {
        var bytes = Generate("task-b", size);

        Assert.True(size < ClipPlan.SmallestPlayableSize);
        Assert.Equal(0, new VideoGenerator("task-b", size).Frames);
        Assert.Equal(32u, BinaryPrimitives.ReadUInt32BigEndian(bytes));
        Assert.Equal("ftypisom"u8.ToArray(), bytes[4..12]);
        Assert.Equal("isomiso2avc1mp41"u8.ToArray(), bytes[16..32]);
        Assert.Equal((uint)(size - 32), BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(32)));
        Assert.Equal("free"u8.ToArray(), bytes[36..40]);
    }

    [Theory]
    [InlineData(0, new[] { "ftyp", "moov", "mdat" })]
    [InlineData(1, new[] { "ftyp", "moov", "mdat" })]
    [InlineData(7, new[] { "ftyp", "moov", "mdat" })]
    [InlineData(8, new[] { "ftyp", "moov", "mdat", "free" })]
    [InlineData(1_000_000, new[] { "ftyp", "moov", "mdat", "free" })]
    public void Padding_is_a_free_box_or_when_too_small_for_one_the_end_of_the_mdat(long padding, string[] boxes)
    {
        var bytes = Generate("task-c", FullClip + padding);
        var top = Mp4Boxes.TopLevel(bytes);
        var mdat = top.Single(box => box.Type == "mdat");

        Assert.Equal(boxes, top.Select(box => box.Type));
        Assert.Equal(padding < 8 ? FullClip + padding : FullClip, mdat.End);
    }

    [Fact]
    public void The_same_task_gets_the_same_bytes_and_other_tasks_differ_in_picture_and_padding()
    {
        var size = FullClip + 4096;
        var a = Generate("task-a", size);
        var b = Generate("task-b", size);
        var headerLength = (int)Mp4Boxes.TopLevel(a).Single(box => box.Type == "mdat").PayloadOffset;

        Assert.Equal(a, Generate("task-a", size));
        Assert.Equal(a[..headerLength], b[..headerLength]);
        Assert.NotEqual(SHA256.HashData(a.AsSpan(headerLength, (int)(FullClip - headerLength))), SHA256.HashData(b.AsSpan(headerLength, (int)(FullClip - headerLength))));
        Assert.NotEqual(SHA256.HashData(a.AsSpan((int)FullClip)), SHA256.HashData(b.AsSpan((int)FullClip)));
    }

    [Fact]
    public void Videos_over_4_GiB_use_a_64_bit_free_box_size()
    {
        const long size = 5L * 1024 * 1024 * 1024;
        var head = new byte[FullClip + 16];
        var generator = new VideoGenerator("task-c", size);
        generator.Read(head);

        var free = head.AsSpan((int)FullClip);
        Assert.Equal(1u, BinaryPrimitives.ReadUInt32BigEndian(free));
        Assert.Equal("free"u8.ToArray(), free[4..8].ToArray());
        Assert.Equal((ulong)(size - FullClip), BinaryPrimitives.ReadUInt64BigEndian(free[8..]));
        Assert.Equal(size - head.Length, generator.Remaining);
    }

    private static byte[] Generate(string taskId, long size)
    {
        var bytes = new byte[size];
        new VideoGenerator(taskId, size).Read(bytes);
        return bytes;
    }
}
