using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace VideoVault;

/// <summary>The app's own settings (section <c>VideoVault</c>); storage, PiAPI, archive and signing have their own sections.</summary>
internal sealed class VideoVaultOptions : IValidatableObject
{
    public const string SectionName = "VideoVault";

    /// <summary>The base URL PiAPI calls back, e.g. https://myapp.azurewebsites.net (a tunnel to port 7071 locally).</summary>
    [Required]
    public Uri? PublicBaseUrl { get; set; }

    [Required, RegularExpression("^[A-Za-z][A-Za-z0-9]{2,62}$")]
    public string TaskTable { get; set; } = "videotasks";

    [Required, RegularExpression("^[a-z0-9](?!.*--)[a-z0-9-]{1,54}[a-z0-9]$")]
    public string WorkQueue { get; set; } = "task-work";

    [Required, RegularExpression("^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$")]
    public string VideoContainer { get; set; } = "videos";

    [Range(1024, 1024 * 1024)]
    public int MaxRequestBodyBytes { get; set; } = 64 * 1024;

    [Range(1024, 4 * 1024 * 1024)]
    public int MaxWebhookBodyBytes { get; set; } = 256 * 1024;

    /// <summary>
    /// The most a webhook may spend copying: webhook senders commonly give up after 10 s (the simulator
    /// does), and a sender that gives up delivers again, so the answer must come well before that.
    /// </summary>
    public static readonly TimeSpan MaxInlineCopyBudget = TimeSpan.FromSeconds(6);

    /// <summary>How long a webhook may spend copying the video itself before handing it to the queue (at most <see cref="MaxInlineCopyBudget"/>).</summary>
    public TimeSpan InlineCopyBudget { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// A video declared larger than this is not copied by the webhook at all but handed to the queue at once:
    /// started inline, it would be cut off at <see cref="InlineCopyBudget"/> and copied again from its first
    /// byte. 0 copies every size inline.
    /// </summary>
    [Range(0, long.MaxValue)]
    public long InlineCopyMaxBytes { get; set; } = 128L * 1024 * 1024;

    /// <summary>How long an archive claim holds; a copy still running past it may be taken over.</summary>
    public TimeSpan ArchiveLease { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// When to first ask PiAPI about a task whose webhook has not made it terminal. Early, so a webhook
    /// lost while a host was down costs minutes; later checks back off (see <see cref="ReconcileInterval"/>).
    /// </summary>
    public TimeSpan ReconcileDelay { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>The longest gap between checks: each one waits twice the one before, from <see cref="ReconcileDelay"/> up to this.</summary>
    public TimeSpan ReconcileInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>When a host starts, it reconciles every open task that has been in its status this long: webhooks sent while no host answered are recovered at once.</summary>
    public TimeSpan RecoveryScanAfter { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The delay before reconcile check <paramref name="attempt"/> (1 = the second; the first is <see cref="ReconcileDelay"/>): doubling from <see cref="ReconcileDelay"/>, at most <see cref="ReconcileInterval"/> (at once, when that is the shorter).</summary>
    public TimeSpan ReconcileDelayFor(int attempt)
    {
        // A chain that starts at once still backs off: from the interval, not from zero.
        var delay = ReconcileDelay > TimeSpan.Zero ? ReconcileDelay : ReconcileInterval;
        for (var i = 0; i < attempt && delay < ReconcileInterval; i++)
        {
            delay *= 2;
        }

        return delay < ReconcileInterval ? delay : ReconcileInterval;
    }

    /// <summary>A task not terminal after this long is given up as expired.</summary>
    public TimeSpan MaxTaskAge { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// After a submit whose outcome is unknown (timed out, or its answer never recorded), how long to
    /// wait beyond <c>PiApi:Timeout</c> for PiAPI's webhook before submitting again.
    /// </summary>
    public TimeSpan UncertainSubmitGrace { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>A non-terminal task unchanged for this long is reconciled by the periodic sweep.</summary>
    public TimeSpan SweepStaleAfter { get; set; } = TimeSpan.FromMinutes(30);

    public TimeSpan SasLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// How many days an archived video is kept; 0 keeps it for ever. The storage lifecycle rule deployed with the
    /// same number removes it; the app shows when (<c>video.expires_at</c>) and reads a video gone after it as
    /// deleted through retention.
    /// </summary>
    [Range(0, 99999)]
    public int VideoRetentionDays { get; set; }

    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromMinutes(10);

    [Range(1, 100)]
    public int MaxSubmitAttempts { get; set; } = 8;

    [Range(1, 100)]
    public int MaxArchiveAttempts { get; set; } = 6;

    [Range(1, 1000)]
    public int MaxListPageSize { get; set; } = 100;

    /// <summary>
    /// A chat-completions stream that delivers no event for this long is given up as stalled
    /// (keep-alive comments do not count: they say nothing about the video).
    /// </summary>
    public TimeSpan StreamIdleTimeout { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>Progress of a chat-completions stream is written to the task at most this often.</summary>
    public TimeSpan StreamProgressInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a stream claim holds without renewal; the running stream renews it. A task whose claim
    /// lapsed mid-stream (the worker died) is failed by reconcile, since a stream cannot be resumed.
    /// </summary>
    public TimeSpan StreamLease { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Allowed input values; empty means the defaults below (configuration binds lists by index, so defaults are not pre-filled).</summary>
    public List<string> AspectRatios { get; set; } = [];

    public List<string> Resolutions { get; set; } = [];

    public List<int> Durations { get; set; } = [];

    internal static readonly string[] DefaultAspectRatios = ["16:9", "9:16"];
    internal static readonly string[] DefaultResolutions = ["720p", "1080p"];
    internal static readonly int[] DefaultDurations = [4, 8, 12];

    internal void ApplyDefaults()
    {
        if (AspectRatios.Count == 0)
        {
            AspectRatios.AddRange(DefaultAspectRatios);
        }

        if (Resolutions.Count == 0)
        {
            Resolutions.AddRange(DefaultResolutions);
        }

        if (Durations.Count == 0)
        {
            Durations.AddRange(DefaultDurations);
        }
    }

    /// <summary>The rules across settings; each message names its setting, as the section's attributes do.</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var failures = new (bool Failed, string Message)[]
        {
            (PublicBaseUrl is not { IsAbsoluteUri: true } url || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp), "VideoVault:PublicBaseUrl must be an absolute http(s) URL."),
            (InlineCopyBudget < TimeSpan.Zero || InlineCopyBudget > MaxInlineCopyBudget, $"VideoVault:InlineCopyBudget must be between 0 and {MaxInlineCopyBudget}: the webhook must answer before its sender gives up."),
            (ArchiveLease <= InlineCopyBudget, "VideoVault:ArchiveLease must be longer than InlineCopyBudget."),
            (ReconcileDelay < TimeSpan.Zero || ReconcileInterval <= TimeSpan.Zero, "VideoVault:ReconcileDelay must not be negative and ReconcileInterval must be positive."),
            (RecoveryScanAfter < TimeSpan.Zero, "VideoVault:RecoveryScanAfter must not be negative."),
            (RetryBaseDelay <= TimeSpan.Zero || RetryMaxDelay < RetryBaseDelay, "VideoVault:RetryMaxDelay must be at least RetryBaseDelay, which must be positive."),
            (SasLifetime <= TimeSpan.Zero || SasLifetime > TimeSpan.FromDays(7), "VideoVault:SasLifetime must be between 0 and 7 days."),
            (StreamProgressInterval < TimeSpan.Zero, "VideoVault:StreamProgressInterval must not be negative."),

            // Every event may renew the lease once half of it is used, and a live stream sends one at least every
            // StreamIdleTimeout: so the lease of a healthy stream never runs out.
            (StreamIdleTimeout <= TimeSpan.Zero || StreamLease < 2 * StreamIdleTimeout, "VideoVault:StreamLease must be at least twice StreamIdleTimeout, which must be positive."),
        };
        return [.. failures.Where(rule => rule.Failed).Select(rule => new ValidationResult(rule.Message))];
    }
}

/// <summary>Checks <see cref="VideoVaultOptions"/>: its attributes, then <see cref="VideoVaultOptions.Validate"/>.</summary>
[OptionsValidator]
internal sealed partial class VideoVaultOptionsValidator : IValidateOptions<VideoVaultOptions>;
