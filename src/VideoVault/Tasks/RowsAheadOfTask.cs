namespace VideoVault.Tasks;

/// <summary>
/// Rows that point at a task (index rows, budget slots) are written just before the task itself or before
/// it moves into their status, so a reader may meet one whose task is not there yet: only a row this old
/// without its task is left over.
/// </summary>
internal static class RowsAheadOfTask
{
    public static readonly TimeSpan Grace = TimeSpan.FromMinutes(10);
}
