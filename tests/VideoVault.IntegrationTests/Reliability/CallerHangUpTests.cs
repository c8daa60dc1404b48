using System.Net.Http.Json;
using VideoVault.IntegrationTests.Infrastructure;
using VideoVault.IntegrationTests.Stack;

namespace VideoVault.IntegrationTests.Reliability;

/// <summary>Callers that hang up half-way: neither the submit nor the copy they started may be abandoned.</summary>
public sealed class CallerHangUpTests(AzuriteFixture azurite) : StackTest(azurite)
{
    /// <summary>The simulator gives a webhook one attempt of 1 s, then hangs up for good.</summary>
    protected override void Configure(StackSettings settings)
    {
        settings.SimulatorWebhookAttempts = 1;
        settings.SimulatorWebhookTimeout = TimeSpan.FromSeconds(1);
    }

    [Fact]
    public async Task A_caller_that_hangs_up_while_PiAPI_answers_costs_no_second_PiAPI_task()
    {
        // Storage is set up on first use; done here so the 500 ms below go to PiAPI's answer only.
        (await Stack.Api.GetAsync("api/tasks?limit=1")).EnsureSuccessStatusCode();

        // PiAPI creates the task at once, answers after 1.5 s and never calls back: only the answer binds it.
        var prompt = Prompt("[sim:nowebhook,submitdelay=1500]");
        using (var impatient = new CancellationTokenSource(TimeSpan.FromMilliseconds(500)))
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Stack.Api.PostAsJsonAsync("api/tasks", TestStack.SubmitBody(prompt), impatient.Token));
        }

        Assert.Single(Stack.Ledger.Tasks, t => t.Prompt == prompt);
        var id = Assert.Single(await Stack.EntitiesAsync()).PartitionKey;
        var task = await Stack.WaitForTerminalAsync(id, TimeSpan.FromSeconds(30));

        Assert.Equal("archived", Status(task));
        Assert.Single(Stack.Ledger.Tasks, t => t.Prompt == prompt);
        Assert.Equal(1, (await Stack.EntityAsync(id))!.GetInt32("SubmitAttempts"));
    }

    [Fact]
    public async Task A_webhook_sender_that_hangs_up_mid_copy_does_not_strand_the_claim()
    {
        // 1 MiB at 256 KiB/s: the inline copy takes about 4 s, the simulator waits 1 s for the webhook's answer.
        var id = Id(await Stack.SubmitAsync(Prompt("[sim:size=1048576,slow=262144]")));

        // Well inside the 20 s lease: only a copy that went on after the hang-up finishes this soon.
        var task = await Stack.WaitForTerminalAsync(id, TimeSpan.FromSeconds(12));

        Assert.Equal("archived", Status(task));
        Assert.Equal(1, (await Stack.EntityAsync(id))!.GetInt32("ArchiveAttempts"));
        var ledger = Stack.Ledger.Find(task.GetProperty("piapi_task_id").GetString()!)!;
        Assert.True(ledger.WebhooksAbandoned > 0, "The simulator never hung up: the test proves nothing.");
    }
}
