using Microsoft.Extensions.DependencyInjection;
using VideoVault.IntegrationTests.Infrastructure;
using VideoVault.IntegrationTests.Stack;
using VideoVault.Tasks;
using VideoVault.Work;

namespace VideoVault.IntegrationTests.Reliability;

/// <summary>
/// A copier that dies holding its claim: the entity says <c>archiving</c> with a live lease and no copy
/// runs. Written straight into the table, exactly as the claim writes it, so no process is killed.
/// </summary>
public abstract class AbandonedClaimTests(AzuriteFixture azurite) : StackTest(azurite)
{
    protected static readonly TimeSpan Lease = TimeSpan.FromSeconds(4);

    protected override void Configure(StackSettings settings)
    {
        settings.Configuration["VideoVault:ArchiveLease"] = "00:00:04";
        settings.Configuration["VideoVault:InlineCopyBudget"] = "00:00:02";
    }

    /// <summary>A task PiAPI has completed but never called back about (no webhooks), so nothing copies it on its own.</summary>
    protected async Task<(string Id, string PiApiTaskId)> CompletedTaskAsync()
    {
        var id = Id(await Stack.SubmitAsync(Prompt("[sim:nowebhook]")));
        var piApiTaskId = (await Stack.EntityAsync(id))!.GetString("PiApiTaskId")!;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (await Stack.SimulatorStatusAsync(piApiTaskId) != "completed")
        {
            Assert.True(DateTime.UtcNow < deadline, "The simulator did not complete the task.");
            await Task.Delay(50);
        }

        return (id, piApiTaskId);
    }

    /// <summary>Writes the claim a copier makes (ArchiveCoordinator.TryClaimAsync) and then walks away from.</summary>
    protected async Task<DateTimeOffset> AbandonClaimAsync(string id, string piApiTaskId)
    {
        var entity = (await Stack.EntityAsync(id))!;
        Assert.Equal("pending", entity.GetString("Status"));
        var leaseUntil = DateTimeOffset.UtcNow + Lease;
        entity["Status"] = TaskStatusNames.ToName(VideoTaskStatus.Archiving);
        entity["SourceUrl"] = Stack.SimulatorVideoUrl(piApiTaskId).AbsoluteUri;
        entity["ArchiveLeaseUntil"] = leaseUntil;
        entity["ArchiveAttempts"] = 1;
        await Stack.TaskTable.UpdateEntityAsync(entity, entity.ETag, Azure.Data.Tables.TableUpdateMode.Replace);
        return leaseUntil;
    }

    /// <summary>Nobody touches the video while the lease is live; after it, the task ends archived by a second attempt.</summary>
    protected async Task AssertTakenOverAfterTheLeaseAsync(string id, string piApiTaskId, DateTimeOffset leaseUntil)
    {
        var ledger = Stack.Ledger.Find(piApiTaskId)!;
        var justBefore = leaseUntil - TimeSpan.FromMilliseconds(300) - DateTimeOffset.UtcNow;
        if (justBefore > TimeSpan.Zero)
        {
            await Task.Delay(justBefore);
        }

        Assert.Equal(0, ledger.VideoRequests);
        Assert.Equal("archiving", (await Stack.EntityAsync(id))!.GetString("Status"));

        var task = await Stack.WaitForTerminalAsync(id, TimeSpan.FromSeconds(30));

        Assert.Equal("archived", Status(task));
        Assert.Equal(1, ledger.VideoRequests);
        Assert.Equal(2, (await Stack.EntityAsync(id))!.GetInt32("ArchiveAttempts"));
        Assert.Equal(Stack.Ledger.ExpectedVideo(piApiTaskId).Sha256Hex, task.GetProperty("video").GetProperty("sha256").GetString());
        Assert.Single(await Stack.BlobsAsync());
        Assert.DoesNotContain(await Stack.EntitiesAsync(), e => e.GetString("Status") == "archiving");
    }
}

/// <summary>The copier died after enqueueing its guard work item: the guard takes over (no reconcile runs here).</summary>
public sealed class AbandonedClaimGuardTests(AzuriteFixture azurite) : AbandonedClaimTests(azurite)
{
    protected override void Configure(StackSettings settings)
    {
        base.Configure(settings);
        settings.Configuration["VideoVault:ReconcileDelay"] = "01:00:00";
    }

    [Fact]
    public async Task An_abandoned_claim_is_taken_over_by_its_guard_once_the_lease_expires()
    {
        var (id, piApiTaskId) = await CompletedTaskAsync();
        var leaseUntil = await AbandonClaimAsync(id, piApiTaskId);

        // The guard a claim enqueues (ArchiveCoordinator), due just after this lease rather than lease + 30 s.
        await Stack.DevHostServices.GetRequiredService<IWorkQueue>().EnqueueAsync(
            new WorkItem(WorkItemKind.Archive, id, 1), leaseUntil - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(500), CancellationToken.None);

        await AssertTakenOverAfterTheLeaseAsync(id, piApiTaskId, leaseUntil);
    }
}

/// <summary>
/// The copier died before it could enqueue its guard: the task's reconcile chain takes over. The stack's
/// ReconcileDelay (3 s) lets the claim be written first and meets the live lease at least once.
/// </summary>
public sealed class AbandonedClaimReconcileTests(AzuriteFixture azurite) : AbandonedClaimTests(azurite)
{
    [Fact]
    public async Task An_abandoned_claim_without_a_guard_is_taken_over_by_reconcile_once_the_lease_expires()
    {
        var (id, piApiTaskId) = await CompletedTaskAsync();
        var leaseUntil = await AbandonClaimAsync(id, piApiTaskId);

        await AssertTakenOverAfterTheLeaseAsync(id, piApiTaskId, leaseUntil);
    }
}
