using System.Runtime.CompilerServices;
using VideoVault.Tasks;

namespace VideoVault.Tests.Fakes;

/// <summary>
/// <see cref="ITaskStore"/> in memory, with the Table store's contract: every write gets a new ETag, a
/// replace at a stale ETag is refused, a replace stores the task and the events it raises together or
/// neither, lists are newest first, and "stale" means in its status since before a time.
/// <see cref="InterleaveNextReplace"/> lets a test play the concurrent writer. The events side is in
/// <c>InMemoryTaskStore.Events.cs</c>: one table holds both, as in Table Storage.
/// </summary>
internal sealed partial class InMemoryTaskStore(TimeProvider clock) : ITaskStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Entry> _tasks = [];
    private readonly Dictionary<string, SortedDictionary<int, TaskEventRecord>> _events = [];
    private readonly Dictionary<string, Func<VideoTask, VideoTask>> _interleaved = [];
    private int _etags;

    /// <summary>Successful replaces so far, to tell a decision that wrote from one that left the task alone.</summary>
    public int Replaces { get; private set; }

    /// <summary>Replaces refused for a stale ETag.</summary>
    public int Conflicts { get; private set; }

    public VideoTask this[string id]
    {
        get
        {
            lock (_gate)
            {
                return _tasks[id].Task;
            }
        }
    }

    /// <summary>Stores a task as it stands, as if it had got there through earlier writes.</summary>
    public VideoTask Seed(VideoTask task)
    {
        lock (_gate)
        {
            var stored = task with { ETag = NextETag() };
            _tasks[task.Id] = new Entry(stored, clock.GetUtcNow());
            return stored;
        }
    }

    /// <summary>Just before the next replace of <paramref name="id"/>, someone else writes <paramref name="change"/> first.</summary>
    public void InterleaveNextReplace(string id, Func<VideoTask, VideoTask> change)
    {
        lock (_gate)
        {
            _interleaved[id] = change;
        }
    }

    public Task<VideoTask?> GetAsync(string id, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_tasks.TryGetValue(id, out var entry) ? entry.Task : null);
        }
    }

    public Task<(VideoTask Task, bool Created)> CreateAsync(VideoTask task, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_tasks.TryGetValue(task.Id, out var existing) ? (existing.Task, false) : (Seed(task), true));
        }
    }

    /// <summary>One transaction, as the Table store's: the task at its ETag and its new events, all stored or none.</summary>
    /// <exception cref="InvalidOperationException">An event with one of these sequence numbers exists (the Table store's 409).</exception>
    public Task<VideoTask?> TryReplaceAsync(VideoTask task, VideoTaskStatus storedStatus, IReadOnlyList<TaskEventRecord> events, CancellationToken cancellationToken)
    {
        var etag = task.ETag ?? throw new ArgumentException($"Task {task.Id} has no ETag.", nameof(task));
        lock (_gate)
        {
            if (_interleaved.Remove(task.Id, out var change) && _tasks.TryGetValue(task.Id, out var before))
            {
                Write(change(before.Task), before);
            }

            if (!_tasks.TryGetValue(task.Id, out var entry) || entry.Task.ETag != etag)
            {
                Conflicts++;
                return Task.FromResult<VideoTask?>(null);
            }

            if (entry.Task.Status != storedStatus)
            {
                throw new InvalidOperationException($"Task {task.Id}: the write says it was decided on {storedStatus}, but the ETag matches a task in {entry.Task.Status}.");
            }

            var stored = EventRows(task.Id);
            if (events.FirstOrDefault(record => record.TaskId != task.Id || stored.ContainsKey(record.Sequence)) is { } taken)
            {
                throw new InvalidOperationException($"Task {task.Id}: event {taken.Id} cannot be inserted beside it; nothing was written.");
            }

            foreach (var record in events)
            {
                stored[record.Sequence] = record with { ETag = NextETag() };
            }

            Replaces++;
            return Task.FromResult<VideoTask?>(Write(task, entry));
        }
    }

    public Task<TaskListPage> ListAsync(VideoTaskStatus? status, int limit, string? continuation, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var matching = NewestFirst().Where(task => status is null || task.Status == status).ToList();
            var start = continuation is null ? 0 : matching.FindIndex(task => task.Id == continuation) + 1;
            var page = matching.Skip(start).Take(limit).ToList();
            var next = start + page.Count < matching.Count ? page[^1].Id : null;
            return Task.FromResult(new TaskListPage([.. page.Select(TaskSummary.Of)], [], next));
        }
    }

    public Task<TaskListPage> ListByModelAsync(string model, int limit, string? continuation, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var matching = NewestFirst().Where(task => task.Request.Model == model).ToList();
            var start = continuation is null ? 0 : matching.FindIndex(task => task.Id == continuation) + 1;
            var page = matching.Skip(start).Take(limit).ToList();
            var next = start + page.Count < matching.Count ? page[^1].Id : null;
            return Task.FromResult(new TaskListPage([.. page.Select(TaskSummary.Of)], [], next));
        }
    }

    public async IAsyncEnumerable<IReadOnlyList<string>> FindStaleOpenAsync(DateTimeOffset unchangedSince, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        List<string> stale;
        lock (_gate)
        {
            stale = [.. _tasks.Values
                .Where(entry => !TaskStatusRules.IsTerminal(entry.Task.Status) && entry.InStatusSince < unchangedSince)
                .Select(entry => entry.Task.Id)];
        }

        await Task.CompletedTask.ConfigureAwait(false);
        if (stale.Count > 0)
        {
            yield return stale;
        }
    }

    private VideoTask Write(VideoTask task, Entry previous)
    {
        var written = task with { ETag = NextETag() };
        var since = written.Status == previous.Task.Status ? previous.InStatusSince : clock.GetUtcNow();
        _tasks[task.Id] = new Entry(written, since);
        return written;
    }

    private IEnumerable<VideoTask> NewestFirst() =>
        _tasks.Values.Select(entry => entry.Task).OrderByDescending(task => task.CreatedAt).ThenByDescending(task => task.Id, StringComparer.Ordinal);

    private string NextETag() => $"W/\"{++_etags}\"";

    /// <param name="InStatusSince">When the task moved into its status: what the Table store's index rows record.</param>
    private sealed record Entry(VideoTask Task, DateTimeOffset InStatusSince);
}
