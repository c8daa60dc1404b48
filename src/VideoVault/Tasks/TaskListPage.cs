namespace VideoVault.Tasks;

/// <param name="Unreadable">Rows of this page that this version of the app cannot read; listed, not hidden, and never failing the page.</param>
/// <param name="Continuation">Opaque; null on the last page.</param>
public sealed record TaskListPage(IReadOnlyList<VideoTask> Tasks, IReadOnlyList<UnreadableTaskException> Unreadable, string? Continuation);
