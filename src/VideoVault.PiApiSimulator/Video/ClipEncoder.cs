using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Options;

namespace VideoVault.PiApiSimulator.Video;

/// <summary>
/// Encodes one task's clip with ffmpeg (libx264, drawtext). Every setting that could vary between runs is pinned
/// (one encoder and filter thread, bit-exact muxing, no metadata, no x264 version SEI), so the same task id always
/// gives the same bytes with the same ffmpeg, and the ledger can recompute the SHA-256 of what was served.
/// </summary>
internal sealed partial class ClipEncoder(IOptions<SimulatorOptions> options, TimeProvider timeProvider, ILogger<ClipEncoder> logger)
{
    /// <summary>An encode takes well under a second; this only stops a wedged ffmpeg from holding requests forever.</summary>
    private static readonly TimeSpan EncodeTimeout = TimeSpan.FromMinutes(1);

    public async Task<VideoClip> EncodeAsync(string taskId, ClipPreset preset, CancellationToken cancellationToken)
    {
        if (!VideoTools.IsFilterSafe(taskId))
        {
            throw new ArgumentException($"Task id '{taskId}' has characters the drawtext filter would read as syntax.", nameof(taskId));
        }

        var output = Path.Combine(Path.GetTempPath(), $"videovault-clip-{Guid.NewGuid():N}.mp4");
        var started = timeProvider.GetTimestamp();
        try
        {
            var errors = await RunAsync(Arguments(taskId, preset, output), cancellationToken);
            if (errors is not null)
            {
                Log.EncodeFailed(logger, taskId, preset.Name, errors);
                throw new InvalidOperationException($"ffmpeg could not encode the {preset.Name} clip of task {taskId}: {errors}");
            }

            var clip = VideoClip.Parse(await File.ReadAllBytesAsync(output, cancellationToken));
            Log.Encoded(logger, taskId, preset.Name, clip.Length, timeProvider.GetElapsedTime(started).TotalMilliseconds);
            return clip;
        }
        finally
        {
            File.Delete(output);
        }
    }

    /// <returns>Null on success, else what ffmpeg said (its exit code when it said nothing).</returns>
    private async Task<string?> RunAsync(IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(options.Value.FfmpegPath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var timeout = new CancellationTokenSource(EncodeTimeout, timeProvider);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {start.FileName}.");

        // Both pipes are drained while ffmpeg runs, so a full pipe can never block it.
        var standardOutput = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var standardError = process.StandardError.ReadToEndAsync(CancellationToken.None);
        try
        {
            await process.WaitForExitAsync(either.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            if (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"ffmpeg did not finish a clip within {EncodeTimeout}.");
            }

            throw;
        }

        await standardOutput;
        var errors = (await standardError).Trim();
        return process.ExitCode == 0 ? null : errors.Length > 0 ? errors : $"exit code {process.ExitCode}";
    }

    private IEnumerable<string> Arguments(string taskId, ClipPreset preset, string output)
    {
        var frames = preset.FrameRate * preset.Seconds;
        var source = string.Create(CultureInfo.InvariantCulture, $"testsrc2=size={preset.Width}x{preset.Height}:rate={preset.FrameRate}:duration={preset.Seconds}");
        var label = string.Create(
            CultureInfo.InvariantCulture,
            $"drawtext=fontfile={options.Value.FontFile}:text={preset.LabelOf(taskId)}:fontsize={preset.FontSize}:fontcolor=white:box=1:boxcolor=black@0.6:boxborderw=2:x=(w-tw)/2:y=h-th-4");
        return
        [
            "-hide_banner", "-nostdin", "-loglevel", "error", "-filter_threads", "1",
            "-f", "lavfi", "-i", source,
            "-vf", label,
            "-c:v", "libx264", "-threads", "1", "-preset", "veryfast", "-profile:v", "baseline", "-pix_fmt", "yuv420p",
            "-crf", preset.Crf.ToString(CultureInfo.InvariantCulture), "-g", frames.ToString(CultureInfo.InvariantCulture),

            // SEI NAL units (type 6) carry x264's version and option string: bytes that say nothing to a player.
            "-bsf:v", "filter_units=remove_types=6",
            "-map_metadata", "-1", "-fflags", "+bitexact", "-flags:v", "+bitexact",
            "-movflags", "+faststart", "-f", "mp4", "-y", output,
        ];
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Video {TaskId}: encoded the {Preset} clip, {Bytes} bytes in {Milliseconds:F0} ms")]
        public static partial void Encoded(ILogger logger, string taskId, string preset, int bytes, double milliseconds);

        [LoggerMessage(Level = LogLevel.Error, Message = "Video {TaskId}: ffmpeg could not encode the {Preset} clip: {Errors}")]
        public static partial void EncodeFailed(ILogger logger, string taskId, string preset, string errors);
    }
}
