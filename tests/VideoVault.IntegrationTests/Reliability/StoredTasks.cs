using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using VideoVault.IntegrationTests.Stack;
using VideoVault.Tasks;
using VideoVault.Work;

namespace VideoVault.IntegrationTests.Reliability;

/// <summary>
/// Tasks written straight into the stack's table, in the state a process left them in when it died,
/// with the reconcile chain the submit endpoint schedules for every task.
/// </summary>
internal static class StoredTasks
{
    public static VideoTask New(string prompt)
    {
        var request = new VideoRequest
        {
            Model = ModelNames.Sora2,
            TaskType = ModelNames.Sora2ProVideo,
            Prompt = prompt,
            InputJson = JsonSerializer.Serialize(new { prompt, aspect_ratio = "16:9", resolution = "720p", duration = 4 }),
            CatalogEntryId = ModelNames.Sora2ProVideo,
        };
        var now = DateTimeOffset.UtcNow;
        return new VideoTask
        {
            Id = TaskIds.New(TimeProvider.System),
            Status = VideoTaskStatus.Submitting,
            Request = request,
            RequestHash = RequestFingerprint.Of(request),
            CreatedAt = now,
            UpdatedAt = now,
        };
    }

    /// <param name="driver">The one work item left to drive the task: its reconcile chain, or a submit retry whose reconcile item died with its host.</param>
    public static async Task StoreAsync(TestStack stack, VideoTask task, WorkItemKind driver = WorkItemKind.Reconcile)
    {
        var services = stack.DevHostServices;
        // Inserted first: a check due at once that arrived before the insert would find no task and end its chain.
        await services.GetRequiredService<ITaskStore>().CreateAsync(task, CancellationToken.None);
        await services.GetRequiredService<IWorkQueue>().EnqueueAsync(new WorkItem(driver, task.Id, 0), TimeSpan.Zero, CancellationToken.None);
    }
}
