using System.Text.Json;

namespace VideoVault.Views;

/// <summary>What callers see of a task.</summary>
internal sealed record TaskView(
    string Id,
    string Status,
    string Model,
    string? TaskType,
    string? CatalogEntry,
    JsonElement Input,
    JsonElement? Metadata,
    string? PiapiTaskId,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    int? Progress,
    string? PreviewUrl,
    string? Error,
    TaskVideoView? Video,
    IReadOnlyList<TaskStatusChangeView> Timeline,
    TaskCostView? Cost = null,
    DateTimeOffset? Deadline = null,
    bool? DeadlineMissed = null);

/// <summary>
/// What the task costs: <see cref="EstimatedUsd"/> fixed at submit (<see cref="EstimateBasis"/> <c>catalog</c>, or
/// <c>default</c> for a model without a known price, counted at Budgets:UnknownPriceUsd), and PiAPI's <c>meta.usage</c> as reported.
/// </summary>
internal sealed record TaskCostView(decimal? EstimatedUsd, string? EstimateBasis, TaskUsageView? Usage);

/// <summary>PiAPI's <c>meta.usage</c>: <c>frozen</c> while the task runs and <c>consume</c> when it ends, in PiAPI's unit of 1e-7 USD.</summary>
internal sealed record TaskUsageView(string? Type, long Frozen, long Consume);

internal sealed record TaskStatusChangeView(string Status, DateTimeOffset At);

/// <summary>
/// The archived copy; <see cref="Url"/> and <see cref="PosterUrl"/> are read-only SAS links valid until
/// <see cref="UrlExpiresAt"/>. <see cref="SourceVideos"/> is how many videos PiAPI's output held (the first is kept).
/// <see cref="ExpiresAt"/> is when retention removes it; once it is gone, <see cref="DeletedAt"/> and
/// <see cref="DeletionReason"/> say when and why, and no link is offered.
/// </summary>
internal sealed record TaskVideoView(
    string Container,
    string BlobName,
    long? Size,
    string? Sha256,
    string? ContentMd5,
    Uri? Url,
    DateTimeOffset? UrlExpiresAt,
    string? PosterBlobName,
    Uri? PosterUrl,
    int? SourceVideos,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? DeletedAt,
    string? DeletionReason);

/// <param name="Unreadable">Rows of this page that this version cannot read: shown so an operator can see them, without failing the page.</param>
internal sealed record TaskListView(IReadOnlyList<TaskListItemView> Tasks, IReadOnlyList<UnreadableTaskView>? Unreadable, string? Continuation);

internal sealed record UnreadableTaskView(string Id, string Error);
