using System.Net;
using System.Text.Json;
using VideoVault.IntegrationTests.Infrastructure;
using VideoVault.IntegrationTests.Stack;

namespace VideoVault.IntegrationTests.Spend;

/// <summary>
/// Cancel over real HTTP against the simulator's DELETE: before PiAPI has the task, while pending, too late, and racing
/// PiAPI; deadlines; and the list by model, on a stack whose only budget is room for five open tasks.
/// </summary>
public sealed class CancelTests(AzuriteFixture azurite) : StackTest(azurite)
{
    protected override void Configure(StackSettings settings) => settings.Configuration["Budgets:MaxOpenTasks"] = "5";

    [Fact]
    public async Task A_pending_kling_task_is_cancelled_at_PiApi_with_its_own_event_and_a_repeat_answers_the_same()
    {
        var id = Id(await Stack.SubmitAsync(SpendRequests.Kling(Prompt("[sim:hold]"))));
        var piApiTaskId = (await WaitForStatusAsync(id, "pending")).GetProperty("piapi_task_id").GetString()!;

        var (cancel, task) = await SpendRequests.CancelAsync(Stack.Api, id);
        var (repeat, again) = await SpendRequests.CancelAsync(Stack.Api, id);

        Assert.Equal((HttpStatusCode.OK, "cancelled"), (cancel.StatusCode, Status(task)));
        Assert.Equal((HttpStatusCode.OK, "cancelled"), (repeat.StatusCode, Status(again)));
        Assert.Equal("cancelled", await Stack.SimulatorStatusAsync(piApiTaskId));
        Assert.Equal(1, Stack.Ledger.Cancels);
        Assert.Equal([(1, "task.submitted"), (2, "task.cancelled")], await EventsAsync(id));
        Assert.Empty(await Stack.BlobsAsync());
        Assert.Equal(0, await OpenTasksAsync());
    }

    [Fact]
    public async Task A_task_whose_send_is_under_way_is_waited_for_then_cancelled_at_PiApi_and_never_copied()
    {
        // PiAPI makes the task at once but answers 1.5 s late: the cancel must not throw away what it created.
        var submit = Stack.SubmitAsync(SpendRequests.Kling(Prompt("[sim:submitdelay=1500,hold]")));
        var id = await WaitForAnyTaskAsync();

        var (cancel, task) = await SpendRequests.CancelAsync(Stack.Api, id);
        await submit;

        Assert.Equal((HttpStatusCode.OK, "cancelled"), (cancel.StatusCode, Status(task)));
        Assert.NotNull(task.GetProperty("piapi_task_id").GetString());
        Assert.Equal(1, Stack.Ledger.Cancels);
        Assert.Empty(await Stack.BlobsAsync());
    }

    [Fact]
    public async Task A_task_PiApi_is_working_on_or_a_model_without_cancel_answers_409_and_goes_on()
    {
        var sora = Id(await Stack.SubmitAsync(Prompt("[sim:hold=3000]")));
        await WaitForStatusAsync(sora, "pending");
        var (soraCancel, soraProblem) = await SpendRequests.CancelAsync(Stack.Api, sora);

        var kling = Id(await Stack.SubmitAsync(SpendRequests.Kling(Prompt("[sim:delay=3000]"))));
        await WaitForStatusAsync(kling, "processing");
        var (klingCancel, klingProblem) = await SpendRequests.CancelAsync(Stack.Api, kling);

        Assert.Equal(HttpStatusCode.Conflict, soraCancel.StatusCode);
        Assert.Contains("cannot cancel sora2", soraProblem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, klingCancel.StatusCode);
        Assert.Contains("processing", klingProblem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("archived", Status(await Stack.WaitForTerminalAsync(kling)));
        Assert.Equal("archived", Status(await Stack.WaitForTerminalAsync(sora)));
    }

    [Fact]
    public async Task A_webhook_that_arrives_after_a_cancel_is_acknowledged_and_changes_nothing()
    {
        var id = Id(await Stack.SubmitAsync(SpendRequests.Kling(Prompt("[sim:hold]"))));
        var piApiTaskId = (await WaitForStatusAsync(id, "pending")).GetProperty("piapi_task_id").GetString()!;
        var (cancel, _) = await SpendRequests.CancelAsync(Stack.Api, id);
        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);

        // A "completed" report for the same PiAPI task with a downloadable video, as a late delivery would bring.
        var body = WebhookRequests.Body(piApiTaskId, "completed", Stack.SimulatorVideoUrl(piApiTaskId).AbsoluteUri);
        using var late = await Stack.Api.SendAsync(WebhookRequests.Create(id, Stack.Secrets.Create(id), WebhookRequests.Json(body)));

        Assert.Equal(HttpStatusCode.OK, late.StatusCode);
        Assert.Equal("cancelled", Status(await Stack.GetTaskAsync(id)));
        Assert.Empty(await Stack.BlobsAsync());
        Assert.Equal([(1, "task.submitted"), (2, "task.cancelled")], await EventsAsync(id));
    }

    [Fact]
    public async Task A_cancel_racing_PiApi_starting_and_completing_the_task_has_exactly_one_outcome_and_a_cancelled_task_never_a_blob()
    {
        // PiAPI moves each task on from pending about when the cancel arrives: either the DELETE wins (cancelled,
        // nothing copied) or PiAPI's processing and completed webhooks do (409, archived), never a mix.
        for (var round = 0; round < 4; round++)
        {
            var hold = 150 + (round * 50);
            var id = Id(await Stack.SubmitAsync(SpendRequests.Kling(Prompt($"[sim:hold={hold}]"))));
            await WaitForStatusAsync(id, "pending");
            await Task.Delay(hold - 100);

            var (answer, _) = await SpendRequests.CancelAsync(Stack.Api, id);
            var task = await Stack.WaitForTerminalAsync(id);

            var blobs = (await Stack.BlobsAsync()).Count(blob => blob.Name.Contains(id, StringComparison.Ordinal));
            var simulator = await Stack.SimulatorStatusAsync(task.GetProperty("piapi_task_id").GetString()!);
            Assert.True(
                (Status(task), answer.StatusCode, blobs > 0, simulator) is ("cancelled", HttpStatusCode.OK, false, "cancelled") or ("archived", HttpStatusCode.Conflict, true, "completed"),
                $"Round {round}: task {Status(task)}, cancel {(int)answer.StatusCode}, {blobs} blob(s), PiAPI {simulator}.");
        }
    }

    [Fact]
    public async Task A_deadline_cancels_a_task_still_pending_and_marks_one_PiApi_works_on_as_missed()
    {
        var pending = SpendRequests.Kling(Prompt("[sim:hold]"));
        pending["deadline"] = DateTimeOffset.UtcNow.AddSeconds(2).ToString("O");
        var working = SpendRequests.Kling(Prompt("[sim:delay=4000]"));
        working["deadline"] = DateTimeOffset.UtcNow.AddSeconds(2).ToString("O");

        var pendingId = Id(await Stack.SubmitAsync(pending));
        var workingId = Id(await Stack.SubmitAsync(working));
        var cancelled = await Stack.WaitForTerminalAsync(pendingId);
        var archived = await Stack.WaitForTerminalAsync(workingId);

        Assert.Equal("cancelled", Status(cancelled));
        Assert.StartsWith("Cancelled at its deadline", cancelled.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal("archived", Status(archived));
        Assert.True(archived.GetProperty("deadline_missed").GetBoolean());
    }

    [Fact]
    public async Task The_list_filtered_by_model_holds_that_models_tasks_only()
    {
        var kling = Id(await Stack.SubmitAsync(SpendRequests.Kling(Prompt())));
        var sora = Id(await Stack.SubmitAsync(Prompt()));

        using var klingPage = JsonDocument.Parse(await Stack.Api.GetStringAsync("/api/tasks?model=kling"));
        using var soraPage = JsonDocument.Parse(await Stack.Api.GetStringAsync("/api/tasks?model=sora2"));
        using var both = await Stack.Api.GetAsync("/api/tasks?model=kling&status=pending");

        Assert.Equal([kling], klingPage.RootElement.GetProperty("tasks").EnumerateArray().Select(Id));
        Assert.Equal([sora], soraPage.RootElement.GetProperty("tasks").EnumerateArray().Select(Id));
        Assert.Equal(HttpStatusCode.BadRequest, both.StatusCode);
    }

    private async Task<int> OpenTasksAsync()
    {
        using var spend = JsonDocument.Parse(await Stack.Api.GetStringAsync("/api/spend"));
        return spend.RootElement.GetProperty("open_tasks").GetInt32();
    }

    private async Task<List<(int, string?)>> EventsAsync(string id)
    {
        using var events = JsonDocument.Parse(await Stack.Api.GetStringAsync($"/api/tasks/{id}/events"));
        return [.. events.RootElement.GetProperty("events").EnumerateArray().Select(e => (e.GetProperty("sequence").GetInt32(), e.GetProperty("type").GetString()))];
    }

    private async Task<JsonElement> WaitForStatusAsync(string id, string status)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(20); ; await Task.Delay(50))
        {
            var task = await Stack.GetTaskAsync(id);
            if (Status(task) == status)
            {
                return task;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Task {id} never reached {status}; it is {Status(task)}.");
        }
    }

    private async Task<string> WaitForAnyTaskAsync()
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(10); ; await Task.Delay(20))
        {
            try
            {
                if ((await Stack.EntitiesAsync()).FirstOrDefault() is { } entity)
                {
                    return entity.PartitionKey;
                }
            }
            catch (Azure.RequestFailedException exception) when (exception.Status == 404)
            {
                // The app creates its table on first use: not yet.
            }

            Assert.True(DateTime.UtcNow < deadline, "No task was stored.");
        }
    }
}
