using Moq;
using VideoVault.Events;
using VideoVault.Operations;
using VideoVault.PiApi;
using VideoVault.Tasks;
using VideoVault.Tests.Fakes;

namespace VideoVault.Tests.Operations;

/// <summary>A cancel before the send, at PiAPI while pending, or refused: what it stores and the event it raises.</summary>
public sealed class TaskCancellationTests
{
    private readonly CoreHarness _core = new();

    private Task<CancelResult> CancelAsync(string taskId) => _core.Cancellation().CancelAsync(taskId, "Cancelled by the caller", CancellationToken.None);

    /// <summary>A Luma task, whose tasks PiAPI can cancel while they are pending.</summary>
    private VideoTask Luma(VideoTaskStatus status) =>
        TestTasks.New(_core.Clock, status) with { Request = new VideoRequest { Model = "luma", TaskType = "video_generation", CatalogEntryId = "luma", Prompt = "a cat surfing", InputJson = """{"prompt":"a cat surfing"}""" } };

    [Fact]
    public async Task A_task_not_sent_yet_is_cancelled_here_and_raises_task_cancelled_as_its_first_event_once()
    {
        var task = _core.Store.Seed(TestTasks.New(_core.Clock));

        var first = await CancelAsync(task.Id);
        var again = await CancelAsync(task.Id);

        Assert.Equal((CancelOutcome.Cancelled, CancelOutcome.Cancelled), (first.Outcome, again.Outcome));
        Assert.Equal((VideoTaskStatus.Cancelled, "Cancelled by the caller before it was sent to PiAPI."), (_core.Store[task.Id].Status, _core.Store[task.Id].Error));
        Assert.Equal([(1, TaskEventTypes.Cancelled)], _core.Raised(task.Id));
        Assert.Equal(VideoTaskStatus.Cancelled, _core.Store.EventsOf(task.Id)[0].TaskStatus);
    }

    [Fact]
    public async Task A_pending_task_cancelled_at_PiAPI_raises_task_cancelled_after_its_task_submitted()
    {
        var task = _core.Store.Seed(Luma(VideoTaskStatus.Submitting));
        _core.PiApi.Setup(p => p.CreateTaskAsync(It.IsAny<PiApiCreateTaskRequest>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(PiApiResult.Success(TestTasks.PiApiTask(PiApiTaskStatus.Pending)));
        _core.PiApi.Setup(p => p.CancelTaskAsync("piapi-1", It.IsAny<CancellationToken>()))
            .ReturnsAsync(PiApiResult.Success(new PiApiCancellation("task piapi-1 canceled")));
        await _core.Submitter().SubmitAsync(task.Id, CancellationToken.None);

        var result = await CancelAsync(task.Id);

        Assert.Equal((CancelOutcome.Cancelled, "Cancelled by the caller at PiAPI while it was pending."), (result.Outcome, result.Task!.Error));
        Assert.Equal([(1, TaskEventTypes.Submitted), (2, TaskEventTypes.Cancelled)], _core.Raised(task.Id));
        Assert.Equal(2, _core.Store[task.Id].EventCount);
    }

    [Fact]
    public async Task A_cancel_PiAPI_refuses_leaves_the_task_and_raises_nothing()
    {
        var task = _core.Store.Seed(Luma(VideoTaskStatus.Pending) with { PiApiTaskId = "piapi-1" });
        _core.PiApi.Setup(p => p.CancelTaskAsync("piapi-1", It.IsAny<CancellationToken>()))
            .ReturnsAsync(PiApiResult.Fail<PiApiCancellation>(new PiApiFailure(PiApiFailureKind.BadRequest, System.Net.HttpStatusCode.BadRequest, "task is processing")));

        var result = await CancelAsync(task.Id);

        Assert.Equal((CancelOutcome.NotCancellable, VideoTaskStatus.Pending), (result.Outcome, _core.Store[task.Id].Status));
        Assert.Empty(_core.Raised(task.Id));
    }

    [Theory]
    [InlineData(VideoTaskStatus.Processing)]
    [InlineData(VideoTaskStatus.Archived)]
    internal async Task A_task_PiAPI_works_on_or_that_has_ended_is_not_cancelled_and_raises_nothing(VideoTaskStatus status)
    {
        var task = _core.Store.Seed(TestTasks.New(_core.Clock, status) with { PiApiTaskId = "piapi-1" });

        var result = await CancelAsync(task.Id);

        Assert.Equal(CancelOutcome.NotCancellable, result.Outcome);
        Assert.Equal(0, _core.Store.Replaces);
        Assert.Empty(_core.Raised(task.Id));
    }
}
