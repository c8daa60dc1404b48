using VideoVault.IntegrationTests.Infrastructure;
using VideoVault.IntegrationTests.Stack;
using VideoVault.Work;

namespace VideoVault.IntegrationTests.Reliability;

/// <summary>A host that died during a submit: the task's reconcile chain sends it, but never doubles a send that may have gone out.</summary>
public sealed class AbandonedSubmitTests(AzuriteFixture azurite) : StackTest(azurite)
{
    /// <summary>PiApi:Timeout (5 s) + UncertainSubmitGrace (2 s) of the stack settings.</summary>
    private static readonly TimeSpan Hold = TimeSpan.FromSeconds(7);

    [Fact]
    public async Task A_task_stored_but_never_sent_is_sent_by_its_reconcile_chain()
    {
        var prompt = Prompt();
        var task = StoredTasks.New(prompt);

        await StoredTasks.StoreAsync(Stack, task);

        Assert.Equal("archived", Status(await Stack.WaitForTerminalAsync(task.Id)));
        Assert.Single(Stack.Ledger.Tasks, t => t.Prompt == prompt);
        Assert.Equal(1, (await Stack.EntityAsync(task.Id))!.GetInt32("SubmitAttempts"));
    }

    [Fact]
    public async Task A_send_claimed_by_a_host_that_died_is_sent_again_only_after_the_hold()
    {
        var prompt = Prompt();
        var claimedAt = DateTimeOffset.UtcNow;
        var task = StoredTasks.New(prompt) with { SubmitAttempts = 1, SubmitUncertainSince = claimedAt };

        await StoredTasks.StoreAsync(Stack, task);

        // The chain looks every second; within the hold it must leave the task alone (PiAPI may have it).
        await Task.Delay(claimedAt + Hold - TimeSpan.FromSeconds(2) - DateTimeOffset.UtcNow);
        Assert.Empty(Stack.Ledger.Tasks);
        Assert.Equal("submitting", (await Stack.EntityAsync(task.Id))!.GetString("Status"));

        Assert.Equal("archived", Status(await Stack.WaitForTerminalAsync(task.Id)));
        Assert.Single(Stack.Ledger.Tasks, t => t.Prompt == prompt);
        Assert.Equal(2, (await Stack.EntityAsync(task.Id))!.GetInt32("SubmitAttempts"));
    }

    /// <summary>
    /// The host that claimed the send died holding the task's reconcile item, which the queue then hides for
    /// its processing lease (10 minutes): the submit retry an earlier refusal queued arrives within the hold
    /// and must come back after it, not end.
    /// </summary>
    [Fact]
    public async Task A_submit_retry_that_arrives_within_the_hold_of_a_dead_hosts_send_sends_after_it()
    {
        var prompt = Prompt();
        var claimedAt = DateTimeOffset.UtcNow;
        var task = StoredTasks.New(prompt) with { SubmitAttempts = 2, SubmitUncertainSince = claimedAt };

        await StoredTasks.StoreAsync(Stack, task, WorkItemKind.Submit);

        Assert.Equal("archived", Status(await Stack.WaitForTerminalAsync(task.Id)));
        Assert.True(DateTimeOffset.UtcNow >= claimedAt + Hold);
        Assert.Single(Stack.Ledger.Tasks, t => t.Prompt == prompt);
        Assert.Equal(3, (await Stack.EntityAsync(task.Id))!.GetInt32("SubmitAttempts"));
    }
}
