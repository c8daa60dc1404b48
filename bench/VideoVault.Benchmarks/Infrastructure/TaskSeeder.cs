using VideoVault.Storage;
using VideoVault.Tasks;

namespace VideoVault.Benchmarks.Infrastructure;

/// <summary>Writes task entities straight into a table, the same shape the app writes, with bounded parallelism.</summary>
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

    public static async Task SeedAsync(ITableStore tables, string table, IReadOnlyList<VideoTask> tasks, int parallelism = 32)
    {
        await tables.CreateTableIfNotExistsAsync(table, CancellationToken.None);
        await Parallel.ForEachAsync(tasks, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, async (task, ct) =>
            await tables.InsertAsync(table, TaskEntityMapper.ToEntity(task), ct));
    }
}
