using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.RegularExpressions;
using VideoVault.PiApiSimulator.Families;

namespace VideoVault.PiApiSimulator.Faults;

/// <summary>
/// The faults a caller asks the simulator to inject for one task, written as tags inside the
/// prompt: <c>a cat [sim:fail] [sim:size=10485760]</c> or, equivalently, <c>a cat [sim:fail,size=10485760]</c>.
/// Tag names are case-insensitive; an unknown tag or a bad value makes the create call answer 400,
/// so a typo never silently turns into a fault-free run.
/// </summary>
/// <remarks>
/// Task lifecycle (<c>POST /api/v1/task</c>):
/// <list type="bullet">
/// <item><c>fail</c>: the task ends <c>failed</c> with a filled <c>error</c> object (the chat stream reports a failure without a link).</item>
/// <item><c>delay=MS</c>: extra delay before the task completes (or before the chat stream's final chunk).</item>
/// <item><c>submit429=N</c>, <c>submit500=N</c>: the first N create calls carrying this exact prompt are refused with
/// 429 (<c>Retry-After: 1</c>) or 500; with both, the 429s come first. Counted per prompt text.</item>
/// <item><c>unauthorized</c>: every create call with this prompt answers 401 even with the right key.</item>
/// <item><c>submitdelay=MS</c>: the create call creates the task (its lifecycle and webhooks start at once) but
/// answers MS late, as when PiAPI is slow to answer or its answer is lost: a caller that gives up first does not
/// know the task exists.</item>
/// <item><c>hold=MS</c>: the task stays <c>pending</c> MS longer (so a cancel can reach it); <c>hold</c> alone keeps it
/// pending until it is cancelled, at most <see cref="LongestHold"/>.</item>
/// <item><c>output=SHAPE</c>: the completed <c>output</c> takes SHAPE whatever the family (<see cref="OutputShapes"/>).</item>
/// </list>
/// Webhooks:
/// <list type="bullet">
/// <item><c>dup</c>: every webhook is delivered twice.</item>
/// <item><c>reorder</c>: the processing webhook is held back and sent after the terminal one.</item>
/// <item><c>nowebhook</c>: no webhooks at all (the task still completes; GET shows it).</item>
/// <item><c>webhookdelay=MS</c>: each webhook waits this long before it is sent.</item>
/// </list>
/// Video (<c>GET /files/{task_id}.mp4</c>):
/// <list type="bullet">
/// <item><c>size=BYTES</c>: video size (at least <see cref="MinimumVideoSize"/>): a playable clip of as many frames as fit,
/// padded to the exact size.</item>
/// <item><c>slow=BYTES_PER_SEC</c>: throttled download.</item>
/// <item><c>truncate</c>: full Content-Length advertised, connection aborted halfway.</item>
/// <item><c>html</c>: a 200 <c>text/html</c> error page instead of the video.</item>
/// <item><c>videofail=N</c>: the first N GETs answer 500.</item>
/// <item><c>stall</c>: the video (or the chat stream) stops sending halfway and keeps the connection open.</item>
/// <item><c>cover=html</c>, <c>cover=500</c>: the cover image (<c>GET /files/{task_id}.png</c>) answers an HTML page or 500.</item>
/// </list>
/// Chat completions stream (<c>POST /v1/chat/completions</c>):
/// <list type="bullet">
/// <item><c>cut</c>: the connection is closed mid-stream, without <c>[DONE]</c>.</item>
/// <item><c>nolink</c>: the stream finishes normally but its final text carries no video link.</item>
/// <item><c>finish=REASON</c>: the last chunk's <c>finish_reason</c> is REASON instead of <c>stop</c>.</item>
/// </list>
/// </remarks>
public sealed partial record FaultSpec
{
    /// <summary>
    /// Smallest video the generator can produce: an <c>ftyp</c> box and an empty <c>free</c> box. Videos below
    /// <see cref="Video.ClipPlan.SmallestPlayableSize"/> (one frame, about 33 KB) are that and padding, with nothing to play.
    /// </summary>
    public const long MinimumVideoSize = 40;

    public static FaultSpec None { get; } = new();

    /// <summary>How long a bare <c>hold</c> keeps a task pending when nobody cancels it.</summary>
    public static TimeSpan LongestHold { get; } = TimeSpan.FromMinutes(10);

    /// <summary>The values of <c>[sim:output=...]</c>.</summary>
    public static IReadOnlyDictionary<string, OutputShape> OutputShapes { get; } = new Dictionary<string, OutputShape>(StringComparer.Ordinal)
    {
        ["video"] = OutputShape.Video,
        ["video.url"] = OutputShape.VideoObject,
        ["video_url"] = OutputShape.VideoUrl,
        ["download_url"] = OutputShape.DownloadUrl,
        ["works"] = OutputShape.Works,
        ["works-resource"] = OutputShape.WorksResource,
        ["generation"] = OutputShape.Generation,
        ["empty"] = OutputShape.Empty,
        ["none"] = OutputShape.None,
    };

    public bool Fail { get; init; }
    public TimeSpan CompletionDelay { get; init; }
    public int Submit429Count { get; init; }
    public int Submit500Count { get; init; }
    public bool Unauthorized { get; init; }
    public TimeSpan SubmitAnswerDelay { get; init; }
    public TimeSpan PendingHold { get; init; }
    public OutputShape? ForcedOutput { get; init; }

    public bool DuplicateWebhooks { get; init; }
    public bool ReorderWebhooks { get; init; }
    public bool NoWebhooks { get; init; }
    public TimeSpan WebhookDelay { get; init; }

    public long? VideoSize { get; init; }
    public long? VideoBytesPerSecond { get; init; }
    public bool TruncateVideo { get; init; }
    public bool HtmlVideo { get; init; }
    public int VideoFailureCount { get; init; }
    public bool Stall { get; init; }
    public CoverFault Cover { get; init; }

    public bool CutStream { get; init; }
    public bool NoLink { get; init; }
    public string? FinishReason { get; init; }

    /// <summary>Reads every <c>[sim:...]</c> tag in <paramref name="prompt"/>.</summary>
    /// <exception cref="FormatException">A tag is unknown or has a missing or invalid value.</exception>
    public static FaultSpec Parse(string prompt)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        var spec = None;
        foreach (Match tag in TagPattern().Matches(prompt))
        {
            foreach (var item in tag.Groups[1].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                spec = Apply(spec, item);
            }
        }

        return spec;
    }

    /// <summary>Like <see cref="Parse"/>, reporting a bad tag through <paramref name="error"/> instead of throwing.</summary>
    public static bool TryParse(string prompt, out FaultSpec spec, [NotNullWhen(false)] out string? error)
    {
        try
        {
            spec = Parse(prompt);
            error = null;
            return true;
        }
        catch (FormatException ex)
        {
            spec = None;
            error = ex.Message;
            return false;
        }
    }

    private static FaultSpec Apply(FaultSpec spec, string item)
    {
        var separator = item.IndexOf('=', StringComparison.Ordinal);
        var name = (separator < 0 ? item : item[..separator]).Trim().ToLowerInvariant();
        var value = separator < 0 ? null : item[(separator + 1)..].Trim();

        return name switch
        {
            "fail" => Flagged(value, name, spec with { Fail = true }),
            "unauthorized" => Flagged(value, name, spec with { Unauthorized = true }),
            "dup" => Flagged(value, name, spec with { DuplicateWebhooks = true }),
            "reorder" => Flagged(value, name, spec with { ReorderWebhooks = true }),
            "nowebhook" => Flagged(value, name, spec with { NoWebhooks = true }),
            "truncate" => Flagged(value, name, spec with { TruncateVideo = true }),
            "html" => Flagged(value, name, spec with { HtmlVideo = true }),
            "stall" => Flagged(value, name, spec with { Stall = true }),
            "cut" => Flagged(value, name, spec with { CutStream = true }),
            "nolink" => Flagged(value, name, spec with { NoLink = true }),
            "delay" => spec with { CompletionDelay = Milliseconds(value, name) },
            "webhookdelay" => spec with { WebhookDelay = Milliseconds(value, name) },
            "submitdelay" => spec with { SubmitAnswerDelay = Milliseconds(value, name) },
            "submit429" => spec with { Submit429Count = (int)Number(value, name, 0, int.MaxValue) },
            "submit500" => spec with { Submit500Count = (int)Number(value, name, 0, int.MaxValue) },
            "videofail" => spec with { VideoFailureCount = (int)Number(value, name, 0, int.MaxValue) },
            "size" => spec with { VideoSize = Number(value, name, MinimumVideoSize, long.MaxValue) },
            "slow" => spec with { VideoBytesPerSecond = Number(value, name, 1, long.MaxValue) },
            "finish" => spec with { FinishReason = Word(value, name) },
            "hold" => spec with { PendingHold = value is null ? LongestHold : Milliseconds(value, name) },
            "output" => spec with { ForcedOutput = Choice(value, name, OutputShapes) },
            "cover" => spec with { Cover = Choice(value, name, CoverFaults) },
            _ => throw new FormatException($"Unknown simulator tag '[sim:{name}]'."),
        };
    }

    private static FaultSpec Flagged(string? value, string name, FaultSpec result) =>
        value is null ? result : throw new FormatException($"Simulator tag '[sim:{name}]' takes no value.");

    private static long Number(string? value, string name, long minimum, long maximum) =>
        long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= minimum && number <= maximum
            ? number
            : throw new FormatException($"Simulator tag '[sim:{name}=N]' needs a whole number from {minimum} to {maximum}, got '{value}'.");

    private static TimeSpan Milliseconds(string? value, string name) =>
        TimeSpan.FromMilliseconds(Number(value, name, 0, (long)TimeSpan.FromDays(1).TotalMilliseconds));

    private static T Choice<T>(string? value, string name, IReadOnlyDictionary<string, T> choices) =>
        value is not null && choices.TryGetValue(value.ToLowerInvariant(), out var choice)
            ? choice
            : throw new FormatException($"Simulator tag '[sim:{name}=...]' takes one of {string.Join(", ", choices.Keys)}, got '{value}'.");

    private static string Word(string? value, string name) =>
        value is { Length: > 0 } && WordPattern().IsMatch(value)
            ? value
            : throw new FormatException($"Simulator tag '[sim:{name}=REASON]' needs a word such as 'length', got '{value}'.");

    private static readonly Dictionary<string, CoverFault> CoverFaults = new(StringComparer.Ordinal)
    {
        ["html"] = CoverFault.Html,
        ["500"] = CoverFault.ServerError,
    };

    [GeneratedRegex(@"\[sim:([^\]]*)\]", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TagPattern();

    [GeneratedRegex("^[a-z_]+$", RegexOptions.CultureInvariant)]
    private static partial Regex WordPattern();
}
