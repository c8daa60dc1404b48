using Microsoft.Extensions.Options;

namespace VideoVault.PiApiSimulator.Video;

/// <summary>
/// Stops the simulator's start when it could not make videos, rather than answering 500 to the first download.
/// Looks the tools up without running them, so a start stays cheap.
/// </summary>
internal sealed class VideoToolsValidator : IValidateOptions<SimulatorOptions>
{
    private const string Install = "run `bash scripts/ensure-ffmpeg.sh` (Debian: apt-get install ffmpeg fonts-dejavu-core)";

    public ValidateOptionsResult Validate(string? name, SimulatorOptions options)
    {
        var failures = new List<string>();
        if (VideoTools.Locate(options.FfmpegPath) is null)
        {
            failures.Add($"Simulator:FfmpegPath '{options.FfmpegPath}' is not an executable file or on PATH; {Install}.");
        }

        if (!VideoTools.IsFilterSafe(options.FontFile))
        {
            failures.Add($"Simulator:FontFile '{options.FontFile}' may only hold letters, digits and _ - . / (it goes into an ffmpeg filter graph).");
        }
        else if (!File.Exists(options.FontFile))
        {
            failures.Add($"Simulator:FontFile '{options.FontFile}' does not exist; {Install}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
