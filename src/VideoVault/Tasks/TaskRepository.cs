using Azure;
using Microsoft.Extensions.Options;
using VideoVault.Storage;

namespace VideoVault.Tasks;

/// <summary>Tasks in Table Storage, one entity per task (PartitionKey = task id). Every write is ETag-guarded.</summary>
public sealed class TaskRepository(ITableStore tables, IOptions<VideoVaultOptions> options, StorageBootstrap bootstrap)
{
    private readonly string _table = options.Value.TaskTable;

    public async Task<VideoTask?> GetAsync(string id, CancellationToken cancellationToken)
    {
        await bootstrap.EnsureAsync(cancellationToken).ConfigureAwait(false);
        var entity = await tables.GetEntityAsync(_table, id, TaskEntityMapper.RowKey, cancellationToken).ConfigureAwait(false);
        return entity is null ? null : TaskEntityMapper.FromEntity(entity);
    }

    /// <returns>The stored task and whether this call created it (false: it existed already).</returns>
    public async Task<(VideoTask Task, bool Created)> CreateAsync(VideoTask task, CancellationToken cancellationToken)
    {
        await bootstrap.EnsureAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var etag = await tables.InsertAsync(_table, TaskEntityMapper.ToEntity(task), cancellationToken).ConfigureAwait(false);
            return (task with { ETag = etag }, true);
        }
        catch (RequestFailedException exception) when (exception.Status == 409)
        {
            var existing = await GetAsync(task.Id, cancellationToken).ConfigureAwait(false);
            return (existing ?? throw new InvalidOperationException($"Task {task.Id} exists and vanished at once."), false);
        }
    }

    /// <returns>The task as written, or null when someone else changed it since it was read.</returns>
    public async Task<VideoTask?> TryReplaceAsync(VideoTask task, CancellationToken cancellationToken)
    {
        try
        {
            var etag = await tables.ReplaceAsync(_table, TaskEntityMapper.ToEntity(task), task.ETag ?? "*", cancellationToken).ConfigureAwait(false);
            return task with { ETag = etag };
        }
        catch (RequestFailedException exception) when (exception.Status is 412 or 409)
        {
            return null;
        }
    }

    public async Task<TaskListPage> ListAsync(int limit, TableContinuation? continuation, CancellationToken cancellationToken)
    {
        await bootstrap.EnsureAsync(cancellationToken).ConfigureAwait(false);
        var page = await tables.QueryAsync(_table, new TableQuery(Top: limit, Continuation: continuation), cancellationToken).ConfigureAwait(false);
        return new TaskListPage(page.Entities.Select(TaskEntityMapper.FromEntity).ToList(), page.Continuation);
    }
}
