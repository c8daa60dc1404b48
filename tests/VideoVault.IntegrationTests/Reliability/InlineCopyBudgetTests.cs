using VideoVault.IntegrationTests.Infrastructure;
using VideoVault.IntegrationTests.Stack;

namespace VideoVault.IntegrationTests.Reliability;

/// <summary>A copy longer than the webhook's inline budget is handed to the queue, which finishes it.</summary>
public sealed class InlineCopyBudgetTests(AzuriteFixture azurite) : StackTest(azurite)
{
    protected override void Configure(StackSettings settings) => settings.Configuration["VideoVault:InlineCopyBudget"] = "00:00:01";

    [Fact]
    public async Task A_copy_over_the_inline_budget_is_finished_by_the_queue_without_using_up_an_attempt()
    {
        // 1 MiB at 512 KiB/s: about 2 s, twice the budget.
        var id = Id(await Stack.SubmitAsync(Prompt("[sim:size=1048576,slow=524288]")));

        var task = await Stack.WaitForTerminalAsync(id, TimeSpan.FromSeconds(20));

        Assert.Equal("archived", Status(task));
        var piApiTaskId = task.GetProperty("piapi_task_id").GetString()!;
        Assert.Equal(Stack.Ledger.ExpectedVideo(piApiTaskId).Sha256Hex, task.GetProperty("video").GetProperty("sha256").GetString());
        Assert.Equal(2, Stack.Ledger.Find(piApiTaskId)!.VideoRequests);
        Assert.Equal(1, (await Stack.EntityAsync(id))!.GetInt32("ArchiveAttempts"));
        Assert.Contains(Stack.Logs.Lines, line => line.Contains("inline copy budget", StringComparison.Ordinal));
        Assert.Single(await Stack.BlobsAsync());
    }
}
