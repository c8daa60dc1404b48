using Moq;
using VideoVault.Archiving;
using VideoVault.Events;
using VideoVault.Intake;
using VideoVault.PiApi;
using VideoVault.Tasks;
using VideoVault.Tests.Fakes;
using VideoVault.Work;

namespace VideoVault.Tests.Intake;

/// <summary>An operator's retry: only failed copies and failed submits, each set going the way that can still succeed.</summary>
public sealed class TaskRetryTests
{
    private readonly CoreHarness _core = new();

    /// <summary>The failed task with the events it raised on its way: its milestones, then its <c>task.failed</c>.</summary>
    private VideoTask Seed(VideoTask task, int eventsRaised = 0)
    {
        var stored = _core.Store.Seed(task);
        string[] milestones = [TaskEventTypes.Submitted, TaskEventTypes.Processing];
        _core.Store.SeedEvents([.. Enumerable.Range(1, eventsRaised)
            .Select(sequence => new TaskEventRecord { TaskId = task.Id, Sequence = sequence, Type = sequence == eventsRaised ? TaskEventTypes.Failed : milestones[sequence - 1], OccurredAt = task.UpdatedAt, TaskStatus = task.Status, Data = "{}", Webhook = WebhookDeliveryState.NotSubscribed, DueAt = task.UpdatedAt })]);
        return stored;
    }

    private VideoTask CopyFailed(string? piApiTaskId = "piapi-1") =>
        TestTasks.New(_core.Clock, VideoTaskStatus.ArchiveFailed) with { PiApiTaskId = piApiTaskId, SourceUrl = TestTasks.SourceUrl, ArchiveAttempts = 6, Error = "Copying the video failed: 403" };

    private VideoTask SubmitFailed(string model = ModelNames.Sora2Video) =>
        TestTasks.New(_core.Clock, VideoTaskStatus.SubmitFailed, model) with { SubmitAttempts = 8, Error = "PiAPI refused the task after 8 attempt(s)" };

    [Fact]
    public async Task A_failed_copy_of_a_PiAPI_task_asks_PiAPI_again_for_a_fresh_link()
    {
        var task = Seed(CopyFailed(), eventsRaised: 3);
        _core.Clock.Advance(TimeSpan.FromMinutes(20));

        var result = await _core.Retry().RetryAsync(task.Id, CancellationToken.None);

        Assert.Equal(RetryOutcome.Retried, result.Outcome);
        var stored = _core.Store[task.Id];
        Assert.Equal((VideoTaskStatus.Processing, 0, null, null, 3), (stored.Status, stored.ArchiveAttempts, stored.SourceUrl, stored.Error, stored.EventCount));
        Assert.Equal(new TaskStatusChange(VideoTaskStatus.Processing, _core.Clock.GetUtcNow()), stored.Timeline[^1]);
        var queued = Assert.Single(_core.Queue.Enqueued);
        Assert.Equal((new WorkItem(WorkItemKind.Reconcile, task.Id, 0), TimeSpan.Zero), (queued.Item, queued.Delay));
    }

    [Fact]
    public async Task A_failed_copy_of_a_chat_task_retries_its_own_link_through_the_archive_item()
    {
        var task = Seed(CopyFailed(piApiTaskId: null) with { Request = TestTasks.New(_core.Clock, model: ModelNames.Sora2Preview).Request });

        var result = await _core.Retry().RetryAsync(task.Id, CancellationToken.None);

        Assert.Equal((RetryOutcome.Retried, VideoTaskStatus.Completed, TestTasks.SourceUrl), (result.Outcome, result.Task!.Status, result.Task.SourceUrl));
        Assert.Equal(new WorkItem(WorkItemKind.Archive, task.Id, 0), Assert.Single(_core.Queue.Enqueued).Item);
    }

    [Fact]
    public async Task A_failed_submit_is_sent_again_at_once_with_fresh_attempts_and_a_new_reconcile_chain()
    {
        var task = Seed(SubmitFailed(), eventsRaised: 1);
        _core.PiApi.Setup(p => p.CreateTaskAsync(It.IsAny<PiApiCreateTaskRequest>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(PiApiResult.Success(TestTasks.PiApiTask(PiApiTaskStatus.Pending)));

        var result = await _core.Retry().RetryAsync(task.Id, CancellationToken.None);

        Assert.Equal((RetryOutcome.Retried, VideoTaskStatus.Pending, 1, "piapi-1"), (result.Outcome, result.Task!.Status, result.Task.SubmitAttempts, result.Task.PiApiTaskId));
        var chain = Assert.Single(_core.Queue.Enqueued);
        Assert.Equal((new WorkItem(WorkItemKind.Reconcile, task.Id, 0), _core.Options.ReconcileDelay), (chain.Item, chain.Delay));
        Assert.Equal([(1, TaskEventTypes.Failed), (2, TaskEventTypes.Submitted)], _core.Raised(task.Id));
        Assert.Equal(2, _core.Store[task.Id].EventCount);
    }

    [Fact]
    public async Task A_retry_raises_no_event_and_the_copys_task_archived_follows_the_task_failed_it_had()
    {
        var task = Seed(CopyFailed(piApiTaskId: null) with { Request = TestTasks.New(_core.Clock, model: ModelNames.Sora2Preview).Request }, eventsRaised: 3);
        _core.Archiver.Setup(a => a.ArchiveAsync(It.IsAny<ArchiveRequest>(), It.IsAny<CancellationToken>())).ReturnsAsync(TestTasks.Archived());

        await _core.Retry().RetryAsync(task.Id, CancellationToken.None);
        var afterRetry = _core.Raised(task.Id);
        await _core.Archive().RunAsync(task.Id, null, CancellationToken.None);

        IReadOnlyList<(int, string)> raised = [(1, TaskEventTypes.Submitted), (2, TaskEventTypes.Processing), (3, TaskEventTypes.Failed)];
        Assert.Equal(raised, afterRetry);
        Assert.Equal([.. raised, (4, TaskEventTypes.Archived)], _core.Raised(task.Id));
        Assert.Equal(4, _core.Store[task.Id].EventCount);
    }

    [Fact]
    public async Task A_failed_chat_submit_goes_back_to_its_stream_item()
    {
        var task = Seed(SubmitFailed(ModelNames.Sora2Preview));

        var result = await _core.Retry().RetryAsync(task.Id, CancellationToken.None);

        Assert.Equal((RetryOutcome.Retried, VideoTaskStatus.Submitting, 0), (result.Outcome, result.Task!.Status, result.Task.SubmitAttempts));
        Assert.Equal(new WorkItem(WorkItemKind.Stream, task.Id, 0), Assert.Single(_core.Queue.Enqueued).Item);
    }

    [Fact]
    public async Task A_submit_failed_task_PiAPI_created_after_all_is_looked_up_instead_of_sent_again()
    {
        var task = Seed(SubmitFailed() with { PiApiTaskId = "piapi-late" });

        var result = await _core.Retry().RetryAsync(task.Id, CancellationToken.None);

        Assert.Equal((RetryOutcome.Retried, VideoTaskStatus.Pending), (result.Outcome, result.Task!.Status));
        Assert.Equal((new WorkItem(WorkItemKind.Reconcile, task.Id, 0), TimeSpan.Zero), (_core.Queue.Enqueued[0].Item, _core.Queue.Enqueued[0].Delay));
    }

    [Theory]
    [InlineData(VideoTaskStatus.Archived)]
    [InlineData(VideoTaskStatus.Failed)]
    [InlineData(VideoTaskStatus.Expired)]
    [InlineData(VideoTaskStatus.Processing)]
    [InlineData(VideoTaskStatus.Archiving)]
    internal async Task Any_other_status_is_left_alone(VideoTaskStatus status)
    {
        var task = Seed(TestTasks.New(_core.Clock, status));

        var result = await _core.Retry().RetryAsync(task.Id, CancellationToken.None);

        Assert.Equal((RetryOutcome.NotRetryable, status), (result.Outcome, result.Task!.Status));
        Assert.Equal(0, _core.Store.Replaces);
        Assert.Empty(_core.Raised(task.Id));
        Assert.Empty(_core.Queue.Enqueued);
    }

    [Fact]
    public async Task A_task_older_than_MaxTaskAge_is_not_retried_since_its_reconcile_would_expire_it()
    {
        var task = Seed(CopyFailed());
        _core.Clock.Advance(_core.Options.MaxTaskAge + TimeSpan.FromSeconds(1));

        var result = await _core.Retry().RetryAsync(task.Id, CancellationToken.None);

        Assert.Equal((RetryOutcome.TooOld, VideoTaskStatus.ArchiveFailed), (result.Outcome, _core.Store[task.Id].Status));
    }

    [Fact]
    public async Task A_submit_whose_last_send_is_unanswered_waits_for_the_hold_before_it_may_be_sent_again()
    {
        var task = Seed(SubmitFailed() with { SubmitUncertainSince = _core.Clock.GetUtcNow() });
        _core.PiApi.Setup(p => p.CreateTaskAsync(It.IsAny<PiApiCreateTaskRequest>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(PiApiResult.Success(TestTasks.PiApiTask(PiApiTaskStatus.Pending)));

        _core.Clock.Advance(_core.UncertainHold - TimeSpan.FromSeconds(1));
        var early = await _core.Retry().RetryAsync(task.Id, CancellationToken.None);
        _core.Clock.Advance(TimeSpan.FromSeconds(1));
        var late = await _core.Retry().RetryAsync(task.Id, CancellationToken.None);

        Assert.Equal((RetryOutcome.SendOutcomeUnknown, RetryOutcome.Retried), (early.Outcome, late.Outcome));
    }

    [Fact]
    public async Task A_task_that_does_not_exist_is_told_apart()
    {
        var result = await _core.Retry().RetryAsync("missing", CancellationToken.None);

        Assert.Equal(RetryOutcome.NoTask, result.Outcome);
    }

    [Fact]
    public async Task A_counted_task_keeps_its_own_event_count_over_the_log()
    {
        var task = Seed(CopyFailed() with { EventCount = 5 }, eventsRaised: 3);

        await _core.Retry().RetryAsync(task.Id, CancellationToken.None);

        Assert.Equal(5, _core.Store[task.Id].EventCount);
    }
}
