using System.Diagnostics;
using Azure.Data.Tables;
using VideoVault.Storage;
using VideoVault.Tasks;

namespace VideoVault.Benchmarks.Infrastructure;

/// <summary>Writes tasks into a table in the app's row formats, with bounded parallelism.</summary>
internal static class TaskSeeder
{
    /// <summary>The most entities an entity-group transaction may hold.</summary>
    private const int MaxTransactionSize = 100;

    public static VideoTask Task(string id, VideoTaskStatus status, DateTimeOffset updatedAt, string? piApiTaskId = null) => new()
    {
        Id = id,
        Status = status,
        Request = new VideoRequest
        {
            Model = ModelNames.Sora2,
            TaskType = ModelNames.Sora2ProVideo,
            Prompt = "A benchmark lighthouse in a storm, cinematic, 16:9",
            InputJson = """{"prompt":"A benchmark lighthouse in a storm, cinematic, 16:9","aspect_ratio":"16:9","resolution":"720p","duration":4}""",
            CatalogEntryId = ModelNames.Sora2ProVideo,
            MetadataJson = """{"caller":"bench"}""",
        },
        RequestHash = new string('0', 64),
        CreatedAt = updatedAt,
        UpdatedAt = updatedAt,
        PiApiTaskId = piApiTaskId,
        BlobName = status == VideoTaskStatus.Archived ? $"2026/01/01/{id}.mp4" : null,
        VideoSize = status == VideoTaskStatus.Archived ? 2_097_152 : null,
        Sha256 = status == VideoTaskStatus.Archived ? new string('a', 64) : null,
    };

    /// <summary>Through the product's task store (index rows, then the task, one request each).</summary>
    public static async Task SeedAsync(StorageClientFactory clients, string table, IReadOnlyList<VideoTask> tasks, int parallelism = 32)
    {
        var store = new TableTaskStore(clients.CreateTableServiceClient(), StoreOptions.For(table: table), TimeProvider.System);
        await Parallel.ForEachAsync(tasks, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, async (task, ct) =>
        {
            var (_, created) = await store.CreateAsync(task, ct);
            if (!created)
            {
                throw new InvalidOperationException($"Task {task.Id} was in table {table} already: a benchmark must start from fresh rows.");
            }
        });
    }

    /// <summary>
    /// The rows the task store would write, written directly into a new table: the index rows
    /// (<see cref="TaskIndexEntity"/>'s format, confirmed, as a settled table holds them) in entity-group transactions of up to 100 per partition, then
    /// the task rows (one partition each) in parallel inserts. About a request per task instead of the
    /// store's three, which is what makes seeding 100,000 tasks practical.
    /// </summary>
    /// <returns>How long each kind of row took to write.</returns>
    public static async Task<(TimeSpan IndexRows, TimeSpan TaskRows)> BulkSeedAsync(StorageClientFactory clients, string table, IReadOnlyList<VideoTask> tasks, int parallelism = 32)
    {
        var client = clients.CreateTableServiceClient().GetTableClient(table);

        // Create, not CreateIfNotExists: an existing table would mix the run with rows it did not write.
        await client.CreateAsync();
        var options = new ParallelOptions { MaxDegreeOfParallelism = parallelism };
        var batches = tasks
            .SelectMany(task => new[] { IndexRow(TaskIndexRow.AllPartition, task), IndexRow(TaskIndexRow.PartitionOf(task.Status), task) })
            .GroupBy(row => row.PartitionKey)
            .SelectMany(partition => partition.Chunk(MaxTransactionSize));
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(batches, options, async (batch, ct) =>
            await client.SubmitTransactionAsync(batch.Select(row => new TableTransactionAction(TableTransactionActionType.Add, row)), ct));
        var indexRows = clock.Elapsed;
        await Parallel.ForEachAsync(tasks, options, async (task, ct) => await client.AddEntityAsync(TaskEntityMapper.ToEntity(task), ct));
        return (indexRows, clock.Elapsed - indexRows);
    }

    private static TableEntity IndexRow(string partition, VideoTask task) =>
        TaskIndexEntity.Summarised(partition, TaskIndexRow.RowKeyOf(task), TaskSummary.Of(task), pending: false);
}
