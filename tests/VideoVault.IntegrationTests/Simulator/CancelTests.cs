using System.Net;
using System.Text.Json;

namespace VideoVault.IntegrationTests.Simulator;

/// <summary><c>DELETE /api/v1/task/{id}</c>: pending Kling and Luma tasks only, as PiAPI's Cancel pages say; <c>[sim:hold]</c>.</summary>
public sealed class CancelTests(SimulatorFixture simulator) : IClassFixture<SimulatorFixture>
{
    [Theory]
    [InlineData("kling-3.0")]
    [InlineData("kling-omni")]
    [InlineData("kling-legacy")]
    [InlineData("luma")]
    public async Task A_held_pending_task_is_cancelled_and_goes_no_further(string family)
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var taskId = await FamilyRequests.CreateAsync(simulator.Client, FamilyRequests.Valid(family, "wait for me [sim:hold]", receiver.Endpoint));
        var cancelsBefore = simulator.Ledger.Cancels;
        await Task.Delay(SimulatorFixture.StepDelay * 5);

        using var response = await simulator.Client.DeleteAsync($"api/v1/task/{taskId}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($$"""{"code":200,"message":"task {{taskId}} canceled"}""", await response.Content.ReadAsStringAsync());
        await Task.Delay(SimulatorFixture.StepDelay * 20);
        var task = await simulator.GetTaskAsync(taskId);
        Assert.Equal("cancelled", task.GetProperty("status").GetString());
        Assert.Equal("0001-01-01T00:00:00Z", task.GetProperty("meta").GetProperty("started_at").GetString());
        Assert.NotEqual("0001-01-01T00:00:00Z", task.GetProperty("meta").GetProperty("ended_at").GetString());
        Assert.Equal(0, task.GetProperty("meta").GetProperty("usage").GetProperty("consume").GetInt64());
        Assert.Equal(["pending"], receiver.Received.Select(webhook => webhook.Status));
        Assert.Equal(cancelsBefore + 1, simulator.Ledger.Cancels);
        Assert.NotNull(simulator.Ledger.Find(taskId)!.CancelledAt);
        using var video = await simulator.Anonymous.GetAsync($"files/{taskId}.mp4");
        Assert.Equal(HttpStatusCode.NotFound, video.StatusCode);
    }

    [Fact]
    public async Task A_processing_task_cannot_be_cancelled_and_completes()
    {
        var taskId = await FamilyRequests.CreateAsync(simulator.Client, FamilyRequests.Valid("kling-3.0", "too late [sim:delay=1500]"));
        await simulator.WaitForStatusAsync(taskId, "processing");

        using var response = await simulator.Client.DeleteAsync($"api/v1/task/{taskId}");

        await AssertEnvelopeAsync(response, HttpStatusCode.BadRequest, $"task {taskId} cannot be cancelled: only pending tasks can be cancelled");
        await simulator.WaitForStatusAsync(taskId, "completed");
        Assert.Null(simulator.Ledger.Find(taskId)!.CancelledAt);
    }

    [Fact]
    public async Task Completed_and_already_cancelled_tasks_cannot_be_cancelled()
    {
        var completed = await FamilyRequests.CreateAsync(simulator.Client, FamilyRequests.Valid("luma", "all done"));
        await simulator.WaitForStatusAsync(completed, "completed");
        var held = await FamilyRequests.CreateAsync(simulator.Client, FamilyRequests.Valid("luma", "twice [sim:hold]"));
        using var first = await simulator.Client.DeleteAsync($"api/v1/task/{held}");

        using var again = await simulator.Client.DeleteAsync($"api/v1/task/{held}");
        using var late = await simulator.Client.DeleteAsync($"api/v1/task/{completed}");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        await AssertEnvelopeAsync(again, HttpStatusCode.BadRequest, $"task {held} cannot be cancelled: only pending tasks can be cancelled");
        await AssertEnvelopeAsync(late, HttpStatusCode.BadRequest, $"task {completed} cannot be cancelled: only pending tasks can be cancelled");
    }

    [Theory]
    [InlineData("sora2", "sora2")]
    [InlineData("veo3.1", "veo3.1")]
    [InlineData("seedance-2", "seedance")]
    [InlineData("hailuo", "hailuo")]
    [InlineData("wan-img2video", "Wan")]
    public async Task Families_without_a_cancel_page_refuse_even_when_pending(string family, string model)
    {
        var taskId = await FamilyRequests.CreateAsync(simulator.Client, FamilyRequests.Valid(family, "not cancellable [sim:hold=2000]"));

        using var response = await simulator.Client.DeleteAsync($"api/v1/task/{taskId}");

        await AssertEnvelopeAsync(response, HttpStatusCode.BadRequest, $"cancel is not supported for model {model}");
        Assert.Equal("pending", (await simulator.GetTaskAsync(taskId)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Unknown_ids_are_404_and_a_missing_key_401()
    {
        var taskId = await FamilyRequests.CreateAsync(simulator.Client, FamilyRequests.Valid("luma", "keyless [sim:hold]"));

        using var unknown = await simulator.Client.DeleteAsync($"api/v1/task/{Guid.NewGuid()}");
        using var anonymous = await simulator.Anonymous.DeleteAsync($"api/v1/task/{taskId}");

        await AssertEnvelopeAsync(unknown, HttpStatusCode.NotFound, "task not found");
        await AssertEnvelopeAsync(anonymous, HttpStatusCode.Unauthorized, "invalid or missing X-API-Key");
        Assert.Equal("pending", (await simulator.GetTaskAsync(taskId)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Hold_keeps_a_task_pending_for_its_milliseconds_then_it_runs_as_usual()
    {
        var taskId = await FamilyRequests.CreateAsync(simulator.Client, FamilyRequests.Valid("kling-omni", "a short hold [sim:hold=1500]"));

        await Task.Delay(500);
        Assert.Equal("pending", (await simulator.GetTaskAsync(taskId)).GetProperty("status").GetString());

        var completed = await simulator.WaitForStatusAsync(taskId, "completed");
        var meta = completed.GetProperty("meta");
        var waited = DateTimeOffset.Parse(meta.GetProperty("started_at").GetString()!, System.Globalization.CultureInfo.InvariantCulture)
            - DateTimeOffset.Parse(meta.GetProperty("created_at").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(waited, TimeSpan.FromMilliseconds(1500), TimeSpan.FromSeconds(5));
    }

    private static async Task AssertEnvelopeAsync(HttpResponseMessage response, HttpStatusCode status, string message)
    {
        Assert.Equal(status, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal((int)status, body.RootElement.GetProperty("code").GetInt32());
        Assert.Equal(JsonValueKind.Null, body.RootElement.GetProperty("data").ValueKind);
        Assert.Equal(message, body.RootElement.GetProperty("message").GetString());
    }
}
