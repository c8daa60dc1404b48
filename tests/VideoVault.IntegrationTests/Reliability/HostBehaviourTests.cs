using System.Net;
using System.Text.Json;
using Azure.Data.Tables;
using VideoVault.IntegrationTests.Infrastructure;
using VideoVault.IntegrationTests.Stack;
using VideoVault.Tasks;
using VideoVault.Work;

namespace VideoVault.IntegrationTests.Reliability;

/// <summary>
/// What a real Functions host did to the app's first build against Azurite, each reproduced here on
/// the dev host: a webhook slower than its sender's patience, a poison message that could never end,
/// one bad row breaking the list (junk messages: <see cref="JunkMessageTests"/>).
/// </summary>
public sealed class HostBehaviourTests(AzuriteFixture azurite) : StackTest(azurite)
{
    /// <summary>The app's own inline budget, not the stack's; reconcile out of the way.</summary>
    protected override void Configure(StackSettings settings)
    {
        settings.Configuration.Remove("VideoVault:InlineCopyBudget");
        settings.Configuration["VideoVault:ReconcileDelay"] = "01:00:00";
    }

    [Fact]
    public async Task A_copy_longer_than_the_senders_patience_is_answered_in_time_and_finished_by_the_queue()
    {
        // 1 MiB at 64 KiB/s: 16 s, longer than the simulator's 10 s webhook timeout.
        var id = Id(await Stack.SubmitAsync(Prompt("[sim:size=1048576,slow=65536]")));

        var task = await Stack.WaitForTerminalAsync(id, TimeSpan.FromSeconds(90));

        Assert.Equal("archived", Status(task));
        var entry = Stack.Ledger.Find(task.GetProperty("piapi_task_id").GetString()!)!;
        Assert.True(entry.WebhookAttempts == entry.WebhooksDelivered, $"{entry.WebhookAttempts} webhook attempts for {entry.WebhooksDelivered} webhooks: one was sent again after VideoVault kept it waiting.");
        Assert.Contains(Stack.Logs.Lines, line => line.Contains("inline copy budget", StringComparison.Ordinal));
        Assert.Equal(Stack.Ledger.ExpectedVideo(entry.TaskId).Sha256Hex, task.GetProperty("video").GetProperty("sha256").GetString());
    }

    [Fact]
    public async Task A_poison_message_whose_task_cannot_be_read_is_ended_not_released()
    {
        var id = TaskIds.New(TimeProvider.System);
        await Stack.TaskTable.CreateIfNotExistsAsync();
        await Stack.TaskTable.AddEntityAsync(new TableEntity(id, "task") { ["Status"] = "teleported" });

        await Stack.PoisonQueue.SendMessageAsync(WorkItemJson.Serialize(new WorkItem(WorkItemKind.Archive, id, 3)));

        await WaitUntilAsync(() => Stack.Logs.Lines.Any(line => line.Contains("could not be marked failed", StringComparison.Ordinal)));
        await WaitUntilAsync(async () => (await Stack.PoisonQueue.GetPropertiesAsync()).Value.ApproximateMessagesCount == 0);
        Assert.DoesNotContain(Stack.Logs.Lines, line => line.Contains("Handler for queue", StringComparison.Ordinal) && line.Contains("-poison", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_row_the_app_cannot_read_is_listed_as_unreadable_and_reading_it_answers_a_problem()
    {
        await Stack.SubmitAsync(Prompt());
        var id = Id(await Stack.SubmitAsync(Prompt("[sim:nowebhook] [sim:delay=60000]")));
        await Stack.TaskTable.UpdateEntityAsync(new TableEntity(id, "task") { ["Status"] = "teleported" }, Azure.ETag.All, TableUpdateMode.Replace);

        // A page reads the task only when its index row cannot be trusted: here, as a newer version would leave it, a status this one does not know.
        var allRow = Assert.Single(await Stack.TaskTable.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {"index-all"} and TaskId eq {id}")).ToListAsync());
        await Stack.TaskTable.UpdateEntityAsync(new TableEntity("index-all", allRow.RowKey) { ["Status"] = "teleported" }, Azure.ETag.All, TableUpdateMode.Merge);

        using var list = await Stack.Api.GetAsync("api/tasks?limit=100");
        using var get = await Stack.Api.GetAsync($"api/tasks/{id}");

        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        var body = JsonDocument.Parse(await list.Content.ReadAsStringAsync()).RootElement;
        Assert.NotEmpty(body.GetProperty("tasks").EnumerateArray());
        var unreadable = Assert.Single(body.GetProperty("unreadable").EnumerateArray());
        Assert.Equal(id, unreadable.GetProperty("id").GetString());
        Assert.Contains("teleported", unreadable.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.InternalServerError, get.StatusCode);
        Assert.Equal("application/problem+json", get.Content.Headers.ContentType?.MediaType);
        Assert.Contains("cannot read", JsonDocument.Parse(await get.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_storage_sdks_request_logs_stay_out_of_the_default_levels()
    {
        var task = await Stack.WaitForTerminalAsync(Id(await Stack.SubmitAsync(Prompt())));

        Assert.Equal("archived", Status(task));
        var sdkLines = Stack.Logs.Lines.Where(line => line.Contains(" Azure.", StringComparison.Ordinal)).ToList();
        Assert.All(sdkLines, line => Assert.Matches("^(Warning|Error|Critical) ", line));
    }

    private static async Task WaitUntilAsync(Func<bool> condition) => await WaitUntilAsync(() => Task.FromResult(condition()));

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition did not hold within 20 s.");
            await Task.Delay(100);
        }
    }
}
