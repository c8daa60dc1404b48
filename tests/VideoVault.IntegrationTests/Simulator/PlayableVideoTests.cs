using System.Diagnostics;
using System.Net;
using VideoVault.Archiving;
using Xunit.Abstractions;

namespace VideoVault.IntegrationTests.Simulator;

/// <summary>The served videos play: ffprobe reads H.264 of the expected size and length, ffmpeg decodes every frame.</summary>
public sealed class PlayableVideoTests(SimulatorFixture simulator, ITestOutputHelper output) : IClassFixture<SimulatorFixture>
{
    [Theory]
    [InlineData(4096, 128, 72, 1)]
    [InlineData(64 * 1024, 320, 180, 3)]
    [InlineData(1024 * 1024 + 17, 320, 180, 3)]
    public async Task A_served_video_of_any_size_is_h264_that_plays_and_matches_the_ledger(long size, int width, int height, int seconds)
    {
        var taskId = await CompletedTaskAsync($"a test card [sim:size={size}]");

        var bytes = await simulator.Anonymous.GetByteArrayAsync($"files/{taskId}.mp4");

        Assert.Equal(size, bytes.Length);
        var probe = await MediaProbe.ReadAsync(bytes);
        Assert.Equal(("h264", width, height), (probe.Codec, probe.Width, probe.Height));
        Assert.Equal(seconds, probe.Duration, 0.05);
        await MediaProbe.DecodeAsync(bytes);
        Assert.Equal(simulator.Ledger.ExpectedVideo(taskId).Sha256, System.Security.Cryptography.SHA256.HashData(bytes));
        Assert.Equal(VideoSniffer.Mp4ContentType, VideoSniffer.DetectContentType(bytes.AsSpan(0, VideoSniffer.HeadLength)));
    }

    [Fact]
    public async Task Each_task_gets_its_own_picture_and_the_second_download_comes_from_the_cache()
    {
        var first = await CompletedTaskAsync("a twin");
        var second = await CompletedTaskAsync("a twin");

        var watch = Stopwatch.StartNew();
        var a = await simulator.Anonymous.GetByteArrayAsync($"files/{first}.mp4");
        var encoded = watch.Elapsed;
        watch.Restart();
        var again = await simulator.Anonymous.GetByteArrayAsync($"files/{first}.mp4");
        var cached = watch.Elapsed;
        var b = await simulator.Anonymous.GetByteArrayAsync($"files/{second}.mp4");
        output.WriteLine($"{a.Length} bytes: first download {encoded.TotalMilliseconds:F0} ms (clip encoded), second {cached.TotalMilliseconds:F0} ms (cached)");

        Assert.Equal(a, again);
        var mdat = Mp4Boxes.TopLevel(a).Single(box => box.Type == "mdat");
        var clipEnd = (int)(mdat.Offset + mdat.Size);
        Assert.NotEqual(a[..clipEnd], b[..clipEnd]);
    }

    [Fact]
    public async Task Head_needs_no_encode_and_a_failed_encode_answers_500_before_any_byte()
    {
        // An executable that exits 1 passes the start-up check, then fails every encode.
        var broken = new SimulatorFixture(options => options.FfmpegPath = "/bin/false", "None");
        await broken.InitializeAsync();
        try
        {
            var created = await broken.CreateTaskAsync("a broken encoder");
            var taskId = created.GetProperty("task_id").GetString()!;
            await broken.WaitForStatusAsync(taskId, "completed");

            using var head = await broken.Anonymous.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"files/{taskId}.mp4"));
            using var get = await broken.Anonymous.GetAsync($"files/{taskId}.mp4");
            using var retry = await broken.Anonymous.GetAsync($"files/{taskId}.mp4");

            Assert.Equal(HttpStatusCode.OK, head.StatusCode);
            Assert.Equal(SimulatorFixture.DefaultVideoSize, head.Content.Headers.ContentLength);
            Assert.Equal(HttpStatusCode.InternalServerError, get.StatusCode);
            Assert.Empty(await get.Content.ReadAsByteArrayAsync());
            Assert.Equal(HttpStatusCode.InternalServerError, retry.StatusCode);
        }
        finally
        {
            await broken.DisposeAsync();
        }
    }

    private async Task<string> CompletedTaskAsync(string prompt)
    {
        var created = await simulator.CreateTaskAsync(prompt);
        var taskId = created.GetProperty("task_id").GetString()!;
        await simulator.WaitForStatusAsync(taskId, "completed");
        return taskId;
    }
}
