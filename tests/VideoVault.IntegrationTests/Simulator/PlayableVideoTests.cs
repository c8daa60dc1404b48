using VideoVault.PiApiSimulator.Video;
using VideoVault.PiApiSimulator.Video.H264;
using VideoVault.PiApiSimulator.Video.Pattern;

namespace VideoVault.IntegrationTests.Simulator;

/// <summary>
/// ffprobe and ffmpeg read the videos as a player would. Browsers (Debian's chromium among them) decode H.264 with the
/// same FFmpeg decoder, so a clean decode here is the stand-in for "a browser plays it".
/// </summary>
public sealed class PlayableVideoTests(SimulatorFixture simulator) : IClassFixture<SimulatorFixture>
{
    private const string TaskId = "0f8fad5b-d9cb-469f-a165-70867728950e";

    private static long FullClip => ClipPlan.ClipSize(ClipFormat.MaxFrames);

    public static TheoryData<long> Sizes =>
    [
        ClipPlan.SmallestPlayableSize,
        40 * 1024,
        64 * 1024,
        FullClip,
        FullClip + 5,
        FullClip + 8,
        1024 * 1024 + 17,
    ];

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task Ffprobe_reads_an_h264_mp4_of_the_planned_frames_and_ffmpeg_decodes_it_cleanly(long size)
    {
        var generator = new VideoGenerator(TaskId, size);
        var video = new byte[size];
        generator.Read(video);

        var probe = await MediaProbe.ReadAsync(video);
        await MediaProbe.DecodeAsync(video);

        Assert.Contains("mp4", probe.FormatName, StringComparison.Ordinal);
        Assert.Equal("h264", probe.Codec);
        Assert.Equal("Constrained Baseline", probe.Profile);
        Assert.Equal((ClipFormat.Width, ClipFormat.Height), (probe.Width, probe.Height));
        Assert.Equal("yuv420p", probe.PixelFormat);
        Assert.Equal(generator.Frames, probe.Frames);
        Assert.True(probe.Frames >= 1);
        Assert.Equal((double)generator.Frames / ClipFormat.FramesPerSecond, probe.Duration, 0.01);
    }

    [Fact]
    public async Task The_decoded_frames_are_the_drawn_test_pattern_sample_for_sample()
    {
        var video = new byte[FullClip];
        new VideoGenerator(TaskId, FullClip).Read(video);

        var decoded = await MediaProbe.DecodeFramesAsync(video);

        var frameSize = Drawn(new TestPattern(TaskId), 0).Length;
        Assert.Equal(ClipFormat.MaxFrames * frameSize, decoded.Length);
        var pattern = new TestPattern(TaskId);
        for (var frame = 0; frame < ClipFormat.MaxFrames; frame++)
        {
            var expected = Drawn(pattern, frame);
            var actual = decoded.AsSpan(frame * frameSize, frameSize);
            var mismatch = actual.CommonPrefixLength(expected);
            Assert.True(mismatch == frameSize, $"frame {frame} differs from the drawn pattern at byte {mismatch} of its planes");
        }
    }

    [Fact]
    public async Task A_video_served_over_http_plays()
    {
        var created = await simulator.CreateTaskAsync("a playable take");
        var taskId = created.GetProperty("task_id").GetString()!;
        await simulator.WaitForStatusAsync(taskId, "completed");

        var video = await simulator.Anonymous.GetByteArrayAsync($"files/{taskId}.mp4");
        var probe = await MediaProbe.ReadAsync(video);
        await MediaProbe.DecodeAsync(video);

        Assert.Equal(SimulatorFixture.DefaultVideoSize, video.Length);
        Assert.Equal("h264", probe.Codec);
        Assert.Equal(ClipFormat.MaxFrames, probe.Frames);
        Assert.Equal(3.0, probe.Duration, 0.01);
    }

    /// <summary>The frame as ffmpeg writes raw yuv420p: the visible (cropped) Y plane, then Cb, then Cr.</summary>
    private static byte[] Drawn(TestPattern pattern, int frame)
    {
        const int size = ClipFormat.MacroblockSize;
        const int chromaWidth = ClipFormat.Width / 2;
        const int lumaSize = ClipFormat.Width * ClipFormat.Height;
        const int chromaSize = chromaWidth * (ClipFormat.Height / 2);
        var planes = new byte[lumaSize + (2 * chromaSize)];
        var samples = new byte[SliceLayout.PcmBytes];
        for (var address = 0; address < ClipFormat.MacroblockCount; address++)
        {
            pattern.RenderMacroblock(frame, address, samples);
            var left = address % ClipFormat.WidthInMacroblocks * size;
            var top = address / ClipFormat.WidthInMacroblocks * size;
            for (var y = 0; y < size && top + y < ClipFormat.Height; y++)
            {
                samples.AsSpan(y * size, size).CopyTo(planes.AsSpan(((top + y) * ClipFormat.Width) + left));
            }

            for (var y = 0; y < size / 2 && (top / 2) + y < ClipFormat.Height / 2; y++)
            {
                var row = (((top / 2) + y) * chromaWidth) + (left / 2);
                samples.AsSpan(256 + (y * 8), 8).CopyTo(planes.AsSpan(lumaSize + row));
                samples.AsSpan(320 + (y * 8), 8).CopyTo(planes.AsSpan(lumaSize + chromaSize + row));
            }
        }

        return planes;
    }
}
