using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VideoVault.Events;

namespace VideoVault.Storage;

/// <summary>
/// Creates the app's table, queues and container when a host starts, where the deployment has not
/// (Azurite, a storage account made by hand): the queue triggers poll both work queues at once, and a
/// queue that is not there costs a 404 warning on every poll until the first task creates it. Best
/// effort, in the background and bounded: a storage blip never stops or delays the start, since every
/// store still creates what it needs on first use.
/// </summary>
internal sealed partial class StorageResourceCreation(
    StorageClientFactory clients,
    IOptions<VideoVaultOptions> options,
    IOptions<EventOptions> events,
    ILogger<StorageResourceCreation> logger) : BackgroundService
{
    /// <summary>Longer than the clients' own retries of one request (about 20 s), short enough to give up on an outage.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        bounded.CancelAfter(Timeout);
        try
        {
            await CreateAsync(bounded.Token).ConfigureAwait(false);
        }
        catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
        {
            // The reason only: the stores create these on first use, so this is no failure of the app's.
            Log.NotCreated(logger, exception is OperationCanceledException ? $"no answer within {Timeout}" : exception.Message.Split('\n')[0]);
        }
    }

    private async Task CreateAsync(CancellationToken cancellationToken)
    {
        var app = options.Value;
        var workQueues = clients.CreateWorkQueueServiceClient();
        await clients.CreateTableServiceClient().GetTableClient(app.TaskTable).CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
        await workQueues.GetQueueClient(app.WorkQueue).CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        await workQueues.GetQueueClient(WorkQueueNames.Poison(app.WorkQueue)).CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        await clients.CreateQueueServiceClient().GetQueueClient(events.Value.Queue).CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        await clients.CreateBlobServiceClient().GetBlobContainerClient(app.VideoContainer).CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 720, Level = LogLevel.Warning, Message = "Creating the app's table, queues and container at start-up failed ({Reason}); each is created on first use instead")]
        public static partial void NotCreated(ILogger logger, string reason);
    }
}
