using System.Globalization;
using System.Text.Json;

namespace VideoVault.PiApiSimulator.Families;

/// <summary>
/// What each family charges, in PiAPI's usage unit (1e-7 USD, so $0.08 is 800,000), from the prices in
/// <c>shared/piapi/video-models.md</c>. Families whose price the facts do not give use a fixed figure, marked below.
/// </summary>
internal static class FamilyPrices
{
    private const decimal UnitsPerDollar = 10_000_000m;

    /// <summary>Sora 2: $0.08/s (<c>sora2-video</c>) or $0.24/s (<c>sora2-pro-video</c>), 4 s when no duration is given.</summary>
    public static long Sora2(string taskType, JsonElement input) =>
        PerSecond(taskType == "sora2-pro-video" ? 0.24m : 0.08m, InputValues.Integer(input, "duration") ?? 4);

    /// <summary>Veo 3 / 3.1: $0.24/s with audio, $0.12/s without; fast $0.09 / $0.06. Audio is on unless <c>generate_audio</c> is false; 8 s by default.</summary>
    public static long Veo(string taskType, JsonElement input)
    {
        var audio = InputValues.Flag(input, "generate_audio") ?? true;
        var fast = taskType.EndsWith("-fast", StringComparison.Ordinal);
        var rate = (fast, audio) switch
        {
            (true, true) => 0.09m,
            (true, false) => 0.06m,
            (false, true) => 0.24m,
            (false, false) => 0.12m,
        };
        var duration = InputValues.Text(input, "duration") is { } text ? long.Parse(text.TrimEnd('s'), CultureInfo.InvariantCulture) : 8;
        return PerSecond(rate, duration);
    }

    /// <summary>
    /// Kling 3.0: 720p $0.10/s without audio, $0.15/s with; 1080p $0.15 / $0.20. The request has no resolution, so
    /// <c>mode</c> std prices as 720p and pro as 1080p. With <c>prefer_multi_shots</c> the shots' durations add up.
    /// </summary>
    public static long Kling3(string taskType, JsonElement input)
    {
        var audio = InputValues.Flag(input, "enable_audio") ?? false;
        var pro = InputValues.Text(input, "mode") == "pro";
        var rate = pro ? (audio ? 0.20m : 0.15m) : (audio ? 0.15m : 0.10m);
        var shots = InputValues.Flag(input, "prefer_multi_shots") == true ? InputValues.SumOfDurations(input, "multi_shots") : 0;
        return PerSecond(rate, shots > 0 ? shots : InputValues.Integer(input, "duration") ?? 5);
    }

    /// <summary>Kling 3.0 omni / o1: 720p $0.15/s without audio, $0.20/s with; 1080p $0.20 / $0.30 (the omni example's 3 s at 720p froze 4,500,000).</summary>
    public static long KlingOmni(string taskType, JsonElement input)
    {
        var audio = InputValues.Flag(input, "enable_audio") ?? false;
        var hd = InputValues.Text(input, "resolution") == "1080p";
        var rate = hd ? (audio ? 0.30m : 0.20m) : (audio ? 0.20m : 0.15m);
        return PerSecond(rate, InputValues.Integer(input, "duration") ?? 5);
    }

    /// <summary>Legacy Kling: price not captured; a fixed $0.05/s (5 s by default).</summary>
    public static long KlingLegacy(string taskType, JsonElement input) => PerSecond(0.05m, InputValues.Integer(input, "duration") ?? 5);

    /// <summary>
    /// Seedance 2: <c>seedance-2</c> 480p $0.10/s, 720p $0.20/s, 1080p $0.50/s; fast 480p $0.08/s, 720p $0.16/s; mini 720p
    /// $0.15/s; less-restriction types +10%. 720p and 5 s when not given.
    /// </summary>
    public static long Seedance(string taskType, JsonElement input)
    {
        var type = FamilyCatalog.SeedanceSuccessor(taskType);
        var resolution = InputValues.Text(input, "resolution") ?? "720p";
        var rate = (type.Contains("-fast", StringComparison.Ordinal), type.Contains("-mini", StringComparison.Ordinal), resolution) switch
        {
            (_, true, _) => 0.15m,
            (true, _, "480p") => 0.08m,
            (true, _, _) => 0.16m,
            (false, _, "480p") => 0.10m,
            (false, _, "1080p") => 0.50m,
            _ => 0.20m,
        };
        var markup = type.EndsWith("-less-restriction", StringComparison.Ordinal) ? 1.10m : 1m;
        return PerSecond(rate * markup, InputValues.Integer(input, "duration") ?? 5);
    }

    /// <summary>Hailuo: $0.20 per generation, $0.30 for <c>s2v-01</c>.</summary>
    public static long Hailuo(string taskType, JsonElement input) => Dollars(InputValues.Text(input, "model") == "s2v-01" ? 0.30m : 0.20m);

    /// <summary>Luma: price not captured; a fixed $0.20 per generation.</summary>
    public static long Luma(string taskType, JsonElement input) => Dollars(0.20m);

    /// <summary>Wan 2.6: price not found; a fixed $0.10/s (5 s by default).</summary>
    public static long Wan(string taskType, JsonElement input) => PerSecond(0.10m, InputValues.Integer(input, "duration") ?? 5);

    private static long PerSecond(decimal dollarsPerSecond, long seconds) => Dollars(dollarsPerSecond * seconds);

    private static long Dollars(decimal dollars) => (long)decimal.Round(dollars * UnitsPerDollar);
}
