using Moq;
using VideoVault.Archiving;
using VideoVault.Tasks;
using VideoVault.Tests.Fakes;
using VideoVault.Work;

namespace VideoVault.Tests.Workers;

/// <summary>One copier at a time: a live lease keeps others out, a lapsed one is taken over, and claims are counted.</summary>
public sealed class ArchiveLeaseTests
{
    private readonly CoreHarness _core = new();

    private VideoTask Claimed(int attempts, TimeSpan leaseLeft) =>
        _core.Store.Seed(TestTasks.Completed(_core.Clock) with
        {
            Status = VideoTaskStatus.Archiving,
            ArchiveAttempts = attempts,
            ArchiveLeaseUntil = _core.Clock.GetUtcNow() + leaseLeft,
        });

    [Fact]
    public async Task Nobody_copies_while_the_lease_is_live()
    {
        var task = Claimed(1, TimeSpan.FromMilliseconds(1));

        Assert.Null(await _core.Archive().RunAsync(task.Id, null, CancellationToken.None));

        _core.Archiver.VerifyNoOtherCalls();
        Assert.Equal(0, _core.Store.Replaces);
    }

    [Fact]
    public async Task A_lapsed_lease_is_taken_over_as_a_new_attempt()
    {
        var task = Claimed(1, TimeSpan.FromMinutes(1));
        _core.Clock.Advance(TimeSpan.FromMinutes(1));
        _core.Archiver.Setup(a => a.ArchiveAsync(It.IsAny<ArchiveRequest>(), It.IsAny<CancellationToken>())).ReturnsAsync(TestTasks.Archived());

        var result = await _core.Archive().RunAsync(task.Id, null, CancellationToken.None);

        Assert.Equal((VideoTaskStatus.Archived, 2), (result!.Status, result.ArchiveAttempts));
    }

    [Fact]
    public async Task The_guard_takes_over_from_a_copier_that_died()
    {
        var task = _core.Store.Seed(TestTasks.Completed(_core.Clock));
        using var died = new CancellationTokenSource();
        var hung = new TaskCompletionSource<ArchiveOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        died.Token.Register(() => hung.TrySetCanceled(died.Token));
        _core.Archiver.SetupSequence(a => a.ArchiveAsync(It.IsAny<ArchiveRequest>(), It.IsAny<CancellationToken>()))
            .Returns(hung.Task)
            .ReturnsAsync(TestTasks.Archived());
        var first = _core.Archive().RunAsync(task.Id, null, died.Token);

        var guard = Assert.Single(_core.Queue.Waiting);
        _core.Clock.Advance(_core.Options.ArchiveLease - TimeSpan.FromSeconds(1));
        Assert.Empty(_core.Queue.PopDue());
        Assert.Null(await _core.Archive().RunAsync(task.Id, null, CancellationToken.None));
        _core.Clock.Advance(guard.DueAt - _core.Clock.GetUtcNow());
        var due = Assert.Single(_core.Queue.PopDue());
        var result = await _core.Archive().RunAsync(due.TaskId, null, CancellationToken.None);

        Assert.Equal((VideoTaskStatus.Archived, 2), (result!.Status, result.ArchiveAttempts));
        await died.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        Assert.Equal(VideoTaskStatus.Archived, _core.Store[task.Id].Status);
    }

    [Fact]
    public async Task Claims_that_never_finished_end_archive_failed_after_the_cap()
    {
        var task = _core.Store.Seed(Claimed(_core.Options.MaxArchiveAttempts, TimeSpan.Zero) with { Error = "stream reset" });

        var result = await _core.Archive().RunAsync(task.Id, null, CancellationToken.None);

        Assert.Equal(VideoTaskStatus.ArchiveFailed, result!.Status);
        Assert.Equal($"Copying the video was started {_core.Options.MaxArchiveAttempts} times and never finished: stream reset", result.Error);
        Assert.Null(result.ArchiveLeaseUntil);
        _core.Archiver.VerifyNoOtherCalls();
        Assert.Empty(_core.Queue.Enqueued);
        Assert.Contains(_core.Logs.GetSnapshot(), log => log.Id.Id == 303);
    }

    [Fact]
    public async Task A_copier_that_loses_the_claim_race_does_not_copy()
    {
        var task = _core.Store.Seed(TestTasks.Completed(_core.Clock));
        _core.Store.InterleaveNextReplace(task.Id, other => other with
        {
            Status = VideoTaskStatus.Archiving,
            ArchiveAttempts = 1,
            ArchiveLeaseUntil = _core.Clock.GetUtcNow() + _core.Options.ArchiveLease,
        });

        Assert.Null(await _core.Archive().RunAsync(task.Id, null, CancellationToken.None));

        Assert.Equal((1, 0), (_core.Store.Conflicts, _core.Store.Replaces));
        _core.Archiver.VerifyNoOtherCalls();
        Assert.Empty(_core.Queue.Enqueued);
    }

    [Fact]
    public async Task An_inline_copy_over_its_budget_hands_over_to_the_queue_and_gives_its_attempt_back()
    {
        var task = _core.Store.Seed(TestTasks.Completed(_core.Clock));
        var copying = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _core.Archiver.Setup(a => a.ArchiveAsync(It.IsAny<ArchiveRequest>(), It.IsAny<CancellationToken>()))
            .Returns(async (ArchiveRequest _, CancellationToken token) =>
            {
                copying.SetResult();
                await Task.Delay(Timeout.Infinite, token);
                return TestTasks.Archived();
            });
        var budget = _core.Options.InlineCopyBudget;

        var run = _core.Archive().RunAsync(task.Id, budget, CancellationToken.None);
        await copying.Task;
        _core.Clock.Advance(budget);
        var result = await run;

        Assert.Equal((VideoTaskStatus.Archiving, 0, CoreHarness.Start + budget), (result!.Status, result.ArchiveAttempts, result.ArchiveLeaseUntil));
        var handOver = _core.Queue.Enqueued[^1];
        Assert.Equal((new WorkItem(WorkItemKind.Archive, task.Id, 0), TimeSpan.Zero), (handOver.Item, handOver.Delay));
        Assert.Contains(_core.Logs.GetSnapshot(), log => log.Id.Id == 302);
    }

    [Fact]
    public async Task A_video_too_large_to_copy_inline_is_handed_to_the_queue_before_a_byte_is_copied()
    {
        var task = _core.Store.Seed(TestTasks.Completed(_core.Clock));
        var limit = _core.Options.InlineCopyMaxBytes;
        _core.Archiver.Setup(a => a.ArchiveAsync(It.Is<ArchiveRequest>(r => r.HandOverAbove == limit), It.IsAny<CancellationToken>()))
            .ReturnsAsync(ArchiveOutcome.TooLargeToCopyInline(limit + 1, limit));

        var result = await _core.Archive().RunAsync(task.Id, _core.Options.InlineCopyBudget, CancellationToken.None);

        Assert.Equal((VideoTaskStatus.Archiving, 0, CoreHarness.Start), (result!.Status, result.ArchiveAttempts, result.ArchiveLeaseUntil));
        var handOver = _core.Queue.Enqueued[^1];
        Assert.Equal((new WorkItem(WorkItemKind.Archive, task.Id, 0), TimeSpan.Zero), (handOver.Item, handOver.Delay));
        Assert.Contains(_core.Logs.GetSnapshot(), log => log.Id.Id == 306);
    }

    [Fact]
    public async Task The_queue_copies_a_video_of_any_size()
    {
        var task = _core.Store.Seed(TestTasks.Completed(_core.Clock));
        _core.Archiver.Setup(a => a.ArchiveAsync(It.Is<ArchiveRequest>(r => r.HandOverAbove == null), It.IsAny<CancellationToken>()))
            .ReturnsAsync(TestTasks.Archived());

        var result = await _core.Archive().RunAsync(task.Id, budget: null, CancellationToken.None);

        Assert.Equal(VideoTaskStatus.Archived, result!.Status);
    }

    [Fact]
    public async Task The_callers_cancellation_is_not_mistaken_for_the_budget()
    {
        var task = _core.Store.Seed(TestTasks.Completed(_core.Clock));
        using var stopping = new CancellationTokenSource();
        _core.Archiver.Setup(a => a.ArchiveAsync(It.IsAny<ArchiveRequest>(), It.IsAny<CancellationToken>()))
            .Returns(async (ArchiveRequest _, CancellationToken token) =>
            {
                await stopping.CancelAsync();
                token.ThrowIfCancellationRequested();
                return TestTasks.Archived();
            });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _core.Archive().RunAsync(task.Id, TimeSpan.FromSeconds(5), stopping.Token));

        Assert.Equal((VideoTaskStatus.Archiving, 1), (_core.Store[task.Id].Status, _core.Store[task.Id].ArchiveAttempts));
    }
}
