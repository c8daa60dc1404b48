namespace VideoVault.Tasks;

/// <summary>Where tasks are kept. Every write is guarded by the ETag of the state it was decided on.</summary>
internal interface ITaskStore
{
    /// <returns>The task, or null when there is none.</returns>
    /// <exception cref="UnreadableTaskException">The stored row cannot be read by this version of the app.</exception>
    Task<VideoTask?> GetAsync(string id, CancellationToken cancellationToken);

    /// <returns>The stored task and whether this call created it (false: it existed already).</returns>
    Task<(VideoTask Task, bool Created)> CreateAsync(VideoTask task, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the task if it is still at <see cref="VideoTask.ETag"/>, which must be set, and inserts the
    /// <paramref name="events"/> the change raises, in one transaction: all are stored or none.
    /// </summary>
    /// <param name="storedStatus">The status of the state the write was decided on, so the store can follow a move.</param>
    /// <returns>The task as written, or null when someone else changed it since it was read.</returns>
    Task<VideoTask?> TryReplaceAsync(VideoTask task, VideoTaskStatus storedStatus, IReadOnlyList<TaskEventRecord> events, CancellationToken cancellationToken);

    /// <summary>
    /// One page of tasks, newest first, all or those in <paramref name="status"/>; pass <see cref="TaskListPage.Continuation"/> back for the next.
    /// Read from the index rows alone (one query), except rows the store cannot trust yet, whose tasks it reads.
    /// </summary>
    Task<TaskListPage> ListAsync(VideoTaskStatus? status, int limit, string? continuation, CancellationToken cancellationToken);

    /// <summary>One page of the tasks of one PiAPI <c>model</c>, newest first, from the index and the tasks its rows name.</summary>
    Task<TaskListPage> ListByModelAsync(string model, int limit, string? continuation, CancellationToken cancellationToken);

    /// <summary>The ids of tasks that are not terminal and have been in their status since before <paramref name="unchangedSince"/>, a page at a time.</summary>
    IAsyncEnumerable<IReadOnlyList<string>> FindStaleOpenAsync(DateTimeOffset unchangedSince, CancellationToken cancellationToken);
}

/// <param name="Unreadable">Rows of this page that this version of the app cannot read; listed, not hidden, and never failing the page.</param>
/// <param name="Continuation">Opaque; null on the last page.</param>
internal sealed record TaskListPage(IReadOnlyList<TaskSummary> Tasks, IReadOnlyList<UnreadableTaskException> Unreadable, string? Continuation);
