using VideoVault.Storage;
using VideoVault.Tasks;

namespace VideoVault.Benchmarks.Infrastructure;

/// <summary>Writes tasks into a table through the product's task store, so rows have the app's shape, with bounded parallelism.</summary>
internal static class TaskSeeder
{
    public static VideoTask Task(string id, VideoTaskStatus status, DateTimeOffset updatedAt, string? piApiTaskId = null) => new()
    {
        Id = id,
        Status = status,
        Request = new VideoRequest
        {
            Model = ModelNames.Sora2,
            TaskType = ModelNames.Sora2ProVideo,
            Prompt = "A benchmark lighthouse in a storm, cinematic, 16:9",
            AspectRatio = "16:9",
            Resolution = "720p",
            Duration = 4,
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
}
