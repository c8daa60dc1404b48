using System.ComponentModel.DataAnnotations;

namespace VideoVault.PiApiSimulator;

/// <summary>Settings of the simulator, bound from the <c>Simulator</c> configuration section.</summary>
public sealed class SimulatorOptions
{
    public const string SectionName = "Simulator";

    /// <summary>The key callers must send (<c>X-API-Key</c>, or <c>Authorization: Bearer</c> on chat completions).</summary>
    [Required(AllowEmptyStrings = false)]
    public string ApiKey { get; set; } = "sim-key";

    /// <summary>Base of the video URLs handed out; when null, the server's own bound address.</summary>
    [Url]
    public string? PublicBaseUrl { get; set; }

    /// <summary>Pause between lifecycle steps and between chat stream chunks.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan StepDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>HTTP attempts per webhook before it is given up.</summary>
    [Range(1, 100)]
    public int WebhookAttempts { get; set; } = 4;

    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan WebhookRetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Timeout of one webhook HTTP attempt.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:10:00")]
    public TimeSpan WebhookTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Standard Webhooks secrets (<c>whsec_</c> + base64) the receiver at <c>/consumer/{endpoint}</c> verifies
    /// deliveries with; empty means <see cref="DevelopmentConsumerSecret"/>, the dev sample's
    /// <c>Events__SigningSecrets__0</c>, so the local stack's events verify out of the box.
    /// </summary>
    public List<string> ConsumerSecrets { get; set; } = [];

    public const string DevelopmentConsumerSecret = "whsec_lkWqFZJ/EQp/cdKg10BvfsSw8DDdGdSixfRIIcuuSTg=";

    /// <summary>
    /// Models (<c>veo3</c>) and <c>model/task_type</c> pairs (<c>kling/omni_video_generation</c>) whose create calls answer
    /// like a model PiAPI has removed (HTTP 500, <c>failed to create task: model not found</c>); read live.
    /// </summary>
    public List<string> RemovedModels { get; set; } = [];

    /// <summary>Video size in bytes when the prompt carries no <c>[sim:size=...]</c> tag.</summary>
    [Range(Faults.FaultSpec.MinimumVideoSize, long.MaxValue)]
    public long DefaultVideoSize { get; set; } = 2 * 1024 * 1024;
}
