using Microsoft.Extensions.Options;
using VideoVault.Storage;

namespace VideoVault;

/// <summary>
/// Creates the table, queues and container on first use rather than at start-up, so the app starts
/// (and answers with clear errors) even while storage is briefly unreachable. A failed attempt is
/// forgotten, so the next request tries again.
/// </summary>
public sealed class StorageBootstrap(ITableStore tables, IQueueStore queues, IBlobStore blobs, IOptions<VideoVaultOptions> options)
{
    private readonly Lock _gate = new();
    private Task? _ready;

    public Task EnsureAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_ready is null || _ready.IsFaulted || _ready.IsCanceled)
            {
                _ready = CreateAllAsync();
            }

            return _ready.WaitAsync(cancellationToken);
        }
    }

    private async Task CreateAllAsync()
    {
        var settings = options.Value;
        await tables.CreateTableIfNotExistsAsync(settings.TaskTable, CancellationToken.None).ConfigureAwait(false);
        await queues.CreateQueueIfNotExistsAsync(settings.WorkQueue, CancellationToken.None).ConfigureAwait(false);
        await queues.CreateQueueIfNotExistsAsync(WorkQueueNames.Poison(settings.WorkQueue), CancellationToken.None).ConfigureAwait(false);
        await blobs.CreateContainerIfNotExistsAsync(settings.VideoContainer, CancellationToken.None).ConfigureAwait(false);
    }
}
