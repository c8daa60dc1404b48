using VideoVault.Tasks;

namespace VideoVault.Views;

/// <summary>
/// A task as a list shows it: what its index row carries (<see cref="TaskSummary"/>), so a page is served without
/// reading the tasks. The full view, with input, metadata, progress, timeline, video and links, is one GET away.
/// </summary>
/// <param name="Prompt">The first 200 characters of the prompt, ending in "…" when cut.</param>
/// <param name="StatusChangedAt">When the task entered its status.</param>
/// <param name="Error">Why a finished task failed or was cancelled.</param>
/// <param name="VideoSize">The archived video's size in bytes.</param>
/// <param name="Cost">The estimate fixed at submit; PiAPI's usage is in the full view.</param>
internal sealed record TaskListItemView(
    string Id,
    string Status,
    string Model,
    string? TaskType,
    string? CatalogEntry,
    string Prompt,
    DateTimeOffset CreatedAt,
    DateTimeOffset StatusChangedAt,
    string? Error,
    long? VideoSize,
    TaskCostView? Cost)
{
    public static TaskListItemView Of(TaskSummary task) => new(
        task.Id,
        TaskStatusNames.ToName(task.Status),
        task.Model,
        task.TaskType.Length > 0 ? task.TaskType : null,
        task.CatalogEntryId,
        task.Prompt,
        task.CreatedAt,
        task.StatusChangedAt,
        task.Error,
        task.VideoSize,
        task.EstimatedUsd is { } usd ? new TaskCostView(usd, task.EstimateIsDefault ? "default" : "catalog", null) : null);
}
