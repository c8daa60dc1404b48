using Moq;
using VideoVault.Operations;
using VideoVault.PiApi;
using VideoVault.Tasks;
using VideoVault.Tests.Fakes;
using VideoVault.Work;

namespace VideoVault.Tests.Workers;

/// <summary>
/// A send whose outcome is unknown (timed out, or its answer never recorded) may have created a PiAPI
/// task: nobody sends again until the hold (PiApi:Timeout + UncertainSubmitGrace) is over.
/// </summary>
public sealed class UncertainSubmitTests
{
    private readonly CoreHarness _core = new();

    private Task<VideoTask?> SubmitAsync(string taskId) => _core.Submitter().SubmitAsync(taskId, CancellationToken.None);

    private void PiApiAnswers(params PiApiResult<PiApiTask>[] results)
    {
        var sequence = _core.PiApi.SetupSequence(p => p.CreateTaskAsync(It.IsAny<PiApiCreateTaskRequest>(), It.IsAny<CancellationToken>()));
        foreach (var result in results)
        {
            sequence = sequence.ReturnsAsync(result);
        }
    }

    private void VerifySends(int times) =>
        _core.PiApi.Verify(p => p.CreateTaskAsync(It.IsAny<PiApiCreateTaskRequest>(), It.IsAny<CancellationToken>()), Times.Exactly(times));

    [Theory]
    [InlineData(PiApiFailureKind.Timeout)]
    [InlineData(PiApiFailureKind.InvalidResponse)]
    internal async Task An_answer_that_leaves_the_create_open_keeps_the_mark_and_retries_when_the_hold_is_over(PiApiFailureKind kind)
    {
        var task = _core.Store.Seed(TestTasks.New(_core.Clock));
        PiApiAnswers(TestTasks.Refused(kind));

        var result = await SubmitAsync(task.Id);

        Assert.Equal((VideoTaskStatus.Submitting, CoreHarness.Start, kind.ToString()), (result!.Status, result.SubmitUncertainSince, result.Error));
        var retry = Assert.Single(_core.Queue.Enqueued);
        Assert.Equal((new WorkItem(WorkItemKind.Submit, task.Id, 1), _core.UncertainHold), (retry.Item, retry.Delay));
    }

    [Fact]
    public async Task The_retry_waits_only_for_what_is_left_of_the_hold()
    {
        var task = _core.Store.Seed(TestTasks.New(_core.Clock));
        _core.PiApi.Setup(p => p.CreateTaskAsync(It.IsAny<PiApiCreateTaskRequest>(), It.IsAny<CancellationToken>()))
            .Callback(() => _core.Clock.Advance(_core.PiApiOptions.Timeout))
            .ReturnsAsync(TestTasks.Refused(PiApiFailureKind.Timeout));

        await SubmitAsync(task.Id);

        Assert.Equal(_core.Options.UncertainSubmitGrace, Assert.Single(_core.Queue.Enqueued).Delay);
    }

    [Fact]
    public async Task Nobody_sends_again_within_the_hold_and_the_next_send_after_it_is_a_new_attempt()
    {
        var task = _core.Store.Seed(TestTasks.New(_core.Clock));
        PiApiAnswers(TestTasks.Refused(PiApiFailureKind.Timeout), PiApiResult.Success(TestTasks.PiApiTask(PiApiTaskStatus.Pending)));
        await SubmitAsync(task.Id);

        _core.Clock.Advance(_core.UncertainHold - TimeSpan.FromMilliseconds(1));
        Assert.Equal(VideoTaskStatus.Submitting, (await SubmitAsync(task.Id))!.Status);
        VerifySends(1);

        _core.Clock.Advance(TimeSpan.FromMilliseconds(1));
        var due = Assert.Single(_core.Queue.PopDue());
        var result = await SubmitAsync(due.TaskId);

        VerifySends(2);
        Assert.Equal((VideoTaskStatus.Pending, 2), (result!.Status, result.SubmitAttempts));
    }

    [Fact]
    public async Task A_send_claimed_by_a_worker_that_died_is_held_then_sent_once()
    {
        var task = _core.Store.Seed(TestTasks.New(_core.Clock) with { SubmitAttempts = 1, SubmitUncertainSince = CoreHarness.Start });
        PiApiAnswers(PiApiResult.Success(TestTasks.PiApiTask(PiApiTaskStatus.Pending)));

        await SubmitAsync(task.Id);
        VerifySends(0);
        _core.Clock.Advance(_core.UncertainHold);
        await SubmitAsync(task.Id);

        VerifySends(1);
        Assert.Equal(2, _core.Store[task.Id].SubmitAttempts);
    }

    [Fact]
    public async Task A_submit_item_held_back_by_another_send_comes_back_when_the_hold_is_over_and_sends_once()
    {
        var since = CoreHarness.Start;
        var task = _core.Store.Seed(TestTasks.New(_core.Clock) with { SubmitAttempts = 1, SubmitUncertainSince = since });
        PiApiAnswers(PiApiResult.Success(TestTasks.PiApiTask(PiApiTaskStatus.Pending)));
        var item = new WorkItem(WorkItemKind.Submit, task.Id, 1);
        _core.Clock.Advance(TimeSpan.FromSeconds(1));

        await _core.Submitter().SubmitAsync(item, CancellationToken.None);

        VerifySends(0);
        var back = Assert.Single(_core.Queue.Enqueued);
        Assert.Equal((item, _core.UncertainHold - TimeSpan.FromSeconds(1)), (back.Item, back.Delay));
        _core.Clock.Advance(back.Delay);
        var result = await _core.Submitter().SubmitAsync(Assert.Single(_core.Queue.PopDue()), CancellationToken.None);

        VerifySends(1);
        Assert.Equal((VideoTaskStatus.Pending, 2), (result!.Status, result.SubmitAttempts));
    }

    [Fact]
    public async Task A_submit_item_for_a_task_already_bound_ends_without_coming_back()
    {
        var task = _core.Store.Seed(TestTasks.New(_core.Clock) with { SubmitAttempts = 1, SubmitUncertainSince = CoreHarness.Start, PiApiTaskId = "piapi-1", Status = VideoTaskStatus.Pending });

        await _core.Submitter().SubmitAsync(new WorkItem(WorkItemKind.Submit, task.Id, 1), CancellationToken.None);

        VerifySends(0);
        Assert.Empty(_core.Queue.Enqueued);
    }

    [Fact]
    public async Task Of_two_concurrent_submits_one_sends()
    {
        var task = _core.Store.Seed(TestTasks.New(_core.Clock));
        _core.Store.InterleaveNextReplace(task.Id, other => other with { SubmitAttempts = 1, SubmitUncertainSince = _core.Clock.GetUtcNow() });

        var result = await SubmitAsync(task.Id);

        Assert.Equal((1, 1), (_core.Store.Conflicts, result!.SubmitAttempts));
        VerifySends(0);
    }

    [Fact]
    public async Task A_webhook_that_binds_the_task_during_a_timed_out_send_wins()
    {
        var task = _core.Store.Seed(TestTasks.New(_core.Clock));
        _core.PiApi.Setup(p => p.CreateTaskAsync(It.IsAny<PiApiCreateTaskRequest>(), It.IsAny<CancellationToken>()))
            .Returns(async () =>
            {
                await new TaskProgressRecorder(_core.Updater(), TestCatalog.Default).RecordAsync(task.Id, TestTasks.PiApiTask(PiApiTaskStatus.Processing), CancellationToken.None);
                return TestTasks.Refused(PiApiFailureKind.Timeout);
            });

        await SubmitAsync(task.Id);

        var stored = _core.Store[task.Id];
        Assert.Equal((VideoTaskStatus.Processing, "piapi-1", null, null), (stored.Status, stored.PiApiTaskId, stored.SubmitUncertainSince, stored.Error));
        _core.Clock.Advance(_core.UncertainHold);
        await SubmitAsync(Assert.Single(_core.Queue.PopDue()).TaskId);
        VerifySends(1);
    }

    [Fact]
    public async Task A_refusal_recorded_after_the_webhook_bound_the_task_does_not_fail_it()
    {
        var task = _core.Store.Seed(TestTasks.New(_core.Clock));
        _core.PiApi.Setup(p => p.CreateTaskAsync(It.IsAny<PiApiCreateTaskRequest>(), It.IsAny<CancellationToken>()))
            .Returns(async () =>
            {
                await new TaskProgressRecorder(_core.Updater(), TestCatalog.Default).RecordAsync(task.Id, TestTasks.PiApiTask(PiApiTaskStatus.Pending), CancellationToken.None);
                return TestTasks.Refused(PiApiFailureKind.Unauthorized, 401);
            });

        await SubmitAsync(task.Id);

        Assert.Equal((VideoTaskStatus.Pending, null), (_core.Store[task.Id].Status, _core.Store[task.Id].Error));
    }
}
