using System.Buffers.Binary;
using System.Security.Cryptography;
using VideoVault.PiApiSimulator.Video;

namespace VideoVault.IntegrationTests.Simulator;

/// <summary>How a clip is padded to an exact size, on a stand-in clip with the boxes of a faststart MP4.</summary>
public sealed class PaddedVideoTests
{
    private static readonly VideoClip Clip = VideoClip.Parse(StandInClip(1000));

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(8)]
    [InlineData(70_003)]
    public void The_content_does_not_depend_on_how_it_is_read(int padding)
    {
        var size = Clip.Length + padding;
        var whole = new byte[size];
        Assert.Equal(size, new PaddedVideo("task-a", Clip, size).Read(whole));

        var pieces = new byte[size];
        var video = new PaddedVideo("task-a", Clip, size);
        var offset = 0;
        var step = 1;
        while (offset < size)
        {
            offset += video.Read(pieces.AsSpan(offset, Math.Min(step, size - offset)));
            step = step % 13 + 3;
        }

        Assert.Equal(whole, pieces);
        Assert.Equal(0, video.Read(new byte[8]));
    }

    [Fact]
    public void The_clip_is_followed_by_one_free_box_spanning_the_rest()
    {
        var bytes = Read("task-b", Clip.Length + 5000);

        Assert.Equal(Clip.Bytes, bytes[..Clip.Length]);
        Assert.Equal(["ftyp", "moov", "mdat", "free"], Mp4Boxes.Types(bytes));
        Assert.Equal(5000u, BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(Clip.Length)));
    }

    [Fact]
    public void The_exact_clip_size_is_the_clip_alone()
    {
        Assert.Equal(Clip.Bytes, Read("task-b", Clip.Length));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    public void A_gap_too_small_for_a_box_extends_the_media_data_and_leaves_the_cached_clip_alone(int padding)
    {
        var original = Clip.Bytes.ToArray();
        var bytes = Read("task-b", Clip.Length + padding);

        Assert.Equal(["ftyp", "moov", "mdat"], Mp4Boxes.Types(bytes));
        Assert.Equal(Clip.Length - Clip.MediaDataOffset + padding, (int)BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(Clip.MediaDataOffset)));
        Assert.Equal(original, Clip.Bytes);
    }

    [Fact]
    public void Padding_over_4_GiB_uses_a_64_bit_free_box_size()
    {
        const long size = 5L * 1024 * 1024 * 1024;
        var header = new byte[Clip.Length + 16];
        var video = new PaddedVideo("task-c", Clip, size);
        video.Read(header);

        Assert.Equal(1u, BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(Clip.Length)));
        Assert.Equal("free"u8.ToArray(), header[(Clip.Length + 4)..(Clip.Length + 8)]);
        Assert.Equal((ulong)(size - Clip.Length), BinaryPrimitives.ReadUInt64BigEndian(header.AsSpan(Clip.Length + 8)));
        Assert.Equal(size - header.Length, video.Remaining);
    }

    [Fact]
    public void Task_ids_seed_different_padding()
    {
        var a = Read("task-a", 8192);
        var b = Read("task-b", 8192);

        Assert.Equal(a[..(Clip.Length + 8)], b[..(Clip.Length + 8)]);
        Assert.NotEqual(SHA256.HashData(a), SHA256.HashData(b));
        Assert.Equal(a, Read("task-a", 8192));
    }

    [Fact]
    public void A_size_below_the_clip_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new PaddedVideo("task-a", Clip, Clip.Length - 1));
    }

    [Fact]
    public void Only_a_faststart_layout_ending_with_mdat_is_accepted_as_a_clip()
    {
        var clip = StandInClip(100);
        byte[] mdatFirst = [.. clip[..32], .. clip[48..], .. clip[32..48]];
        byte[] noFileType = [.. clip[32..]];
        byte[] trailing = [.. clip, 0, 0, 0, 9, .. "free"u8, 0];

        Assert.Throws<InvalidDataException>(() => VideoClip.Parse(mdatFirst));
        Assert.Throws<InvalidDataException>(() => VideoClip.Parse(noFileType));
        Assert.Throws<InvalidDataException>(() => VideoClip.Parse(trailing));
        Assert.Throws<InvalidDataException>(() => VideoClip.Parse(clip[..^1]));
        Assert.Equal(48, VideoClip.Parse(clip).MediaDataOffset);
    }

    private static byte[] Read(string taskId, long size)
    {
        var bytes = new byte[size];
        Assert.Equal(size, new PaddedVideo(taskId, Clip, size).Read(bytes));
        return bytes;
    }

    /// <summary><c>ftyp</c> (32 bytes), an empty <c>moov</c> (16) and an <c>mdat</c> of <paramref name="mediaBytes"/>.</summary>
    private static byte[] StandInClip(int mediaBytes)
    {
        var bytes = new byte[48 + 8 + mediaBytes];
        var span = bytes.AsSpan();
        BinaryPrimitives.WriteUInt32BigEndian(span, 32);
        "ftypisom"u8.CopyTo(span[4..]);
        BinaryPrimitives.WriteUInt32BigEndian(span[32..], 16);
        "moov"u8.CopyTo(span[36..]);
        BinaryPrimitives.WriteUInt32BigEndian(span[48..], (uint)(8 + mediaBytes));
        "mdat"u8.CopyTo(span[52..]);
        span[56..].Fill(0xAB);
        return bytes;
    }
}
