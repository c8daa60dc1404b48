using System.Collections.Concurrent;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using VideoVault.Benchmarks.Infrastructure;
using VideoVault.Storage;
using VideoVault.Tasks;
using VideoVault.Work;

namespace VideoVault.Benchmarks.StorageRates;

/// <summary>
/// The operations through the app's seams on the Azure SDKs: <see cref="TableTaskStore"/>,
/// <see cref="StorageWorkQueue"/>, and the work queue's QueueClient receiving as the dev host's dispatcher does.
/// </summary>
internal sealed class SdkStorageOperations : IStorageOperations
{
    private readonly string _name;
    private readonly ITaskStore _tasks;
    private readonly IWorkQueue _work;
    private readonly QueueClient _queue;
    private readonly ConcurrentDictionary<int, VideoTask> _stored = new();

    /// <param name="name">Names the run's table and queue (see <see cref="StorageRun.TableName"/>); new for each run.</param>
    public SdkStorageOperations(StorageClientFactory clients, string name)
    {
        _name = name;
        var options = StoreOptions.For(table: StorageRun.TableName(name), queue: StorageRun.QueueName(name));
        var queues = clients.CreateWorkQueueServiceClient();
        _tasks = new TableTaskStore(clients.CreateTableServiceClient(), options, TimeProvider.System);
        _work = new StorageWorkQueue(queues, options, TimeProvider.System);
        _queue = queues.GetQueueClient(options.Value.WorkQueue);
    }

    public string Client => "azure-sdk";

    public async Task InsertAsync(int task)
    {
        var (stored, created) = await _tasks.CreateAsync(TaskSeeder.Task(Id(task), VideoTaskStatus.Pending, DateTimeOffset.UtcNow, $"pi-{task}"), CancellationToken.None);
        _stored[task] = created ? stored : throw new InvalidOperationException($"Task {task} existed already: use a new run name.");
    }

    public async Task GetAsync(int task) =>
        _ = await _tasks.GetAsync(Id(task), CancellationToken.None) ?? throw new InvalidOperationException($"Task {task} is missing.");

    public async Task ReplaceAsync(int task)
    {
        var next = _stored[task] with { Status = VideoTaskStatus.Processing, UpdatedAt = DateTimeOffset.UtcNow };
        _stored[task] = await _tasks.TryReplaceAsync(next, _stored[task].Status, [], CancellationToken.None) ?? throw new InvalidOperationException($"Task {task}'s ETag no longer matched.");
    }

    public async Task ListPageAsync()
    {
        var page = await _tasks.ListAsync(null, StorageRun.ListPageSize, null, CancellationToken.None);
        if (page.Tasks.Count != StorageRun.ListPageSize)
        {
            throw new InvalidOperationException($"A page held {page.Tasks.Count} readable tasks, not {StorageRun.ListPageSize}.");
        }
    }

    public Task SendAsync(int task) => _work.EnqueueAsync(new WorkItem(WorkItemKind.Reconcile, Id(task), 0), TimeSpan.Zero, CancellationToken.None);

    public async Task ReceiveAndDeleteAsync()
    {
        for (var attempt = 0; attempt < StorageRun.MaxEmptyReceives; attempt++)
        {
            QueueMessage[] messages = await _queue.ReceiveMessagesAsync(1, StorageRun.ReceiveLease);
            if (messages is [var message])
            {
                _ = WorkItemJson.TryParse(message.MessageText) ?? throw new InvalidOperationException($"Message {message.MessageId} is not a work item.");
                await _queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
                return;
            }
        }

        throw new InvalidOperationException($"The queue answered empty {StorageRun.MaxEmptyReceives} times in a row: a message was lost.");
    }

    private string Id(int task) => TaskIds.FromIdempotencyKey($"{_name}-{task}");
}
