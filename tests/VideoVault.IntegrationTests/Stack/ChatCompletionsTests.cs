using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using VideoVault.IntegrationTests.Infrastructure;
using VideoVault.PiApiSimulator.Ledger;
using VideoVault.Tasks;
using VideoVault.Work;

namespace VideoVault.IntegrationTests.Stack;

/// <summary>Sora 2 through PiAPI's chat completions stream (<c>sora-2-preview</c>, <c>sora-2-hd-preview</c>), end to end.</summary>
public sealed class ChatCompletionsTests(AzuriteFixture azurite) : StackTest(azurite)
{
    private static readonly TimeSpan IdleTimeout = TimeSpan.FromSeconds(3);

    protected override void Configure(StackSettings settings)
    {
        settings.Configuration["VideoVault:StreamIdleTimeout"] = IdleTimeout.ToString();
        settings.Configuration["VideoVault:StreamLease"] = "00:00:10";
        settings.Configuration["VideoVault:StreamProgressInterval"] = "00:00:00.100";
    }

    [Theory]
    [InlineData(ModelNames.Sora2Preview)]
    [InlineData(ModelNames.Sora2HdPreview)]
    public async Task A_chat_task_is_streamed_then_archived_with_the_source_bytes_and_a_working_read_link(string model)
    {
        var prompt = Prompt();
        var submitted = await SubmitChatAsync(prompt, model);
        Assert.Equal("submitting", Status(submitted));
        Assert.False(submitted.TryGetProperty("task_type", out _));

        var task = await Stack.WaitForTerminalAsync(Id(submitted));

        Assert.Equal("archived", Status(task));
        Assert.Equal(model, task.GetProperty("model").GetString());
        Assert.Equal(100, task.GetProperty("progress").GetInt32());
        var piApiTaskId = task.GetProperty("piapi_task_id").GetString()!;
        Assert.Matches("^task_[0-9a-z]{26}$", piApiTaskId);
        Assert.EndsWith(".webp", task.GetProperty("preview_url").GetString());
        var entry = Assert.Single(Stack.Ledger.Tasks);
        Assert.Equal((piApiTaskId, TaskSource.ChatCompletions, prompt), (entry.TaskId, entry.Source, entry.Prompt));

        var expected = Stack.Ledger.ExpectedVideo(piApiTaskId);
        var video = task.GetProperty("video");
        Assert.Equal(expected.Size, video.GetProperty("size").GetInt64());
        Assert.Equal(expected.Sha256Hex, video.GetProperty("sha256").GetString());
        // The stream's preview image is the chat task's poster, kept beside the video.
        Assert.Equal(
            [video.GetProperty("blob_name").GetString(), video.GetProperty("poster_blob_name").GetString()],
            (await Stack.BlobsAsync()).Select(blob => blob.Name));
        Assert.EndsWith($"/{Id(task)}.poster.webp", video.GetProperty("poster_blob_name").GetString());
        using var download = new HttpClient();
        Assert.Equal(expected.Sha256, SHA256.HashData(await download.GetByteArrayAsync(video.GetProperty("url").GetString())));
        Assert.Equal("RIFF"u8.ToArray(), (await download.GetByteArrayAsync(video.GetProperty("poster_url").GetString()))[..4]);

        var entity = (await Stack.EntityAsync(Id(task)))!;
        Assert.Equal(new Uri(Stack.SimulatorUri, $"files/{piApiTaskId}.webp").AbsoluteUri, entity.GetString("PreviewUrl"));
        Assert.Equal(new Uri(Stack.SimulatorUri, $"files/{piApiTaskId}.mp4").AbsoluteUri, entity.GetString("SourceUrl"));
        Assert.Equal(1, entity.GetInt32("SubmitAttempts"));
        Assert.Equal(1, entity.GetInt32("ArchiveAttempts"));
    }

    [Fact]
    public async Task Progress_is_recorded_while_the_stream_runs_and_never_goes_back()
    {
        // The delay holds the stream after its last progress figure, so the figures are seen before completion.
        var id = Id(await SubmitChatAsync(Prompt("[sim:delay=1500]")));
        var seen = new List<(string Status, int? Progress)>();
        JsonElement task;
        do
        {
            task = await Stack.GetTaskAsync(id);
            var progress = task.TryGetProperty("progress", out var value) ? value.GetInt32() : (int?)null;
            if (seen.Count == 0 || seen[^1] != (Status(task), progress))
            {
                seen.Add((Status(task), progress));
            }

            await Task.Delay(50);
        }
        while (!TaskStatusRules.IsTerminal(TaskStatusNames.Parse(Status(task))) && seen.Count < 1000);

        Assert.Equal("archived", Status(task));
        var progresses = seen.Where(s => s.Progress is not null).Select(s => s.Progress!.Value).ToList();
        Assert.Equal(progresses.Order(), progresses);
        Assert.Contains(seen, s => s is { Status: "processing", Progress: >= 30 and <= 99 });
        Assert.Contains(seen, s => s.Status == "pending");
        Assert.Equal((100, "archived"), (progresses[^1], seen[^1].Status));
    }

    [Fact]
    public async Task An_unauthorized_stream_ends_submit_failed_at_once()
    {
        var task = await Stack.WaitForTerminalAsync(Id(await SubmitChatAsync(Prompt("[sim:unauthorized]"))));

        Assert.Equal("submit_failed", Status(task));
        Assert.StartsWith("PiAPI refused the stream after 1 attempt(s): Unauthorized (HTTP 401)", task.GetProperty("error").GetString());
        Assert.Empty(Stack.Ledger.Tasks);
        Assert.Equal(1, (await Stack.EntityAsync(Id(task)))!.GetInt32("SubmitAttempts"));
    }

    [Fact]
    public async Task Rate_limited_streams_are_retried_through_the_queue_and_then_archived()
    {
        var prompt = Prompt("[sim:submit429=2]");
        var task = await Stack.WaitForTerminalAsync(Id(await SubmitChatAsync(prompt)));

        Assert.Equal("archived", Status(task));
        Assert.Equal(2, Stack.Ledger.CreateRefused);
        Assert.Single(Stack.Ledger.Tasks, t => t.Prompt == prompt);
        Assert.Equal(3, (await Stack.EntityAsync(Id(task)))!.GetInt32("SubmitAttempts"));
    }

    [Fact]
    public async Task A_stalled_stream_fails_within_the_idle_timeout_and_is_not_run_again()
    {
        var stopwatch = Stopwatch.StartNew();
        var task = await Stack.WaitForTerminalAsync(Id(await SubmitChatAsync(Prompt("[sim:stall]"))));

        Assert.Equal("failed", Status(task));
        Assert.Equal($"The stream stalled: nothing arrived for {IdleTimeout}.", task.GetProperty("error").GetString());
        Assert.True(stopwatch.Elapsed < IdleTimeout + TimeSpan.FromSeconds(12), $"took {stopwatch.Elapsed}");
        Assert.InRange(task.GetProperty("progress").GetInt32(), 30, 99);
        await AssertOneStreamAndNoBlobAsync(task);
    }

    [Theory]
    [InlineData("[sim:cut]", "The stream was cut off before it finished (no finish_reason, no [DONE]).")]
    [InlineData("[sim:nolink]", "The stream ended without a video link. Its last line: \"sid: s_")]
    [InlineData("[sim:finish=length]", "The stream finished with finish_reason 'length' instead of 'stop'.")]
    [InlineData("[sim:fail]", "The stream ended without a video link. Its last line: \"reason: simulated failure requested by the [sim:fail] prompt tag\"")]
    public async Task A_stream_that_ends_without_a_usable_video_fails_with_the_reason_and_is_not_run_again(string faults, string error)
    {
        var task = await Stack.WaitForTerminalAsync(Id(await SubmitChatAsync(Prompt(faults))));

        Assert.Equal("failed", Status(task));
        Assert.StartsWith(error, task.GetProperty("error").GetString());
        Assert.Matches("^task_[0-9a-z]{26}$", task.GetProperty("piapi_task_id").GetString());
        await AssertOneStreamAndNoBlobAsync(task);
    }

    [Fact]
    public async Task Duplicate_stream_messages_open_one_stream()
    {
        var prompt = Prompt("[sim:delay=1000]");
        var id = Id(await SubmitChatAsync(prompt));
        var queue = Stack.DevHostServices.GetRequiredService<IWorkQueue>();
        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => queue.EnqueueAsync(new WorkItem(WorkItemKind.Stream, id, 0), TimeSpan.Zero, CancellationToken.None)));

        var task = await Stack.WaitForTerminalAsync(id);

        Assert.Equal("archived", Status(task));
        Assert.Single(Stack.Ledger.Tasks, t => t.Prompt == prompt);
        Assert.Equal(1, (await Stack.EntityAsync(id))!.GetInt32("SubmitAttempts"));
    }

    [Fact]
    public async Task Concurrent_submits_with_one_idempotency_key_open_one_stream()
    {
        var prompt = Prompt();
        var key = Guid.NewGuid().ToString();

        var responses = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => SubmitChatAsync(prompt, idempotencyKey: key)));

        Assert.Single(responses.Select(Id).Distinct());
        Assert.Equal("archived", Status(await Stack.WaitForTerminalAsync(Id(responses[0]))));
        Assert.Single(Stack.Ledger.Tasks, t => t.Prompt == prompt);
    }

    [Fact]
    public async Task Reconcile_fails_a_stream_whose_worker_died()
    {
        var services = Stack.DevHostServices;
        var now = DateTimeOffset.UtcNow;
        var (task, _) = await services.GetRequiredService<ITaskStore>().CreateAsync(new VideoTask
        {
            Id = TaskIds.New(TimeProvider.System),
            Status = VideoTaskStatus.Processing,
            Request = new VideoRequest { Model = ModelNames.Sora2Preview, TaskType = string.Empty, Prompt = Prompt() },
            RequestHash = "test",
            CreatedAt = now,
            UpdatedAt = now,
            Progress = 61,
            SubmitAttempts = 1,
            StreamLeaseUntil = now - TimeSpan.FromSeconds(1),
        }, CancellationToken.None);
        await services.GetRequiredService<IWorkQueue>().EnqueueAsync(new WorkItem(WorkItemKind.Reconcile, task.Id, 0), TimeSpan.Zero, CancellationToken.None);

        var reconciled = await Stack.WaitForTerminalAsync(task.Id);

        Assert.Equal("failed", Status(reconciled));
        Assert.Equal("The stream was interrupted: its worker stopped before the video link arrived.", reconciled.GetProperty("error").GetString());
        Assert.Equal(61, reconciled.GetProperty("progress").GetInt32());
    }

    [Fact]
    public async Task Reconcile_queues_a_chat_task_whose_stream_item_was_lost_and_it_is_archived()
    {
        var services = Stack.DevHostServices;
        var now = DateTimeOffset.UtcNow;
        var prompt = Prompt();
        var (task, _) = await services.GetRequiredService<ITaskStore>().CreateAsync(new VideoTask
        {
            Id = TaskIds.New(TimeProvider.System),
            Status = VideoTaskStatus.Submitting,
            Request = new VideoRequest { Model = ModelNames.Sora2Preview, TaskType = string.Empty, Prompt = prompt },
            RequestHash = "test",
            CreatedAt = now,
            UpdatedAt = now,
        }, CancellationToken.None);
        await services.GetRequiredService<IWorkQueue>().EnqueueAsync(new WorkItem(WorkItemKind.Reconcile, task.Id, 0), TimeSpan.Zero, CancellationToken.None);

        var reconciled = await Stack.WaitForTerminalAsync(task.Id);

        Assert.Equal("archived", Status(reconciled));
        Assert.Single(Stack.Ledger.Tasks, t => t.Prompt == prompt);
    }

    [Fact]
    public async Task Video_settings_are_refused_for_chat_models()
    {
        var body = ChatBody(Prompt(), ModelNames.Sora2Preview);
        body["task_type"] = ModelNames.Sora2Video;
        body["input"]!["duration"] = 4;

        using var response = await Stack.Api.PostAsJsonAsync("api/tasks", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        Assert.Contains("take input.prompt only", errors.GetProperty("input.duration")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("no task type", errors.GetProperty("task_type")[0].GetString(), StringComparison.Ordinal);
        Assert.Empty(Stack.Ledger.Tasks);
    }

    private async Task AssertOneStreamAndNoBlobAsync(JsonElement task)
    {
        Assert.Single(Stack.Ledger.Tasks);
        Assert.Equal(1, (await Stack.EntityAsync(Id(task)))!.GetInt32("SubmitAttempts"));
        Assert.Empty(await Stack.BlobsAsync());
    }

    private static JsonObject ChatBody(string prompt, string model) => new()
    {
        ["model"] = model,
        ["input"] = new JsonObject { ["prompt"] = prompt },
        ["metadata"] = new JsonObject { ["caller"] = "tests" },
    };

    private async Task<JsonElement> SubmitChatAsync(string prompt, string model = ModelNames.Sora2Preview, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/tasks") { Content = JsonContent.Create(ChatBody(prompt, model)) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        using var response = await Stack.Api.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"Submit answered {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
