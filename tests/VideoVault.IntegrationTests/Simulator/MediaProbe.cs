using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace VideoVault.IntegrationTests.Simulator;

/// <summary>What ffprobe reads from a video file, and whether ffmpeg decodes every frame of it without an error.</summary>
internal sealed record MediaProbe(string FormatName, string Codec, string Profile, int Width, int Height, string PixelFormat, int Frames, double Duration)
{
    public static async Task<MediaProbe> ReadAsync(byte[] video)
    {
        using var file = new TemporaryVideo(video);
        var json = await RunAsync(
            "ffprobe",
            ["-v", "error", "-select_streams", "v:0", "-count_frames", "-show_entries", "stream=codec_name,profile,width,height,pix_fmt,nb_read_frames:format=format_name,duration", "-of", "json", file.Path]);
        using var document = JsonDocument.Parse(json);
        var stream = document.RootElement.GetProperty("streams")[0];
        var format = document.RootElement.GetProperty("format");
        return new MediaProbe(
            format.GetProperty("format_name").GetString()!,
            stream.GetProperty("codec_name").GetString()!,
            stream.GetProperty("profile").GetString()!,
            stream.GetProperty("width").GetInt32(),
            stream.GetProperty("height").GetInt32(),
            stream.GetProperty("pix_fmt").GetString()!,
            int.Parse(stream.GetProperty("nb_read_frames").GetString()!, CultureInfo.InvariantCulture),
            double.Parse(format.GetProperty("duration").GetString()!, CultureInfo.InvariantCulture));
    }

    /// <summary>Decodes the whole video, failing on the first error ffmpeg reports.</summary>
    public static async Task DecodeAsync(byte[] video)
    {
        using var file = new TemporaryVideo(video);
        await RunAsync("ffmpeg", ["-v", "error", "-xerror", "-nostdin", "-i", file.Path, "-f", "null", "-"]);
    }

    private static async Task<string> RunAsync(string tool, string[] arguments)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0 && (await errors).Length == 0, $"{tool} exited {process.ExitCode}: {await errors}");
        return await output;
    }

    private sealed class TemporaryVideo : IDisposable
    {
        public TemporaryVideo(byte[] bytes)
        {
            Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"videovault-probe-{Guid.NewGuid():N}.mp4");
            File.WriteAllBytes(Path, bytes);
        }

        public string Path { get; }

        public void Dispose() => File.Delete(Path);
    }
}
