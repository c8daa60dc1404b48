using VideoVault.Storage;

namespace VideoVault.Tasks;

public sealed record TaskListPage(IReadOnlyList<VideoTask> Tasks, TableContinuation? Continuation);
