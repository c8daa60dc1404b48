using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace VideoVault.IntegrationTests.Simulator;

/// <summary>
/// What ffprobe reads from a video file, whether ffmpeg decodes every frame of it without an error, and the frames it
/// decodes. <c>scripts/test.sh</c> installs ffmpeg (<c>scripts/ensure-ffmpeg.sh</c>); the simulator itself does not need it.
/// </summary>
internal sealed record MediaProbe(string FormatName, string Codec, string Profile, int Width, int Height, string PixelFormat, int Frames, double Duration)
{
    public static async Task<MediaProbe> ReadAsync(byte[] video)
    {
        using var file = new TemporaryFile(video);
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

    /// <summary>Decodes the whole video, failing on the first error or warning ffmpeg reports.</summary>
    public static async Task DecodeAsync(byte[] video)
    {
        using var file = new TemporaryFile(video);
        await RunAsync("ffmpeg", ["-v", "warning", "-xerror", "-nostdin", "-i", file.Path, "-f", "null", "-"]);
    }

    /// <summary>Every decoded frame as raw planar 4:2:0 (Y, then Cb, then Cr), back to back.</summary>
    public static async Task<byte[]> DecodeFramesAsync(byte[] video)
    {
        using var file = new TemporaryFile(video);
        using var output = new TemporaryFile([]);
        await RunAsync("ffmpeg", ["-v", "warning", "-xerror", "-nostdin", "-y", "-i", file.Path, "-f", "rawvideo", "-pix_fmt", "yuv420p", output.Path]);
        return await File.ReadAllBytesAsync(output.Path);
    }

    private static async Task<string> RunAsync(string tool, string[] arguments)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException($"{tool} is not installed; run scripts/ensure-ffmpeg.sh (scripts/test.sh does).", ex);
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0 && (await errors).Length == 0, $"{tool} exited {process.ExitCode}: {await errors}");
            return await output;
        }
    }

    private sealed class TemporaryFile : IDisposable
    {
        public TemporaryFile(byte[] bytes)
        {
            Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"videovault-probe-{Guid.NewGuid():N}.mp4");
            File.WriteAllBytes(Path, bytes);
        }

        public string Path { get; }

        public void Dispose() => File.Delete(Path);
    }
}
