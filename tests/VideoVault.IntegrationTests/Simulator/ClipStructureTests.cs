using System.Buffers.Binary;
using VideoVault.PiApiSimulator.Video;
using VideoVault.PiApiSimulator.Video.H264;

namespace VideoVault.IntegrationTests.Simulator;

/// <summary>The MP4 the generator writes, read back box by box and sample by sample, without ffmpeg.</summary>
public sealed class ClipStructureTests
{
    private const string TaskId = "0f8fad5b-d9cb-469f-a165-70867728950e";

    public static TheoryData<long> Sizes =>
    [
        ClipPlan.SmallestPlayableSize,
        40 * 1024,
        ClipPlan.ClipSize(ClipFormat.MaxFrames),
        ClipPlan.ClipSize(ClipFormat.MaxFrames) + 5,
        1024 * 1024 + 17,
    ];

    [Theory]
    [MemberData(nameof(Sizes))]
    public void The_boxes_nest_and_their_sizes_add_up_to_the_file(long size)
    {
        var file = Generate(TaskId, size, out var frames);

        var top = Mp4Boxes.TopLevel(file);
        var padding = size - ClipPlan.ClipSize(frames);
        Assert.Equal(padding >= 8 ? ["ftyp", "moov", "mdat", "free"] : ["ftyp", "moov", "mdat"], top.Select(box => box.Type));
        Assert.Equal(size, top.Sum(box => box.Size));
        Assert.Equal(
            ["stsd", "stts", "stss", "stsc", "stsz", "stco"],
            Mp4Boxes.Children(file, Mp4Boxes.Find(file, "moov/trak/mdia/minf/stbl")).Select(box => box.Type));
        Assert.Equal(["avcC"], Mp4Boxes.Children(file, Mp4Boxes.Find(file, "moov/trak/mdia/minf/stbl/stsd/avc1")).Select(box => box.Type));
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void The_sample_table_lists_every_frame_back_to_back_in_the_mdat(long size)
    {
        var file = Generate(TaskId, size, out var frames);
        var sizes = SampleSizes(file);
        var mdat = Mp4Boxes.Find(file, "mdat");
        var chunkOffset = BinaryPrimitives.ReadUInt32BigEndian(Mp4Boxes.FullBoxFields(file, Mp4Boxes.Find(file, "moov/trak/mdia/minf/stbl/stco"))[4..]);
        var times = Mp4Boxes.FullBoxFields(file, Mp4Boxes.Find(file, "moov/trak/mdia/minf/stbl/stts"));

        Assert.True(frames >= 1);
        Assert.Equal(frames, sizes.Length);
        Assert.Equal(mdat.PayloadOffset, chunkOffset);
        Assert.Equal((uint)frames, BinaryPrimitives.ReadUInt32BigEndian(times[4..]));
        Assert.Equal((uint)ClipFormat.FrameDuration, BinaryPrimitives.ReadUInt32BigEndian(times[8..]));
        Assert.InRange(mdat.End - mdat.PayloadOffset - sizes.Sum(), 0, 7);

        var offset = (int)chunkOffset;
        for (var frame = 0; frame < frames; frame++)
        {
            Assert.Equal(sizes[frame] - 4, BinaryPrimitives.ReadInt32BigEndian(file.AsSpan(offset)));
            Assert.Equal(frame == 0 ? 5 : 1, file[offset + 4] & 0x1F); // an IDR picture, then non-IDR ones
            offset += sizes[frame];
        }
    }

    [Fact]
    public void The_frame_count_follows_the_size_and_every_clip_fits_exactly()
    {
        for (var frames = 1; frames <= ClipFormat.MaxFrames; frames++)
        {
            var exact = ClipPlan.ClipSize(frames);
            var file = Generate(TaskId, exact, out var fitted);
            Generate(TaskId, exact - 1, out var fewer);
            Assert.Equal(frames, fitted);
            Assert.Equal(frames - 1, fewer);
            Assert.Equal(["ftyp", "moov", "mdat"], Mp4Boxes.TopLevel(file).Select(box => box.Type));
        }

        Assert.Equal(ClipFormat.MaxFrames, new VideoGenerator(TaskId, 1L << 40).Frames);
    }

    [Theory]
    [InlineData(TaskId)]
    [InlineData("task_01k7e6t6skf46ahq8tcee5bskz")]
    [InlineData("UPPER case, punctuation & ünïcode: drawn as boxes")]
    [InlineData("")]
    public void No_nal_unit_holds_00_00_so_none_needs_emulation_prevention(string taskId)
    {
        var file = Generate(taskId, ClipPlan.ClipSize(ClipFormat.MaxFrames), out _);
        var offset = (int)Mp4Boxes.Find(file, "mdat").PayloadOffset;
        List<byte[]> units = [ParameterSets.Sequence, ParameterSets.Picture];
        foreach (var size in SampleSizes(file))
        {
            units.Add(file[(offset + 4)..(offset + size)]);
            offset += size;
        }

        foreach (var unit in units)
        {
            Assert.Equal(-1, unit.AsSpan().IndexOf((ReadOnlySpan<byte>)[0, 0]));
            Assert.NotEqual(0, unit[^1]);
        }
    }

    [Fact]
    public void Sizes_are_planned_without_drawing_and_the_full_clip_stays_small()
    {
        var full = ClipPlan.ClipSize(ClipFormat.MaxFrames);

        Assert.Equal(full, ClipPlan.SampleSizes(ClipFormat.MaxFrames).Sum() + Mp4Boxes.Find(Generate(TaskId, full, out _), "mdat").PayloadOffset);

        // The chaos tests' smallest videos (40 KiB) and their default (64 KiB) must hold a clip of several frames.
        Assert.InRange(ClipPlan.FramesFor(40 * 1024), 5, ClipFormat.MaxFrames);
        Assert.InRange(full, 64 * 1024, 128 * 1024);
    }

    private static byte[] Generate(string taskId, long size, out int frames)
    {
        var generator = new VideoGenerator(taskId, size);
        var file = new byte[size];
        Assert.Equal(size, generator.Read(file));
        frames = generator.Frames;
        return file;
    }

    private static int[] SampleSizes(byte[] file)
    {
        var fields = Mp4Boxes.FullBoxFields(file, Mp4Boxes.Find(file, "moov/trak/mdia/minf/stbl/stsz"));
        Assert.Equal(0u, BinaryPrimitives.ReadUInt32BigEndian(fields));
        var count = BinaryPrimitives.ReadInt32BigEndian(fields[4..]);
        var sizes = new int[count];
        for (var index = 0; index < count; index++)
        {
            sizes[index] = BinaryPrimitives.ReadInt32BigEndian(fields[(8 + (4 * index))..]);
        }

        return sizes;
    }
}
