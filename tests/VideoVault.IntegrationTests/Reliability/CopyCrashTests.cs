using VideoVault.IntegrationTests.Infrastructure;
using VideoVault.IntegrationTests.Stack;
using VideoVault.Tasks;

namespace VideoVault.IntegrationTests.Reliability;

/// <summary>A copy whose copier crashes on every attempt must end, not be taken over after every lease for ever.</summary>
public sealed class CopyCrashTests(AzuriteFixture azurite) : StackTest(azurite)
{
    protected override void Configure(StackSettings settings)
    {
        settings.Configuration["VideoVault:ArchiveLease"] = "00:00:03";
        settings.Configuration["VideoVault:InlineCopyBudget"] = "00:00:01";
    }

    [Fact]
    public async Task A_copy_that_crashes_on_every_attempt_ends_archive_failed_after_the_attempt_limit()
    {
        // A source the copier cannot even turn into a request: every attempt throws, no outcome is ever recorded.
        var task = StoredTasks.New(Prompt()) with
        {
            Status = VideoTaskStatus.Completed,
            PiApiTaskId = Guid.NewGuid().ToString(),
            SourceUrl = "relative/clip.mp4",
        };

        await StoredTasks.StoreAsync(Stack, task);

        var view = await Stack.WaitForTerminalAsync(task.Id, TimeSpan.FromSeconds(40));
        Assert.Equal("archive_failed", Status(view));
        Assert.Contains("started 3 times and never finished", view.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(3, (await Stack.EntityAsync(task.Id))!.GetInt32("ArchiveAttempts"));
        Assert.Empty(await Stack.BlobsAsync());
    }
}
