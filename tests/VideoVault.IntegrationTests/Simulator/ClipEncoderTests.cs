using System.Diagnostics;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using VideoVault.PiApiSimulator;
using VideoVault.PiApiSimulator.Faults;
using VideoVault.PiApiSimulator.Video;
using Xunit.Abstractions;

namespace VideoVault.IntegrationTests.Simulator;

/// <summary>The clips ffmpeg encodes, read back with ffprobe and decoded with ffmpeg.</summary>
public sealed class ClipEncoderTests(ITestOutputHelper output)
{
    private const string TaskId = "0f8fad5b-d9cb-469f-a165-70867728950e";

    private readonly ClipEncoder encoder = new(Options.Create(new SimulatorOptions()), TimeProvider.System, NullLogger<ClipEncoder>.Instance);

    public static TheoryData<string> Presets => [.. ClipPreset.BySize.Select(preset => preset.Name)];

    [Theory]
    [MemberData(nameof(Presets))]
    public async Task A_clip_is_faststart_h264_of_the_preset_size_and_length(string name)
    {
        var preset = ClipPreset.BySize.Single(p => p.Name == name);
        var watch = Stopwatch.StartNew();
        var clip = await encoder.EncodeAsync(TaskId, preset, CancellationToken.None);
        output.WriteLine($"{name}: {clip.Length} bytes in {watch.ElapsedMilliseconds} ms");

        var probe = await MediaProbe.ReadAsync(clip.Bytes);
        Assert.Equal(("h264", "Constrained Baseline", preset.Width, preset.Height, "yuv420p"), (probe.Codec, probe.Profile, probe.Width, probe.Height, probe.PixelFormat));
        Assert.Contains("mp4", probe.FormatName, StringComparison.Ordinal);
        Assert.Equal(preset.FrameRate * preset.Seconds, probe.Frames);
        Assert.Equal(preset.Seconds, probe.Duration, 0.05);
        Assert.Equal(["ftyp", "moov", "free", "mdat"], Mp4Boxes.Types(clip.Bytes));
        await MediaProbe.DecodeAsync(clip.Bytes);
    }

    [Fact]
    public async Task The_same_task_id_always_encodes_to_the_same_bytes_and_other_ids_differ()
    {
        var first = await encoder.EncodeAsync(TaskId, ClipPreset.Standard, CancellationToken.None);
        var again = await encoder.EncodeAsync(TaskId, ClipPreset.Standard, CancellationToken.None);
        var other = await encoder.EncodeAsync("task_01k7e6t6skf46ahq8tcee5bskz", ClipPreset.Standard, CancellationToken.None);

        Assert.Equal(SHA256.HashData(first.Bytes), SHA256.HashData(again.Bytes));
        Assert.NotEqual(SHA256.HashData(first.Bytes), SHA256.HashData(other.Bytes));
    }

    [Theory]
    [InlineData("00000000-0000-0000-0000-000000000000")]
    [InlineData("ffffffff-ffff-ffff-ffff-ffffffffffff")]
    [InlineData("task_zzzzzzzzzzzzzzzzzzzzzzzzzz")]
    public async Task Clips_stay_within_the_sizes_the_simulator_promises(string taskId)
    {
        var standard = await encoder.EncodeAsync(taskId, ClipPreset.Standard, CancellationToken.None);
        var tiny = await encoder.EncodeAsync(taskId, ClipPreset.Tiny, CancellationToken.None);

        // The chaos test's 64 KiB videos get the standard clip; every allowed size holds at least the tiny one.
        Assert.InRange(standard.Length, 1, 64 * 1024);
        Assert.InRange(tiny.Length, 1, FaultSpec.MinimumVideoSize);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(8)]
    [InlineData(1024 * 1024 + 17)]
    public async Task A_padded_clip_still_plays_in_full(int padding)
    {
        var clip = await encoder.EncodeAsync(TaskId, ClipPreset.Standard, CancellationToken.None);
        var video = new byte[clip.Length + padding];
        new PaddedVideo(TaskId, clip, video.Length).Read(video);

        var probe = await MediaProbe.ReadAsync(video);
        Assert.Equal((320, 180, 72), (probe.Width, probe.Height, probe.Frames));
        await MediaProbe.DecodeAsync(video);
    }

    [Theory]
    [InlineData("a'b")]
    [InlineData("a:b")]
    [InlineData("")]
    public async Task An_id_the_filter_graph_would_misread_is_refused(string taskId)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => encoder.EncodeAsync(taskId, ClipPreset.Tiny, CancellationToken.None));
    }
}
