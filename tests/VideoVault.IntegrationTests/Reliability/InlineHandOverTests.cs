using VideoVault.IntegrationTests.Infrastructure;
using VideoVault.IntegrationTests.Stack;

namespace VideoVault.IntegrationTests.Reliability;

/// <summary>A video too large to copy within the webhook's budget goes to the queue as soon as its size is known.</summary>
public sealed class InlineHandOverTests(AzuriteFixture azurite) : StackTest(azurite)
{
    protected override void Configure(StackSettings settings) => settings.Configuration["VideoVault:InlineCopyMaxBytes"] = "524288";

    [Fact]
    public async Task A_video_declared_over_the_inline_size_is_copied_once_by_the_queue()
    {
        var id = Id(await Stack.SubmitAsync(Prompt("[sim:size=1048576]")));

        var task = await Stack.WaitForTerminalAsync(id, TimeSpan.FromSeconds(20));

        Assert.Equal("archived", Status(task));
        var piApiTaskId = task.GetProperty("piapi_task_id").GetString()!;
        Assert.Equal(Stack.Ledger.ExpectedVideo(piApiTaskId).Sha256Hex, task.GetProperty("video").GetProperty("sha256").GetString());
        Assert.Equal(1, (await Stack.EntityAsync(id))!.GetInt32("ArchiveAttempts"));
        Assert.Contains(Stack.Logs.Lines, line => line.Contains("too large to copy inline", StringComparison.Ordinal));
        Assert.DoesNotContain(Stack.Logs.Lines, line => line.Contains("inline copy budget", StringComparison.Ordinal));
        Assert.Single(await Stack.BlobsAsync());
    }
}
