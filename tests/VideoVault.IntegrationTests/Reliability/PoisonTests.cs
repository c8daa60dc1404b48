using VideoVault.IntegrationTests.Infrastructure;
using VideoVault.IntegrationTests.Stack;
using VideoVault.Tasks;
using VideoVault.Work;

namespace VideoVault.IntegrationTests.Reliability;

/// <summary>
/// What reaches the poison queue (the queue trigger gave up after maxDequeueCount unexpected errors)
/// marks its task failed with a reason, so nothing is stuck silently.
/// </summary>
public sealed class PoisonTests(AzuriteFixture azurite) : StackTest(azurite)
{
    /// <summary>No reconcile: only the poison handler may move the tasks.</summary>
    protected override void Configure(StackSettings settings) => settings.Configuration["VideoVault:ReconcileDelay"] = "01:00:00";

    [Theory]
    [InlineData(WorkItemKind.Submit, VideoTaskStatus.Submitting, "submit_failed")]
    [InlineData(WorkItemKind.Archive, VideoTaskStatus.Archiving, "archive_failed")]
    [InlineData(WorkItemKind.Reconcile, VideoTaskStatus.Processing, "failed")]
    [InlineData(WorkItemKind.Reconcile, VideoTaskStatus.Completed, "archive_failed")]
    internal async Task A_poisoned_work_item_marks_its_task_failed_with_the_reason(WorkItemKind kind, VideoTaskStatus status, string expected)
    {
        var task = StoredTasks.New(Prompt()) with { Status = status, PiApiTaskId = status == VideoTaskStatus.Submitting ? null : Guid.NewGuid().ToString() };
        await StoredTasks.StoreAsync(Stack, task);
        await Stack.PoisonQueue.SendMessageAsync("not a work item");

        await Stack.PoisonQueue.SendMessageAsync(WorkItemJson.Serialize(new WorkItem(kind, task.Id, 3)));

        var view = await Stack.WaitForTerminalAsync(task.Id);
        Assert.Equal(expected, Status(view));
        Assert.Contains($"The {kind.ToString().ToLowerInvariant()} step failed repeatedly", view.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Contains(Stack.Logs.Lines, line => line.Contains("Dropped a poison message that is not a valid work item", StringComparison.Ordinal));
    }
}
