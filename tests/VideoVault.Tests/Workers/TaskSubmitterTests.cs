using Moq;
using VideoVault.Events;
using VideoVault.Inbound;
using VideoVault.PiApi;
using VideoVault.Tasks;
using VideoVault.Tests.Fakes;
using VideoVault.Work;

namespace VideoVault.Tests.Workers;

/// <summary>The send: recorded on success, retried through the queue on a clear refusal, given up on a permanent one or after the cap.</summary>
public sealed class TaskSubmitterTests
{
    private readonly CoreHarness _core = new();

    private void PiApiAnswers(params PiApiResult<PiApiTask>[] results)
    {
        var sequence = _core.PiApi.SetupSequence(p => p.CreateTaskAsync(It.IsAny<PiApiCreateTaskRequest>(), It.IsAny<CancellationToken>()));
        foreach (var result in results)
        {
            sequence = sequence.ReturnsAsync(result);
        }
    }

    private Task<VideoTask?> SubmitAsync(string taskId) => _core.Submitter().SubmitAsync(taskId, CancellationToken.None);

    [Fact]
    public async Task The_webhook_url_keeps_the_path_of_the_public_base_url()
    {
        _core.Options.PublicBaseUrl = new Uri("https://gw.example/videovault");
        var task = _core.Store.Seed(TestTasks.New(_core.Clock));
        PiApiCreateTaskRequest? sent = null;
        _core.PiApi.Setup(p => p.CreateTaskAsync(It.IsAny<PiApiCreateTaskRequest>(), It.IsAny<CancellationToken>()))
            .Callback((PiApiCreateTaskRequest request, CancellationToken _) => sent = request)
            .ReturnsAsync(PiApiResult.Success(TestTasks.PiApiTask(PiApiTaskStatus.Pending)));

        await _core.Submitter().SubmitAsync(task, CancellationToken.None);

        Assert.Equal($"https://gw.example/videovault/api/webhooks/piapi?task={task.Id}", sent!.Config!.WebhookConfig!.Endpoint);
    }

    [Fact]
    public async Task A_created_task_is_sent_with_its_webhook_and_bound_to_PiAPIs_id()
    {
        var task = _core.Store.Seed(TestTasks.New(_core.Clock));
        PiApiCreateTaskRequest? sent = null;
        _core.PiApi.Setup(p => p.CreateTaskAsync(It.IsAny<PiApiCreateTaskRequest>(), It.IsAny<CancellationToken>()))
            .Callback((PiApiCreateTaskRequest request, CancellationToken _) => sent = request)
            .ReturnsAsync(PiApiResult.Success(TestTasks.PiApiTask(PiApiTaskStatus.Pending)));

        var result = await _core.Submitter().SubmitAsync(task, CancellationToken.None);

        Assert.Equal((VideoTaskStatus.Pending, "piapi-1", 1, null), (result!.Status, result.PiApiTaskId, result.SubmitAttempts, result.SubmitUncertainSince));
        Assert.Equal(result, _core.Store[task.Id]);
        Assert.Equal(("sora2-video", "txt2video", "a cat surfing"), (sent!.Model, sent.TaskType, sent.Input.GetProperty("prompt").GetString()));
        Assert.Equal($"https://vault.example/api/webhooks/piapi?task={task.Id}", sent.Config!.WebhookConfig!.Endpoint);
        Assert.Equal(WebhookVerification.Verified, _core.Secrets.Verify(task.Id, sent.Config.WebhookConfig.Secret));
        Assert.Empty(_core.Queue.Enqueued);
    }

    [Fact]
    public async Task PiAPIs_answer_raises_task_submitted_with_the_change_and_hands_it_to_the_dispatcher()
    {
        var task = _core.Store.Seed(TestTasks.New(_core.Clock));
        PiApiAnswers(PiApiResult.Success(TestTasks.PiApiTask(PiApiTaskStatus.Pending)));

        var result = await SubmitAsync(task.Id);

        Assert.Equal([(1, TaskEventTypes.Submitted)], _core.Raised(task.Id));
        var submitted = _core.Store.EventsOf(task.Id)[0];
        Assert.Equal((VideoTaskStatus.Pending, result!.UpdatedAt, 1), (submitted.TaskStatus, submitted.OccurredAt, result.EventCount));
        Assert.True(_core.Dispatcher.Reader.TryRead(out var dispatched));
        Assert.Equal((task.Id, dispatched.Lease), (dispatched.TaskId, submitted.LeaseUntil!.Value));
    }

    [Fact]
    public async Task The_claim_marks_the_send_before_it_goes()
    {
        var task = _core.Store.Seed(TestTasks.New(_core.Clock));
        VideoTask? whileSending = null;
        _core.PiApi.Setup(p => p.CreateTaskAsync(It.IsAny<PiApiCreateTaskRequest>(), It.IsAny<CancellationToken>()))
            .Callback(() => whileSending = _core.Store[task.Id])
            .ReturnsAsync(PiApiResult.Success(TestTasks.PiApiTask(PiApiTaskStatus.Pending)));

        await SubmitAsync(task.Id);

        Assert.Equal((VideoTaskStatus.Submitting, 1, CoreHarness.Start), (whileSending!.Status, whileSending.SubmitAttempts, whileSending.SubmitUncertainSince));
    }

    [Theory]
    [InlineData(VideoTaskStatus.Pending)]
    [InlineData(VideoTaskStatus.Processing)]
    [InlineData(VideoTaskStatus.SubmitFailed)]
    [InlineData(VideoTaskStatus.Archived)]
    internal async Task A_task_past_submitting_is_not_sent(VideoTaskStatus status)
    {
        var task = _core.Store.Seed(TestTasks.New(_core.Clock, status));

        Assert.Equal(status, (await SubmitAsync(task.Id))!.Status);

        _core.PiApi.VerifyNoOtherCalls();
        Assert.Equal(0, _core.Store.Replaces);
    }

    [Fact]
    public async Task A_task_already_bound_to_a_PiAPI_task_is_not_sent_again()
    {
        var task = _core.Store.Seed(TestTasks.New(_core.Clock) with { PiApiTaskId = "piapi-1" });

        await SubmitAsync(task.Id);

        _core.PiApi.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task A_missing_task_is_null()
    {
        Assert.Null(await SubmitAsync(TaskIds.New(_core.Clock)));
    }

    [Fact]
    public async Task A_429_is_retried_after_PiAPIs_Retry_After_and_clears_the_mark()
    {
        var task = _core.Store.Seed(TestTasks.New(_core.Clock));
        PiApiAnswers(TestTasks.Refused(PiApiFailureKind.RateLimited, 429, TimeSpan.FromSeconds(90)));

        var result = await SubmitAsync(task.Id);

        Assert.Equal((VideoTaskStatus.Submitting, "RateLimited (HTTP 429)", null, 1), (result!.Status, result.Error, result.SubmitUncertainSince, result.SubmitAttempts));
        var retry = Assert.Single(_core.Queue.Enqueued);
        Assert.Equal((new WorkItem(WorkItemKind.Submit, task.Id, 1), TimeSpan.FromSeconds(90)), (retry.Item, retry.Delay));
        Assert.Empty(_core.Raised(task.Id));
    }

    [Fact]
    public async Task A_Retry_After_longer_than_the_longest_backoff_is_capped()
    {
        var task = _core.Store.Seed(TestTasks.New(_core.Clock));
        PiApiAnswers(TestTasks.Refused(PiApiFailureKind.RateLimited, 429, TimeSpan.FromHours(3)));

        await SubmitAsync(task.Id);

        Assert.Equal(_core.Options.RetryMaxDelay, Assert.Single(_core.Queue.Enqueued).Delay);
    }

    [Theory]
    [InlineData(PiApiFailureKind.ServerError, 503)]
    [InlineData(PiApiFailureKind.ConnectionFailed, null)]
    internal async Task A_clear_refusal_is_retried_with_backoff(PiApiFailureKind kind, int? status)
    {
        var task = _core.Store.Seed(TestTasks.New(_core.Clock) with { SubmitAttempts = 2 });
        PiApiAnswers(TestTasks.Refused(kind, status));

        var result = await SubmitAsync(task.Id);

        Assert.Null(result!.SubmitUncertainSince);
        var retry = Assert.Single(_core.Queue.Enqueued);
        Assert.Equal(new WorkItem(WorkItemKind.Submit, task.Id, 3), retry.Item);
        Assert.InRange(retry.Delay, _core.Options.RetryBaseDelay * 2, _core.Options.RetryBaseDelay * 4);
    }

    [Fact]
    public async Task A_bad_request_ends_submit_failed_at_once()
    {
        var task = _core.Store.Seed(TestTasks.New(_core.Clock));
        PiApiAnswers(TestTasks.Refused(PiApiFailureKind.BadRequest, 400));

        var result = await SubmitAsync(task.Id);

        Assert.Equal(VideoTaskStatus.SubmitFailed, result!.Status);
        Assert.Equal("PiAPI refused the task after 1 attempt(s): BadRequest (HTTP 400)", result.Error);
        Assert.Empty(_core.Queue.Enqueued);
        Assert.Equal([(1, TaskEventTypes.Failed)], _core.Raised(task.Id));
        Assert.Equal(VideoTaskStatus.SubmitFailed, _core.Store.EventsOf(task.Id)[0].TaskStatus);
        Assert.Contains(_core.Logs.GetSnapshot(), log => log.Id.Id == 102);
    }

    [Fact]
    public async Task A_refused_api_key_ends_submit_failed_at_once_and_says_the_key_is_at_fault()
    {
        var task = _core.Store.Seed(TestTasks.New(_core.Clock));
        PiApiAnswers(TestTasks.Refused(PiApiFailureKind.Unauthorized, 401));

        var result = await SubmitAsync(task.Id);

        Assert.Equal(VideoTaskStatus.SubmitFailed, result!.Status);
        Assert.Equal("PiAPI refused VideoVault's API key (Unauthorized (HTTP 401)): the model is not at fault; check the PiApi:ApiKey setting.", result.Error);
        Assert.Empty(_core.Queue.Enqueued);
    }

    [Fact]
    public async Task A_model_piapi_no_longer_serves_fails_at_once_with_its_message_and_a_warning_naming_it()
    {
        var task = _core.Store.Seed(TestTasks.New(_core.Clock));
        PiApiAnswers(PiApiResult.Fail<PiApiTask>(new PiApiFailure(PiApiFailureKind.ModelUnavailable, System.Net.HttpStatusCode.InternalServerError, "failed to create task: model not found")));

        var result = await SubmitAsync(task.Id);

        Assert.Equal((VideoTaskStatus.SubmitFailed, 1), (result!.Status, result.SubmitAttempts));
        Assert.Equal("PiAPI no longer serves sora2-video / txt2video (HTTP 500): failed to create task: model not found", result.Error);
        Assert.Empty(_core.Queue.Enqueued);
        var warning = Assert.Single(_core.Logs.GetSnapshot(), log => log.Id.Id == 103);
        Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Warning, warning.Level);
        Assert.Contains("sora2-video", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_transient_refusal_on_the_last_attempt_ends_submit_failed()
    {
        var task = _core.Store.Seed(TestTasks.New(_core.Clock) with { SubmitAttempts = _core.Options.MaxSubmitAttempts - 1 });
        PiApiAnswers(TestTasks.Refused(PiApiFailureKind.ServerError, 500));

        var result = await SubmitAsync(task.Id);

        Assert.Equal((VideoTaskStatus.SubmitFailed, _core.Options.MaxSubmitAttempts), (result!.Status, result.SubmitAttempts));
        Assert.Empty(_core.Queue.Enqueued);
    }

    [Fact]
    public async Task The_queue_retries_refused_sends_until_PiAPI_takes_the_task()
    {
        var task = _core.Store.Seed(TestTasks.New(_core.Clock));
        PiApiAnswers(
            TestTasks.Refused(PiApiFailureKind.RateLimited, 429, TimeSpan.FromSeconds(30)),
            TestTasks.Refused(PiApiFailureKind.ServerError, 502),
            PiApiResult.Success(TestTasks.PiApiTask(PiApiTaskStatus.Pending)));

        await SubmitAsync(task.Id);
        for (var retry = 0; retry < 2; retry++)
        {
            _core.Clock.Advance(_core.Queue.Waiting[0].DueAt - _core.Clock.GetUtcNow());
            await SubmitAsync(Assert.Single(_core.Queue.PopDue()).TaskId);
        }

        Assert.Equal((VideoTaskStatus.Pending, 3, "piapi-1"), (_core.Store[task.Id].Status, _core.Store[task.Id].SubmitAttempts, _core.Store[task.Id].PiApiTaskId));
        Assert.Empty(_core.Queue.Waiting);
        Assert.Equal([(1, TaskEventTypes.Submitted)], _core.Raised(task.Id));
    }

    [Fact]
    public async Task Refusals_until_the_cap_end_submit_failed_after_MaxSubmitAttempts_sends()
    {
        var task = _core.Store.Seed(TestTasks.New(_core.Clock));
        _core.PiApi.Setup(p => p.CreateTaskAsync(It.IsAny<PiApiCreateTaskRequest>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(TestTasks.Refused(PiApiFailureKind.ServerError, 500));

        await SubmitAsync(task.Id);
        while (_core.Queue.Waiting.Count > 0)
        {
            _core.Clock.Advance(_core.Queue.Waiting[0].DueAt - _core.Clock.GetUtcNow());
            await SubmitAsync(Assert.Single(_core.Queue.PopDue()).TaskId);
        }

        Assert.Equal(VideoTaskStatus.SubmitFailed, _core.Store[task.Id].Status);
        Assert.Equal([(1, TaskEventTypes.Failed)], _core.Raised(task.Id));
        _core.PiApi.Verify(p => p.CreateTaskAsync(It.IsAny<PiApiCreateTaskRequest>(), It.IsAny<CancellationToken>()), Times.Exactly(_core.Options.MaxSubmitAttempts));
    }
}
