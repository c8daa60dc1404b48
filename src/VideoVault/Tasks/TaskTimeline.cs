using System.Globalization;

namespace VideoVault.Tasks;

/// <summary>
/// A task's status history, kept on the task so the console can show it without reading the events. It is
/// bounded because a task that is retried again and again must not outgrow its Table entity (64 KiB a string).
/// </summary>
internal static class TaskTimeline
{
    public const int MaxEntries = 50;

    private const char EntrySeparator = ';';
    private const char FieldSeparator = '@';

    /// <summary>The timeline with <paramref name="status"/> entered at <paramref name="at"/>, dropping the oldest entries past the bound.</summary>
    public static IReadOnlyList<TaskStatusChange> Append(IReadOnlyList<TaskStatusChange> timeline, VideoTaskStatus status, DateTimeOffset at) =>
        [.. timeline.Skip(Math.Max(0, timeline.Count + 1 - MaxEntries)), new TaskStatusChange(status, at)];

    /// <summary>The stored form, <c>status@round-trip-time;…</c>: compact, and readable in Storage Explorer.</summary>
    public static string Write(IReadOnlyList<TaskStatusChange> timeline) => string.Join(
        EntrySeparator,
        timeline.Select(change => $"{TaskStatusNames.ToName(change.Status)}{FieldSeparator}{change.At.ToString("O", CultureInfo.InvariantCulture)}"));

    /// <exception cref="FormatException">The text is not in the stored form.</exception>
    public static IReadOnlyList<TaskStatusChange> Read(string text) => [.. text.Split(EntrySeparator, StringSplitOptions.RemoveEmptyEntries).Select(ReadEntry)];

    private static TaskStatusChange ReadEntry(string entry)
    {
        var at = entry.IndexOf(FieldSeparator, StringComparison.Ordinal);
        if (at < 0
            || !TaskStatusNames.TryParse(entry[..at], out var status)
            || !DateTimeOffset.TryParseExact(entry[(at + 1)..], "O", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            throw new FormatException($"Timeline: '{entry}' is not status@time.");
        }

        return new TaskStatusChange(status, time);
    }
}
