using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using VideoVault.Tasks;

namespace VideoVault.Storage;

/// <summary>
/// Tasks in Table Storage, one entity per task (PartitionKey = task id, RowKey <c>task</c>), with the
/// <see cref="TaskIndex"/> beside them in the same table: listing and the sweep read the index, so
/// their cost follows the page or the open tasks, not every task ever made, and a page of trusted index
/// rows is one query. The task's events share its
/// partition (RowKey <c>event-…</c>), so a change and the events it raises are one entity-group transaction.
/// </summary>
internal sealed class TableTaskStore : ITaskStore
{
    private const int SweepPageSize = 1000;

    private static readonly VideoTaskStatus[] OpenStatuses = [.. Enum.GetValues<VideoTaskStatus>().Where(s => !TaskStatusRules.IsTerminal(s))];

    private readonly TableClient _table;
    private readonly TaskIndex _index;
    private readonly CreateOnce _created;
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _maxTaskAge;

    public TableTaskStore(TableServiceClient service, IOptions<VideoVaultOptions> options, TimeProvider timeProvider)
    {
        _table = service.GetTableClient(options.Value.TaskTable);
        _maxTaskAge = options.Value.MaxTaskAge;
        _index = new TaskIndex(_table);
        _created = new CreateOnce(ct => _table.CreateIfNotExistsAsync(ct));
        _timeProvider = timeProvider;
    }

    public async Task<VideoTask?> GetAsync(string id, CancellationToken cancellationToken)
    {
        await _created.EnsureAsync(cancellationToken).ConfigureAwait(false);
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(id, TaskEntityMapper.RowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue ? TaskEntityMapper.FromEntity(response.Value!) : null;
    }

    /// <remarks>
    /// The new task's rows stay pending: its first move (in the same submit, as a rule) writes them again, so
    /// confirming them here would cost a request for nothing; a reader confirms those of a task that stays put.
    /// </remarks>
    public async Task<(VideoTask Task, bool Created)> CreateAsync(VideoTask task, CancellationToken cancellationToken)
    {
        await _created.EnsureAsync(cancellationToken).ConfigureAwait(false);
        await _index.AnnounceAsync(task, leaving: null, cancellationToken).ConfigureAwait(false);
        try
        {
            var response = await _table.AddEntityAsync(TaskEntityMapper.ToEntity(task), cancellationToken).ConfigureAwait(false);
            return (task with { ETag = response.Headers.ETag?.ToString() }, true);
        }
        catch (RequestFailedException exception) when (exception.Status == 409)
        {
            var existing = await GetAsync(task.Id, cancellationToken).ConfigureAwait(false);
            return (existing ?? throw new InvalidOperationException($"Task {task.Id} exists and vanished at once."), false);
        }
    }

    public async Task<VideoTask?> TryReplaceAsync(VideoTask task, VideoTaskStatus storedStatus, IReadOnlyList<TaskEventRecord> events, CancellationToken cancellationToken)
    {
        var etag = task.ETag ?? throw new ArgumentException($"Task {task.Id} has no ETag: a write must say which state it was decided on.", nameof(task));
        var announced = task.Status != storedStatus
            ? await _index.AnnounceAsync(task, storedStatus, cancellationToken).ConfigureAwait(false)
            : null;

        var written = events.Count == 0
            ? await TryReplaceAloneAsync(task, new ETag(etag), cancellationToken).ConfigureAwait(false)
            : await TryReplaceWithEventsAsync(task, new ETag(etag), events, cancellationToken).ConfigureAwait(false);

        // A lost race keeps its rows pending: a concurrent writer may have moved the task there too and rely on them.
        if (written is not null && announced is not null)
        {
            await Task.WhenAll(
                RepairAsync(() => _index.DeleteLeftAsync(TaskIndexRow.PartitionOf(storedStatus), announced.RowKey, CancellationToken.None)),
                RepairAsync(() => _index.ConfirmAsync(announced, CancellationToken.None))).ConfigureAwait(false);
        }

        return written;
    }

    public async Task<TaskListPage> ListAsync(VideoTaskStatus? status, int limit, string? continuation, CancellationToken cancellationToken)
    {
        await _created.EnsureAsync(cancellationToken).ConfigureAwait(false);
        return await ReadPageAsync(await _index.PageAsync(status, limit, continuation, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
    }

    public async Task<TaskListPage> ListByModelAsync(string model, int limit, string? continuation, CancellationToken cancellationToken)
    {
        await _created.EnsureAsync(cancellationToken).ConfigureAwait(false);
        return await ReadPageAsync(await _index.ModelPageAsync(model, limit, continuation, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Trusted rows are listed as they are; only the others cost a read of their task each.</summary>
    private async Task<TaskListPage> ReadPageAsync((IReadOnlyList<TaskIndexRow> Rows, string? Continuation) page, CancellationToken cancellationToken)
    {
        var (rows, next) = page;
        var now = _timeProvider.GetUtcNow();
        var reads = await Task.WhenAll(rows.Select(row => row.IsTrusted(now, _maxTaskAge)
            ? Task.FromResult(new IndexRead(row, row.Summary, TaskIndexVerdict.Current, null))
            : ReadAsync(row, cancellationToken))).ConfigureAwait(false);
        var tasks = new List<TaskSummary>(rows.Count);
        var unreadable = new List<UnreadableTaskException>();
        foreach (var read in reads)
        {
            if (read.Unreadable is { } exception)
            {
                unreadable.Add(exception);
            }
            else if (read.Verdict == TaskIndexVerdict.Current)
            {
                tasks.Add(read.Summary!);
            }
        }

        return new TaskListPage(tasks, unreadable, next);
    }

    /// <summary>Reads the open statuses' index partitions only: time and storage operations follow the open tasks.</summary>
    public async IAsyncEnumerable<IReadOnlyList<string>> FindStaleOpenAsync(DateTimeOffset unchangedSince, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await _created.EnsureAsync(cancellationToken).ConfigureAwait(false);
        foreach (var status in OpenStatuses)
        {
            await foreach (var rows in _index.InStatusSinceAsync(status, unchangedSince, SweepPageSize, cancellationToken).ConfigureAwait(false))
            {
                var reads = await Task.WhenAll(rows.Select(row => ReadAsync(row, cancellationToken))).ConfigureAwait(false);
                yield return [.. reads.Where(read => read.Verdict == TaskIndexVerdict.Current).Select(read => read.Row.TaskId)];
            }
        }
    }

    /// <summary>
    /// The task a row names, judged; on the way a leftover row is deleted, and a current one that is behind the task
    /// or still pending is confirmed with its summary (<see cref="TaskIndexRow.ShouldConfirm"/>).
    /// </summary>
    private async Task<IndexRead> ReadAsync(TaskIndexRow row, CancellationToken cancellationToken)
    {
        VideoTask? task;
        try
        {
            task = await GetAsync(row.TaskId, cancellationToken).ConfigureAwait(false);
        }
        catch (UnreadableTaskException exception)
        {
            return new IndexRead(row, null, TaskIndexVerdict.NotYet, exception);
        }

        var now = _timeProvider.GetUtcNow();
        var verdict = row.Judge(task, now);
        var summary = task is null ? null : TaskSummary.Of(task);
        if (verdict == TaskIndexVerdict.Leftover)
        {
            await RepairAsync(() => _index.DeleteJudgedAsync(row, CancellationToken.None)).ConfigureAwait(false);
        }
        else if (verdict == TaskIndexVerdict.Current && row.ShouldConfirm(summary!, now))
        {
            await RepairAsync(() => _index.ConfirmJudgedAsync(row, summary!, CancellationToken.None)).ConfigureAwait(false);
        }

        return new IndexRead(row, summary, verdict, null);
    }

    /// <summary>Deletes or confirms a row after the fact. Best effort: the task write it follows has happened, and the next reader repairs what this could not.</summary>
    private static async Task RepairAsync(Func<Task> write)
    {
        try
        {
            await write().ConfigureAwait(false);
        }
        catch (RequestFailedException)
        {
            // Left for the next reader; see the summary.
        }
    }

    private async Task<VideoTask?> TryReplaceAloneAsync(VideoTask task, ETag etag, CancellationToken cancellationToken)
    {
        try
        {
            var response = await _table.UpdateEntityAsync(TaskEntityMapper.ToEntity(task), etag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            return task with { ETag = response.Headers.ETag?.ToString() };
        }
        catch (RequestFailedException exception) when (exception.Status is 412 or 404)
        {
            return null;
        }
    }

    private async Task<VideoTask?> TryReplaceWithEventsAsync(VideoTask task, ETag etag, IReadOnlyList<TaskEventRecord> events, CancellationToken cancellationToken)
    {
        var actions = new List<TableTransactionAction>(events.Count + 1)
        {
            new(TableTransactionActionType.UpdateReplace, TaskEntityMapper.ToEntity(task), etag),
        };
        actions.AddRange(events.Select(record => new TableTransactionAction(TableTransactionActionType.Add, TaskEventEntityMapper.ToEntity(record))));
        try
        {
            var response = await _table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
            return task with { ETag = response.Value[0].Headers.ETag?.ToString() };
        }
        catch (TableTransactionFailedException exception) when (exception.Status is 412 or 404)
        {
            return null;
        }
        catch (TableTransactionFailedException exception) when (exception.Status == 409)
        {
            // Sequence numbers follow from the status the task was at, which the ETag pins: an existing row
            // means something wrote events without the status change, and retrying cannot fix that.
            throw new InvalidOperationException($"Task {task.Id} already has an event with the sequence number this change would use.", exception);
        }
    }

    private sealed record IndexRead(TaskIndexRow Row, TaskSummary? Summary, TaskIndexVerdict Verdict, UnreadableTaskException? Unreadable);
}
