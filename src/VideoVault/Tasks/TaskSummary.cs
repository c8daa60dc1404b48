namespace VideoVault.Tasks;

/// <summary>
/// What a list shows of a task: only fields that are fixed at submit or change when its status does, so
/// the index row that lists the task can carry them and a page needs no read of the tasks. Progress,
/// PiAPI's usage and a deleted video change without a move; the full view (GET of the task) has them.
/// </summary>
/// <param name="Prompt">The prompt's first <see cref="PromptLength"/> characters, ending in "…" when cut.</param>
/// <param name="StatusChangedAt">When the task entered its status.</param>
/// <param name="Error">Why a finished task failed or was cancelled; null for an open task (its last transient error is in the full view).</param>
/// <param name="VideoSize">The archived video's size in bytes.</param>
/// <param name="EstimatedUsd">The estimate fixed at submit; <paramref name="EstimateIsDefault"/> when the model's price is unknown.</param>
internal sealed record TaskSummary(
    string Id,
    VideoTaskStatus Status,
    string Model,
    string TaskType,
    string? CatalogEntryId,
    string Prompt,
    DateTimeOffset CreatedAt,
    DateTimeOffset StatusChangedAt,
    string? Error,
    long? VideoSize,
    decimal? EstimatedUsd,
    bool EstimateIsDefault)
{
    public const int PromptLength = 200;

    private const char Ellipsis = '…';

    public static TaskSummary Of(VideoTask task)
    {
        var request = task.Request;
        var finished = TaskStatusRules.IsTerminal(task.Status);
        return new TaskSummary(
            task.Id,
            task.Status,
            request.Model,
            request.TaskType,
            request.CatalogEntryId,
            Excerpt(request.Prompt),
            task.CreatedAt,
            task.Timeline is [.., var last] && last.Status == task.Status ? last.At : task.UpdatedAt,
            finished ? task.Error : null,
            task.Status == VideoTaskStatus.Archived ? task.VideoSize : null,
            task.EstimatedUsd,
            task.EstimateIsDefault);
    }

    /// <summary>Cut before <see cref="PromptLength"/>, never inside a surrogate pair.</summary>
    private static string Excerpt(string prompt)
    {
        if (prompt.Length <= PromptLength)
        {
            return prompt;
        }

        var cut = PromptLength - 1;
        if (char.IsHighSurrogate(prompt[cut - 1]))
        {
            cut--;
        }

        return prompt[..cut] + Ellipsis;
    }
}
