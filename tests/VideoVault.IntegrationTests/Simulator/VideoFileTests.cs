using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;

namespace VideoVault.IntegrationTests.Simulator;

public sealed class VideoFileTests(SimulatorFixture simulator) : IClassFixture<SimulatorFixture>
{
    [Fact]
    public async Task The_video_is_an_mp4_whose_size_and_hash_match_the_ledger()
    {
        var taskId = await CompletedTaskAsync("a river");

        using var response = await simulator.Anonymous.GetAsync($"files/{taskId}.mp4");
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("video/mp4", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(SimulatorFixture.DefaultVideoSize, response.Content.Headers.ContentLength);
        Assert.Equal(SimulatorFixture.DefaultVideoSize, bytes.Length);
        Assert.Equal("ftypisom"u8.ToArray(), bytes[4..12]);
        Assert.Equal("isomiso2avc1mp41"u8.ToArray(), bytes[16..32]);
        Assert.Equal(["ftyp", "moov", "mdat", "free"], Mp4Boxes.TopLevel(bytes).Select(box => box.Type));

        var expected = simulator.Ledger.ExpectedVideo(taskId);
        Assert.Equal(bytes.Length, expected.Size);
        Assert.Equal(SHA256.HashData(bytes), expected.Sha256);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), expected.Sha256Hex);
        Assert.Equal(Convert.ToBase64String(SHA256.HashData(bytes)), expected.Sha256Base64);
    }

    [Fact]
    public async Task The_same_task_always_gets_the_same_bytes_and_other_tasks_differ()
    {
        var first = await CompletedTaskAsync("a twin [sim:size=100000]");
        var second = await CompletedTaskAsync("a twin [sim:size=100000]");

        var a = await simulator.Anonymous.GetByteArrayAsync($"files/{first}.mp4");
        var again = await simulator.Anonymous.GetByteArrayAsync($"files/{first}.mp4");
        var b = await simulator.Anonymous.GetByteArrayAsync($"files/{second}.mp4");

        Assert.Equal(a, again);
        Assert.NotEqual(a, b);
        Assert.Equal(100000, b.Length);
    }

    [Fact]
    public async Task The_size_tag_sets_the_length_and_a_multi_megabyte_video_still_matches_the_ledger()
    {
        var taskId = await CompletedTaskAsync("a long take [sim:size=12345679]");

        using var response = await simulator.Anonymous.GetAsync($"files/{taskId}.mp4", HttpCompletionOption.ResponseHeadersRead);
        await using var stream = await response.Content.ReadAsStreamAsync();
        var hash = await SHA256.HashDataAsync(stream);

        Assert.Equal(12345679, response.Content.Headers.ContentLength);
        Assert.Equal(simulator.Ledger.ExpectedVideo(taskId).Sha256, hash);
    }

    [Fact]
    public async Task Head_answers_the_headers_without_a_body()
    {
        var taskId = await CompletedTaskAsync("a glance [sim:size=777777]");

        using var request = new HttpRequestMessage(HttpMethod.Head, $"files/{taskId}.mp4");
        using var response = await simulator.Anonymous.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("video/mp4", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(777777, response.Content.Headers.ContentLength);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Html_serves_an_error_page_with_200()
    {
        var taskId = await CompletedTaskAsync("a broken cdn [sim:html]");

        using var response = await simulator.Anonymous.GetAsync($"files/{taskId}.mp4");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("<!DOCTYPE html>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Truncate_breaks_the_download_halfway()
    {
        var taskId = await CompletedTaskAsync("a cut cable [sim:size=1000000,truncate]");

        using var response = await simulator.Anonymous.GetAsync($"files/{taskId}.mp4", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(1000000, response.Content.Headers.ContentLength);
        await using var stream = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[64 * 1024];
        long received = 0;
        var failure = await Record.ExceptionAsync(async () =>
        {
            int read;
            while ((read = await stream.ReadAsync(buffer)) > 0)
            {
                received += read;
            }
        });

        Assert.IsAssignableFrom<IOException>(failure);
        Assert.Equal(500000, received);
    }

    [Fact]
    public async Task Truncate_makes_a_buffered_get_throw()
    {
        var taskId = await CompletedTaskAsync("a cut cable [sim:size=300000,truncate]");

        var failure = await Record.ExceptionAsync(() => simulator.Anonymous.GetByteArrayAsync($"files/{taskId}.mp4"));

        Assert.True(failure is HttpRequestException or IOException, $"Unexpected {failure?.GetType().Name ?? "success"}");
    }

    [Fact]
    public async Task Videofail_answers_500_to_the_first_gets()
    {
        var taskId = await CompletedTaskAsync("a hiccup [sim:videofail=2,size=4096]");

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await simulator.Anonymous.GetAsync($"files/{taskId}.mp4");
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.InternalServerError, HttpStatusCode.InternalServerError, HttpStatusCode.OK], statuses);
        Assert.Equal(3, simulator.Ledger.Find(taskId)!.VideoRequests);
    }

    [Fact]
    public async Task Stall_sends_half_then_nothing_while_the_connection_stays_open()
    {
        var taskId = await CompletedTaskAsync("a frozen stream [sim:size=200000,stall]");

        using var response = await simulator.Anonymous.GetAsync($"files/{taskId}.mp4", HttpCompletionOption.ResponseHeadersRead);
        await using var stream = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[64 * 1024];
        long received = 0;
        while (received < 100000)
        {
            received += await stream.ReadAsync(buffer);
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => received += await stream.ReadAsync(buffer, timeout.Token));
        Assert.Equal(100000, received);
    }

    [Fact]
    public async Task Slow_throttles_the_download()
    {
        var taskId = await CompletedTaskAsync("a trickle [sim:size=60000,slow=100000]");

        var watch = Stopwatch.StartNew();
        var bytes = await simulator.Anonymous.GetByteArrayAsync($"files/{taskId}.mp4");
        watch.Stop();

        Assert.Equal(60000, bytes.Length);

        // 0.6 s at the nominal rate; the first chunk leaves at once and timers may fire a little early (seen: 499 ms).
        Assert.InRange(watch.Elapsed, TimeSpan.FromMilliseconds(450), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task An_unknown_video_is_404()
    {
        using var response = await simulator.Anonymous.GetAsync($"files/{Guid.NewGuid()}.mp4");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private async Task<string> CompletedTaskAsync(string prompt)
    {
        var created = await simulator.CreateTaskAsync(prompt);
        var taskId = created.GetProperty("task_id").GetString()!;
        await simulator.WaitForStatusAsync(taskId, "completed");
        return taskId;
    }
}
