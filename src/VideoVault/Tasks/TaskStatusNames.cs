namespace VideoVault.Tasks;

/// <summary>The snake_case names used in the table and in the API.</summary>
internal static class TaskStatusNames
{
    public static string ToName(VideoTaskStatus status) => status switch
    {
        VideoTaskStatus.Submitting => "submitting",
        VideoTaskStatus.Pending => "pending",
        VideoTaskStatus.Processing => "processing",
        VideoTaskStatus.Completed => "completed",
        VideoTaskStatus.Archiving => "archiving",
        VideoTaskStatus.Archived => "archived",
        VideoTaskStatus.SubmitFailed => "submit_failed",
        VideoTaskStatus.Failed => "failed",
        VideoTaskStatus.ArchiveFailed => "archive_failed",
        VideoTaskStatus.Expired => "expired",
        VideoTaskStatus.Cancelled => "cancelled",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static bool TryParse(string name, out VideoTaskStatus status) => ByName.TryGetValue(name, out status);

    public static VideoTaskStatus Parse(string name) =>
        ByName.TryGetValue(name, out var status) ? status : throw new FormatException($"'{name}' is not a task status.");

    private static readonly Dictionary<string, VideoTaskStatus> ByName =
        Enum.GetValues<VideoTaskStatus>().ToDictionary(ToName, StringComparer.Ordinal);
}
