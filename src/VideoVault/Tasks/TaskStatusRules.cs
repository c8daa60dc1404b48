namespace VideoVault.Tasks;

/// <summary>
/// Which moves between states are allowed. Progress only goes forward, so a repeated or reordered
/// webhook can never move a task back; terminal states never change.
/// </summary>
internal static class TaskStatusRules
{
    public static bool IsTerminal(VideoTaskStatus status) => status is
        VideoTaskStatus.Archived or VideoTaskStatus.SubmitFailed or VideoTaskStatus.Failed or
        VideoTaskStatus.ArchiveFailed or VideoTaskStatus.Expired or VideoTaskStatus.Cancelled;

    /// <summary>Sent to PiAPI, or about to be, and not finished there: what the open-task budget counts.</summary>
    public static bool IsOpen(VideoTaskStatus status) => status is
        VideoTaskStatus.Submitting or VideoTaskStatus.Pending or VideoTaskStatus.Processing;

    public static bool IsFailure(VideoTaskStatus status) => status is
        VideoTaskStatus.SubmitFailed or VideoTaskStatus.Failed or VideoTaskStatus.ArchiveFailed or VideoTaskStatus.Expired;

    /// <summary>Whether <paramref name="status"/> comes before <paramref name="milestone"/> on the way to archived, by the declared order, not the enum's values.</summary>
    public static bool IsBefore(VideoTaskStatus status, VideoTaskStatus milestone) => Rank(status) < Rank(milestone);

    public static bool CanMove(VideoTaskStatus from, VideoTaskStatus to)
    {
        if (IsTerminal(from))
        {
            return false;
        }

        if (IsFailure(to) || to == VideoTaskStatus.Cancelled)
        {
            // PiAPI cannot fail or cancel a task whose video we already hold; only the copy can fail then.
            return to is not (VideoTaskStatus.Failed or VideoTaskStatus.Cancelled) || IsBefore(from, VideoTaskStatus.Completed);
        }

        return Rank(to) > Rank(from);
    }

    private static int Rank(VideoTaskStatus status) => status switch
    {
        VideoTaskStatus.Submitting => 0,
        VideoTaskStatus.Pending => 1,
        VideoTaskStatus.Processing => 2,
        VideoTaskStatus.Completed => 3,
        VideoTaskStatus.Archiving => 4,
        VideoTaskStatus.Archived => 5,
        _ => 6,
    };
}
