using VideoVault.IntegrationTests.Infrastructure;

namespace VideoVault.IntegrationTests.Stack;

public sealed class FailureRecoveryTests(AzuriteFixture azurite) : StackTest(azurite)
{
    [Fact]
    public async Task A_task_PiAPI_fails_ends_failed_with_PiAPIs_reason_and_no_blob()
    {
        var task = await Stack.WaitForTerminalAsync(Id(await Stack.SubmitAsync(Prompt("[sim:fail]"))));

        Assert.Equal("failed", Status(task));
        Assert.StartsWith("PiAPI failed the task", task.GetProperty("error").GetString());
        Assert.Empty(await Stack.BlobsAsync());
    }

    [Theory]
    [InlineData("[sim:submit429=2]", 2)]
    [InlineData("[sim:submit500=2]", 2)]
    public async Task Refused_submits_are_retried_through_the_queue_and_PiAPI_creates_one_task(string faults, int refusals)
    {
        var prompt = Prompt(faults);
        var task = await Stack.WaitForTerminalAsync(Id(await Stack.SubmitAsync(prompt)));

        Assert.Equal("archived", Status(task));
        Assert.Equal(refusals, Stack.Ledger.CreateRefused);
        Assert.Single(Stack.Ledger.Tasks, t => t.Prompt == prompt);
        Assert.Equal(refusals + 1, (await Stack.EntityAsync(Id(task)))!.GetInt32("SubmitAttempts"));
    }

    [Fact]
    public async Task A_lost_webhook_is_recovered_by_reconcile()
    {
        var task = await Stack.WaitForTerminalAsync(Id(await Stack.SubmitAsync(Prompt("[sim:nowebhook]"))));

        Assert.Equal("archived", Status(task));
        Assert.Equal(0, Stack.Ledger.Find(task.GetProperty("piapi_task_id").GetString()!)!.WebhookAttempts);
        Assert.Single(await Stack.BlobsAsync());
    }

    [Fact]
    public async Task A_failed_download_is_retried_and_then_archived()
    {
        var task = await Stack.WaitForTerminalAsync(Id(await Stack.SubmitAsync(Prompt("[sim:videofail=1]"))));

        Assert.Equal("archived", Status(task));
        Assert.Equal(2, (await Stack.EntityAsync(Id(task)))!.GetInt32("ArchiveAttempts"));
    }

    [Fact]
    public async Task Downloads_that_keep_failing_end_archive_failed_after_the_attempt_limit()
    {
        var task = await Stack.WaitForTerminalAsync(Id(await Stack.SubmitAsync(Prompt("[sim:videofail=100]"))));

        Assert.Equal("archive_failed", Status(task));
        Assert.Equal(3, (await Stack.EntityAsync(Id(task)))!.GetInt32("ArchiveAttempts"));
        Assert.Empty(await Stack.BlobsAsync());
    }

    [Theory]
    [InlineData("[sim:html]", "not a video")]
    public async Task A_non_video_payload_is_refused_at_once(string faults, string reason)
    {
        var task = await Stack.WaitForTerminalAsync(Id(await Stack.SubmitAsync(Prompt(faults))));

        Assert.Equal("archive_failed", Status(task));
        Assert.Contains(reason, task.GetProperty("error").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(1, (await Stack.EntityAsync(Id(task)))!.GetInt32("ArchiveAttempts"));
        Assert.Empty(await Stack.BlobsAsync());
    }

    [Theory]
    [InlineData("[sim:truncate]")]
    [InlineData("[sim:stall]")]
    public async Task Truncated_and_stalled_downloads_are_retried_and_end_archive_failed(string faults)
    {
        var task = await Stack.WaitForTerminalAsync(Id(await Stack.SubmitAsync(Prompt(faults))), TimeSpan.FromSeconds(60));

        Assert.Equal("archive_failed", Status(task));
        Assert.Equal(3, (await Stack.EntityAsync(Id(task)))!.GetInt32("ArchiveAttempts"));
        Assert.Empty(await Stack.BlobsAsync());
    }
}
