using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Storage.Queues;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using VideoVault.Catalog;
using VideoVault.Http;
using VideoVault.Inbound;
using VideoVault.Tasks;
using VideoVault.Work;

namespace VideoVault.Functions.Tests;

/// <summary>
/// Every function class invoked directly, as the worker would, against Azurite and the simulator: the
/// HTTP functions with a real HttpContext whose IResult is executed, the queue functions with a
/// message, the timer with a TimerInfo.
/// </summary>
public sealed class FunctionInvocationTests(FunctionStack stack) : IClassFixture<FunctionStack>
{
    private static string SubmitBody(string prompt) => new JsonObject
    {
        ["model"] = ModelNames.Sora2,
        ["task_type"] = ModelNames.Sora2ProVideo,
        ["input"] = new JsonObject { ["prompt"] = $"{prompt} {Guid.NewGuid():N}", ["aspect_ratio"] = "16:9", ["resolution"] = "720p", ["duration"] = 4 },
    }.ToJsonString();

    private async Task<JsonElement> SubmitAsync(string prompt)
    {
        using var scope = stack.Services.CreateScope();
        var context = FunctionStack.Context(scope, "POST", SubmitBody(prompt));
        var (status, body) = await FunctionStack.ExecuteAsync(await stack.Create<SubmitTaskFunction>(scope).Run(context.Request, CancellationToken.None), context);
        Assert.Equal(202, status);
        Assert.Equal($"/api/tasks/{body.GetProperty("id").GetString()}", context.Response.Headers.Location.ToString());
        return body;
    }

    private async Task<JsonElement> GetAsync(string id)
    {
        using var scope = stack.Services.CreateScope();
        var context = FunctionStack.Context(scope, "GET");
        var (status, body) = await FunctionStack.ExecuteAsync(await stack.Create<GetTaskFunction>(scope).Run(context.Request, id, CancellationToken.None), context);
        Assert.Equal(200, status);
        return body;
    }

    private async Task<JsonElement> WaitForAsync(string id, string expected)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var task = await GetAsync(id);
            if (task.GetProperty("status").GetString() == expected)
            {
                return task;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Task {id} is {task.GetProperty("status").GetString()}, not {expected}.");
            await Task.Delay(100);
        }
    }

    /// <summary>The simulator has finished the task; its webhooks went nowhere.</summary>
    private async Task<JsonElement> CompletedAtPiApiAsync(string piApiTaskId)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var data = await stack.PiApiTaskAsync(piApiTaskId);
            if (data.GetProperty("status").GetString() == "completed")
            {
                return data;
            }

            Assert.True(DateTime.UtcNow < deadline, $"PiAPI task {piApiTaskId} never completed.");
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task Submit_get_and_list_answer_through_their_functions()
    {
        var submitted = await SubmitAsync("functions submit");
        var id = submitted.GetProperty("id").GetString()!;

        var read = await GetAsync(id);
        using var scope = stack.Services.CreateScope();
        var listContext = FunctionStack.Context(scope, "GET", query: "?limit=100");
        var (listStatus, list) = await FunctionStack.ExecuteAsync(await stack.Create<ListTasksFunction>(scope).Run(listContext.Request, CancellationToken.None), listContext);
        var missingContext = FunctionStack.Context(scope, "GET");
        var (missingStatus, missing) = await FunctionStack.ExecuteAsync(await stack.Create<GetTaskFunction>(scope).Run(missingContext.Request, TaskIds.New(TimeProvider.System), CancellationToken.None), missingContext);

        Assert.Equal(id, read.GetProperty("id").GetString());
        Assert.Equal(200, listStatus);
        Assert.Contains(list.GetProperty("tasks").EnumerateArray(), task => task.GetProperty("id").GetString() == id);
        Assert.Equal(404, missingStatus);
        Assert.Equal(404, missing.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task The_models_function_lists_the_hosts_enabled_catalog_entries()
    {
        using var scope = stack.Services.CreateScope();
        var context = FunctionStack.Context(scope, "GET");
        var (status, body) = await FunctionStack.ExecuteAsync(stack.Create<ListModelsFunction>(scope).Run(context.Request), context);

        Assert.Equal(200, status);
        Assert.Equal(
            scope.ServiceProvider.GetRequiredService<ModelCatalog>().Enabled.Select(entry => entry.Id),
            body.GetProperty("models").EnumerateArray().Select(model => model.GetProperty("id").GetString()));
        Assert.Contains(body.GetProperty("models").EnumerateArray(), model => model.GetProperty("id").GetString() == ModelNames.Sora2Video);
    }

    [Fact]
    public async Task The_webhook_function_verifies_the_secret_and_archives_the_video()
    {
        var id = (await SubmitAsync("functions webhook")).GetProperty("id").GetString()!;
        var piApiTaskId = (await WaitForAsync(id, "pending")).GetProperty("piapi_task_id").GetString()!;
        var body = new JsonObject { ["timestamp"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(), ["data"] = JsonNode.Parse((await CompletedAtPiApiAsync(piApiTaskId)).GetRawText()) }.ToJsonString();
        using var scope = stack.Services.CreateScope();

        var forged = FunctionStack.Context(scope, "POST", body, $"?task={id}");
        forged.Request.Headers[PiApiWebhookEndpoint.SecretHeader] = "k1.forged";
        var (forgedStatus, _) = await FunctionStack.ExecuteAsync(await stack.Create<PiApiWebhookFunction>(scope).Run(forged.Request, CancellationToken.None), forged);
        var signed = FunctionStack.Context(scope, "POST", body, $"?task={id}");
        signed.Request.Headers[PiApiWebhookEndpoint.SecretHeader] = scope.ServiceProvider.GetRequiredService<TaskWebhookSecrets>().Create(id);
        var (status, ack) = await FunctionStack.ExecuteAsync(await stack.Create<PiApiWebhookFunction>(scope).Run(signed.Request, CancellationToken.None), signed);

        Assert.Equal(401, forgedStatus);
        Assert.Equal(200, status);
        Assert.Equal("recorded", ack.GetProperty("status").GetString());
        var archived = await GetAsync(id);
        Assert.Equal("archived", archived.GetProperty("status").GetString());
        using var http = new HttpClient();
        Assert.Equal(256 * 1024, (await http.GetByteArrayAsync(archived.GetProperty("video").GetProperty("url").GetString())).Length);
    }

    [Fact]
    public async Task The_work_function_reconciles_a_task_whose_webhooks_were_lost()
    {
        var id = (await SubmitAsync("functions work")).GetProperty("id").GetString()!;
        var piApiTaskId = (await WaitForAsync(id, "pending")).GetProperty("piapi_task_id").GetString()!;
        await CompletedAtPiApiAsync(piApiTaskId);
        using var scope = stack.Services.CreateScope();

        await stack.Create<ProcessWorkFunction>(scope).Run(WorkItemJson.Serialize(new WorkItem(WorkItemKind.Reconcile, id, 0)), CancellationToken.None);

        Assert.Equal("archived", (await GetAsync(id)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task The_work_function_reads_an_item_an_earlier_version_queued_in_base64()
    {
        var id = (await SubmitAsync("functions base64 work")).GetProperty("id").GetString()!;
        var piApiTaskId = (await WaitForAsync(id, "pending")).GetProperty("piapi_task_id").GetString()!;
        await CompletedAtPiApiAsync(piApiTaskId);
        using var scope = stack.Services.CreateScope();
        var base64 = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(WorkItemJson.Serialize(new WorkItem(WorkItemKind.Reconcile, id, 0))));

        await stack.Create<ProcessWorkFunction>(scope).Run(base64, CancellationToken.None);

        Assert.Equal("archived", (await GetAsync(id)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task The_poison_function_marks_the_task_failed_with_the_reason()
    {
        var id = (await SubmitAsync("functions poison [sim:nowebhook] [sim:delay=60000]")).GetProperty("id").GetString()!;
        await WaitForAsync(id, "pending");
        using var scope = stack.Services.CreateScope();

        await stack.Create<ProcessPoisonFunction>(scope).Run(WorkItemJson.Serialize(new WorkItem(WorkItemKind.Reconcile, id, 5)), CancellationToken.None);
        await stack.Create<ProcessPoisonFunction>(scope).Run("not a work item", CancellationToken.None);

        var failed = await GetAsync(id);
        Assert.Equal("failed", failed.GetProperty("status").GetString());
        Assert.Contains("failed repeatedly", failed.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_sweep_timer_queues_a_reconcile_for_a_stale_open_task()
    {
        var id = (await SubmitAsync("functions sweep [sim:nowebhook] [sim:delay=60000]")).GetProperty("id").GetString()!;
        await WaitForAsync(id, "pending");
        // The stack's SweepStaleAfter is one second: the task is stale by then.
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        using var scope = stack.Services.CreateScope();

        await stack.Create<ReconcileSweepFunction>(scope).Run(new TimerInfo(), CancellationToken.None);

        var queue = new QueueServiceClient(stack.Azurite.ConnectionString, new QueueClientOptions(Storage.StorageClientFactory.QueueVersion) { MessageEncoding = Storage.StorageClientFactory.WorkQueueEncoding }).GetQueueClient(stack.WorkQueue);
        // What the queue stamps (trace context, when it becomes visible) is not the sweep's to decide.
        var visible = (await queue.PeekMessagesAsync(32)).Value.Select(m => WorkItemJson.TryParse(m.Body.ToString()) is { } item ? item with { TraceParent = null, VisibleAt = null } : null);
        Assert.Contains(new WorkItem(WorkItemKind.Reconcile, id, 0), visible);
    }
}
