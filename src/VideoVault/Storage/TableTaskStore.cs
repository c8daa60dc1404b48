using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using VideoVault.Tasks;

namespace VideoVault.Storage;

/// <summary>
/// Tasks in Table Storage, one entity per task (PartitionKey = task id, RowKey <c>task</c>). The task's
/// events share its partition (RowKey <c>event-…</c>), so every scan here reads task rows only.
/// </summary>
internal sealed class TableTaskStore : ITaskStore
{
    private const int SweepPageSize = 1000;
    private static readonly string[] SweepColumns = ["PartitionKey", "Status", "UpdatedAt"];

    private static readonly string TaskRows = TableClient.CreateQueryFilter($"RowKey eq {TaskEntityMapper.RowKey}");

    private readonly TableClient _table;
    private readonly CreateOnce _created;

    public TableTaskStore(TableServiceClient service, IOptions<VideoVaultOptions> options)
    {
        _table = service.GetTableClient(options.Value.TaskTable);
        _created = new CreateOnce(ct => _table.CreateIfNotExistsAsync(ct));
    }

    public async Task<VideoTask?> GetAsync(string id, CancellationToken cancellationToken)
    {
        await _created.EnsureAsync(cancellationToken).ConfigureAwait(false);
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(id, TaskEntityMapper.RowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue ? TaskEntityMapper.FromEntity(response.Value!) : null;
    }

    public async Task<(VideoTask Task, bool Created)> CreateAsync(VideoTask task, CancellationToken cancellationToken)
    {
        await _created.EnsureAsync(cancellationToken).ConfigureAwait(false);
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

    public async Task<VideoTask?> TryReplaceAsync(VideoTask task, CancellationToken cancellationToken)
    {
        var etag = task.ETag ?? throw new ArgumentException($"Task {task.Id} has no ETag: a write must say which state it was decided on.", nameof(task));
        try
        {
            var response = await _table.UpdateEntityAsync(TaskEntityMapper.ToEntity(task), new ETag(etag), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            return task with { ETag = response.Headers.ETag?.ToString() };
        }
        catch (RequestFailedException exception) when (exception.Status is 412 or 404)
        {
            return null;
        }
    }

    public async Task<TaskListPage> ListAsync(int limit, string? continuation, CancellationToken cancellationToken)
    {
        await _created.EnsureAsync(cancellationToken).ConfigureAwait(false);
        var pages = _table.QueryAsync<TableEntity>(TaskRows, maxPerPage: limit, cancellationToken: cancellationToken).AsPages(continuation, limit);
        await using var enumerator = pages.GetAsyncEnumerator(cancellationToken);
        if (!await enumerator.MoveNextAsync().ConfigureAwait(false))
        {
            return new TaskListPage([], [], null);
        }

        var page = enumerator.Current;
        var tasks = new List<VideoTask>(page.Values.Count);
        var unreadable = new List<UnreadableTaskException>();
        foreach (var entity in page.Values)
        {
            try
            {
                tasks.Add(TaskEntityMapper.FromEntity(entity));
            }
            catch (UnreadableTaskException exception)
            {
                unreadable.Add(exception);
            }
        }

        return new TaskListPage(tasks, unreadable, string.IsNullOrEmpty(page.ContinuationToken) ? null : page.ContinuationToken);
    }

    /// <summary>
    /// Table Storage has no secondary index, so this is a filtered scan that reads three columns a
    /// page at a time: memory stays at one page however many tasks there are.
    /// </summary>
    public async IAsyncEnumerable<IReadOnlyList<string>> FindStaleOpenAsync(DateTimeOffset unchangedSince, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await _created.EnsureAsync(cancellationToken).ConfigureAwait(false);
        var open = Enum.GetValues<VideoTaskStatus>().Where(s => !TaskStatusRules.IsTerminal(s))
            .Select(s => TableClient.CreateQueryFilter($"Status eq {TaskStatusNames.ToName(s)}"));
        var filter = $"{TaskRows} and ({string.Join(" or ", open)}) and {TableClient.CreateQueryFilter($"UpdatedAt lt {unchangedSince}")}";
        var query = _table.QueryAsync<TableEntity>(filter, SweepPageSize, SweepColumns, cancellationToken);
        await foreach (var page in query.AsPages(pageSizeHint: SweepPageSize).WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            yield return [.. page.Values.Select(entity => entity.PartitionKey)];
        }
    }
}
