using Moq;
using VideoVault.Archiving;
using VideoVault.Events;
using VideoVault.PiApi;
using VideoVault.Tasks;
using VideoVault.Tests.Fakes;
using VideoVault.Work;

namespace VideoVault.Tests.Workers;

/// <summary>The reconcile chain of a task-API task: drives a lost submit, asks PiAPI about lost webhooks, resumes the copy, expires old tasks.</summary>
public sealed class TaskReconcilerTests
{
    private readonly CoreHarness _core = new();

    private Task ReconcileAsync(string taskId, int attempt = 0) =>
        _core.Reconciler().ReconcileAsync(new WorkItem(WorkItemKind.Reconcile, taskId, attempt), CancellationToken.None);

    private void PiApiReports(PiApiResult<PiApiTask> result) =>
        _core.PiApi.Setup(p => p.GetTaskAsync("piapi-1", It.IsAny<CancellationToken>())).ReturnsAsync(result);

    private VideoTask Pending() => _core.Store.Seed(TestTasks.New(_core.Clock, VideoTaskStatus.Pending) with { PiApiTaskId = "piapi-1" });

    [Fact]
    public async Task A_task_that_was_never_stored_ends_the_chain()
    {
        await ReconcileAsync(TaskIds.New(_core.Clock));

        Assert.Empty(_core.Queue.Enqueued);
    }

    [Theory]
    [InlineData(VideoTaskStatus.Archived)]
    [InlineData(VideoTaskStatus.SubmitFailed)]
    [InlineData(VideoTaskStatus.Failed)]
    [InlineData(VideoTaskStatus.ArchiveFailed)]
    [InlineData(VideoTaskStatus.Expired)]
    internal async Task A_terminal_task_ends_the_chain(VideoTaskStatus status)
    {
        var task = _core.Store.Seed(TestTasks.New(_core.Clock, status) with { PiApiTaskId = "piapi-1" });

        await ReconcileAsync(task.Id);

        Assert.Empty(_core.Queue.Enqueued);
        Assert.Equal(0, _core.Store.Replaces);
    }

    [Fact]
    public async Task A_lost_webhook_is_recovered_by_asking_PiAPI_and_the_video_is_archived()
    {
        var task = Pending();
        PiApiReports(PiApiResult.Success(TestTasks.PiApiTask(PiApiTaskStatus.Completed, video: TestTasks.SourceUrl)));
        _core.Archiver.Setup(a => a.ArchiveAsync(It.IsAny<ArchiveRequest>(), It.IsAny<CancellationToken>())).ReturnsAsync(TestTasks.Archived());

        await ReconcileAsync(task.Id);

        Assert.Equal((VideoTaskStatus.Archived, TestTasks.SourceUrl), (_core.Store[task.Id].Status, _core.Store[task.Id].SourceUrl));
        Assert.DoesNotContain(_core.Queue.Enqueued, queued => queued.Item.Kind == WorkItemKind.Reconcile);
        Assert.Equal([(2, TaskEventTypes.Processing), (3, TaskEventTypes.Archived)], _core.Raised(task.Id));
    }

    [Fact]
    public async Task A_task_still_running_at_PiAPI_is_checked_again_later()
    {
        var task = Pending();
        PiApiReports(PiApiResult.Success(TestTasks.PiApiTask(PiApiTaskStatus.Processing)));

        await ReconcileAsync(task.Id, attempt: 0);

        Assert.Equal(VideoTaskStatus.Processing, _core.Store[task.Id].Status);
        var next = Assert.Single(_core.Queue.Enqueued);
        Assert.Equal((new WorkItem(WorkItemKind.Reconcile, task.Id, 1), _core.Options.ReconcileDelayFor(1)), (next.Item, next.Delay));
    }

    [Fact]
    public async Task A_task_PiAPI_failed_ends_failed_with_its_reason()
    {
        var task = Pending();
        PiApiReports(PiApiResult.Success(TestTasks.PiApiTask(PiApiTaskStatus.Failed) with { Error = new PiApiTaskError { Message = "content policy" } }));

        await ReconcileAsync(task.Id);

        Assert.Equal((VideoTaskStatus.Failed, "PiAPI failed the task: content policy"), (_core.Store[task.Id].Status, _core.Store[task.Id].Error));
        Assert.Empty(_core.Queue.Enqueued);
        Assert.Equal([(2, TaskEventTypes.Failed)], _core.Raised(task.Id));
    }

    [Fact]
    public async Task A_lookup_refused_with_429_comes_back_after_Retry_After()
    {
        var task = Pending();
        PiApiReports(TestTasks.Refused(PiApiFailureKind.RateLimited, 429, TimeSpan.FromMinutes(1)));

        await ReconcileAsync(task.Id, attempt: 2);

        var next = Assert.Single(_core.Queue.Enqueued);
        Assert.Equal((new WorkItem(WorkItemKind.Reconcile, task.Id, 3), TimeSpan.FromMinutes(1)), (next.Item, next.Delay));
        Assert.Equal(VideoTaskStatus.Pending, _core.Store[task.Id].Status);
    }

    [Fact]
    public async Task A_lookup_PiAPI_cannot_answer_comes_back_at_the_longest_interval()
    {
        var task = Pending();
        PiApiReports(TestTasks.Refused(PiApiFailureKind.NotFound, 404));

        await ReconcileAsync(task.Id);

        Assert.Equal(_core.Options.ReconcileInterval, Assert.Single(_core.Queue.Enqueued).Delay);
    }

    [Fact]
    public async Task A_submit_nobody_drives_is_sent_by_the_chain()
    {
        var task = _core.Store.Seed(TestTasks.New(_core.Clock));
        _core.PiApi.Setup(p => p.CreateTaskAsync(It.IsAny<PiApiCreateTaskRequest>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(PiApiResult.Success(TestTasks.PiApiTask(PiApiTaskStatus.Pending)));

        await ReconcileAsync(task.Id);

        Assert.Equal((VideoTaskStatus.Pending, "piapi-1"), (_core.Store[task.Id].Status, _core.Store[task.Id].PiApiTaskId));
        Assert.Equal(WorkItemKind.Reconcile, Assert.Single(_core.Queue.Enqueued).Item.Kind);
    }

    [Fact]
    public async Task A_send_under_its_hold_is_not_doubled_by_the_chain()
    {
        var task = _core.Store.Seed(TestTasks.New(_core.Clock) with { SubmitAttempts = 1, SubmitUncertainSince = CoreHarness.Start });

        await ReconcileAsync(task.Id);

        _core.PiApi.VerifyNoOtherCalls();
        Assert.Equal(WorkItemKind.Reconcile, Assert.Single(_core.Queue.Enqueued).Item.Kind);
    }

    [Fact]
    public async Task A_copy_whose_copier_died_is_taken_over()
    {
        var task = _core.Store.Seed(TestTasks.Completed(_core.Clock) with { Status = VideoTaskStatus.Archiving, ArchiveAttempts = 1, ArchiveLeaseUntil = CoreHarness.Start });
        _core.Archiver.Setup(a => a.ArchiveAsync(It.IsAny<ArchiveRequest>(), It.IsAny<CancellationToken>())).ReturnsAsync(TestTasks.Archived());

        await ReconcileAsync(task.Id);

        Assert.Equal((VideoTaskStatus.Archived, 2), (_core.Store[task.Id].Status, _core.Store[task.Id].ArchiveAttempts));
    }

    [Fact]
    public async Task A_copy_under_a_live_lease_is_left_to_its_copier_and_checked_again()
    {
        var task = _core.Store.Seed(TestTasks.Completed(_core.Clock) with { Status = VideoTaskStatus.Archiving, ArchiveAttempts = 1, ArchiveLeaseUntil = CoreHarness.Start + TimeSpan.FromMinutes(5) });

        await ReconcileAsync(task.Id);

        _core.Archiver.VerifyNoOtherCalls();
        Assert.Equal(WorkItemKind.Reconcile, Assert.Single(_core.Queue.Enqueued).Item.Kind);
    }

    [Theory]
    [InlineData(VideoTaskStatus.Submitting)]
    [InlineData(VideoTaskStatus.Pending)]
    [InlineData(VideoTaskStatus.Processing)]
    [InlineData(VideoTaskStatus.Completed)]
    internal async Task A_task_older_than_MaxTaskAge_expires(VideoTaskStatus status)
    {
        var task = _core.Store.Seed(TestTasks.Completed(_core.Clock) with { Status = status });
        _core.Clock.Advance(_core.Options.MaxTaskAge + TimeSpan.FromMilliseconds(1));

        await ReconcileAsync(task.Id);

        Assert.Equal((VideoTaskStatus.Expired, $"Not finished within {_core.Options.MaxTaskAge}."), (_core.Store[task.Id].Status, _core.Store[task.Id].Error));
        Assert.Empty(_core.Queue.Enqueued);
        _core.PiApi.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task A_task_exactly_MaxTaskAge_old_is_still_checked()
    {
        var task = Pending();
        _core.Clock.Advance(_core.Options.MaxTaskAge);
        PiApiReports(PiApiResult.Success(TestTasks.PiApiTask(PiApiTaskStatus.Processing)));

        await ReconcileAsync(task.Id);

        Assert.Equal(VideoTaskStatus.Processing, _core.Store[task.Id].Status);
    }

    [Fact]
    public async Task A_copy_under_way_is_not_expired()
    {
        var task = _core.Store.Seed(TestTasks.Completed(_core.Clock) with { Status = VideoTaskStatus.Archiving, ArchiveAttempts = 1, ArchiveLeaseUntil = CoreHarness.Start + TimeSpan.FromDays(2) });
        _core.Clock.Advance(_core.Options.MaxTaskAge + TimeSpan.FromHours(1));

        await ReconcileAsync(task.Id);

        Assert.Equal(VideoTaskStatus.Archiving, _core.Store[task.Id].Status);
    }
}
