namespace VideoVault.Tasks;

/// <summary>Everything VideoVault knows about one task; one Table entity.</summary>
internal sealed record VideoTask
{
    public required string Id { get; init; }

    public required VideoTaskStatus Status { get; init; }

    public required VideoRequest Request { get; init; }

    /// <summary>SHA-256 of the canonical request, to tell a true retry from a reused idempotency key.</summary>
    public required string RequestHash { get; init; }

    public bool HasIdempotencyKey { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    public string? PiApiTaskId { get; init; }

    public string? SourceUrl { get; init; }

    public string? PreviewUrl { get; init; }

    /// <summary>The cover or thumbnail PiAPI's output named, copied beside the video when it can be.</summary>
    public string? PosterSourceUrl { get; init; }

    /// <summary>How many videos PiAPI's output held (Kling's <c>works[]</c> can hold several); the first is archived.</summary>
    public int? VideoCount { get; init; }

    /// <summary>The archived poster, when the output had one and it could be copied.</summary>
    public string? PosterBlobName { get; init; }

    public int? Progress { get; init; }

    public string? BlobName { get; init; }

    public long? VideoSize { get; init; }

    public string? Sha256 { get; init; }

    public string? ContentMd5 { get; init; }

    /// <summary>When the archived video (and its poster) was deleted; the task stays as the record of what was made and paid.</summary>
    public DateTimeOffset? VideoDeletedAt { get; init; }

    /// <summary>Why: <see cref="VideoDeletionReasons"/>, or the note a caller gave with its delete.</summary>
    public string? VideoDeletionReason { get; init; }

    public string? Error { get; init; }

    public int SubmitAttempts { get; init; }

    public int ArchiveAttempts { get; init; }

    /// <summary>Until when the current archive claim is held; a claim past it may be taken over.</summary>
    public DateTimeOffset? ArchiveLeaseUntil { get; init; }

    /// <summary>Until when a chat task's stream worker holds it (opening or reading); past it the worker is taken for gone.</summary>
    public DateTimeOffset? StreamLeaseUntil { get; init; }

    /// <summary>
    /// When the last submit was sent, until its outcome is recorded: PiAPI may or may not have created
    /// the task (still waiting for the answer, timed out, or the answer was never recorded).
    /// </summary>
    public DateTimeOffset? SubmitUncertainSince { get; init; }

    /// <summary>Each status the task has been in and since when, oldest first; the last <see cref="TaskTimeline.MaxEntries"/> are kept.</summary>
    public IReadOnlyList<TaskStatusChange> Timeline { get; init; } = [];

    /// <summary>
    /// How many events the task has raised, which numbers the next one. Null on rows from before it was
    /// stored: their count follows from their status, as long as no retry has moved them back.
    /// </summary>
    public int? EventCount { get; init; }

    /// <summary>
    /// The W3C <c>traceparent</c> of the submit's span: PiAPI's webhooks and the sweeps arrive outside the
    /// task's trace and join it through this. Null on tasks created before it was stored.
    /// </summary>
    public string? TraceParent { get; init; }
    /// <summary>What the task is expected to cost in US dollars, fixed at submit: the catalog's price, or the configured default when the price is unknown.</summary>
    public decimal? EstimatedUsd { get; init; }

    /// <summary>True when <see cref="EstimatedUsd"/> is the configured default because the catalog has no price for the model.</summary>
    public bool EstimateIsDefault { get; init; }

    /// <summary>PiAPI's <c>meta.usage</c> as last reported (create answer, webhook or GET).</summary>
    public PiApi.PiApiTaskUsage? Usage { get; init; }

    /// <summary>The open-task budget's slot the task holds while it is open; null without that budget.</summary>
    public int? OpenSlot { get; init; }

    /// <summary>The UTC day (<c>yyyy-MM-dd</c>) whose spend counter holds <see cref="EstimatedUsd"/>.</summary>
    public string? SpendDay { get; init; }

    /// <summary>PiAPI was already working on the task at its deadline, so it went on (it is paid for) past it.</summary>
    public bool DeadlineMissed { get; init; }

    public string? ETag { get; init; }
}

internal sealed record TaskStatusChange(VideoTaskStatus Status, DateTimeOffset At);
