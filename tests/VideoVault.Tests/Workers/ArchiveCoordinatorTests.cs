using Moq;
using VideoVault.Archiving;
using VideoVault.Events;
using VideoVault.Tasks;
using VideoVault.Tests.Fakes;
using VideoVault.Work;

namespace VideoVault.Tests.Workers;

/// <summary>The copy's claim and its outcomes: archived, retried with backoff, or archive_failed.</summary>
public sealed class ArchiveCoordinatorTests
{
    private readonly CoreHarness _core = new();

    private void CopyAnswers(params ArchiveOutcome[] outcomes)
    {
        var sequence = _core.Archiver.SetupSequence(a => a.ArchiveAsync(It.IsAny<ArchiveRequest>(), It.IsAny<CancellationToken>()));
        foreach (var outcome in outcomes)
        {
            sequence = sequence.ReturnsAsync(outcome);
        }
    }

    [Fact]
    public async Task A_completed_task_is_claimed_copied_and_archived()
    {
        var task = _core.Store.Seed(TestTasks.Completed(_core.Clock));
        CopyAnswers(TestTasks.Archived());

        var result = await _core.Archive().RunAsync(task.Id, null, CancellationToken.None);

        Assert.Equal(VideoTaskStatus.Archived, result?.Status);
        var stored = _core.Store[task.Id];
        Assert.Equal((VideoTaskStatus.Archived, 1, 2048L, "abcd", "AQI="), (stored.Status, stored.ArchiveAttempts, stored.VideoSize, stored.Sha256, stored.ContentMd5));
        Assert.Equal(BlobNames.For(stored), stored.BlobName);
        Assert.Null(stored.ArchiveLeaseUntil);
        Assert.Equal([(3, TaskEventTypes.Archived)], _core.Raised(task.Id));
        Assert.Contains($"\"blob_name\":\"{stored.BlobName}\"", _core.Store.EventsOf(task.Id)[0].Data, StringComparison.Ordinal);
        _core.Archiver.Verify(a => a.ArchiveAsync(new ArchiveRequest(task.Id, new Uri(TestTasks.SourceUrl), BlobNames.For(task)), It.IsAny<CancellationToken>()), Times.Once());
    }

    [Fact]
    public async Task The_claim_holds_a_lease_and_queues_a_guard_due_after_it()
    {
        var task = _core.Store.Seed(TestTasks.Completed(_core.Clock));
        VideoTask? duringCopy = null;
        _core.Archiver.Setup(a => a.ArchiveAsync(It.IsAny<ArchiveRequest>(), It.IsAny<CancellationToken>()))
            .Callback(() => duringCopy = _core.Store[task.Id])
            .ReturnsAsync(TestTasks.Archived());

        await _core.Archive().RunAsync(task.Id, null, CancellationToken.None);

        Assert.Equal((VideoTaskStatus.Archiving, 1, CoreHarness.Start + _core.Options.ArchiveLease), (duringCopy!.Status, duringCopy.ArchiveAttempts, duringCopy.ArchiveLeaseUntil));
        var guard = Assert.Single(_core.Queue.Enqueued);
        Assert.Equal(new WorkItem(WorkItemKind.Archive, task.Id, 1), guard.Item);
        Assert.True(guard.Delay > _core.Options.ArchiveLease, $"The guard is due after the lease, not at {guard.Delay}.");
    }

    [Theory]
    [InlineData(VideoTaskStatus.Submitting)]
    [InlineData(VideoTaskStatus.Pending)]
    [InlineData(VideoTaskStatus.Processing)]
    [InlineData(VideoTaskStatus.Archived)]
    [InlineData(VideoTaskStatus.Failed)]
    [InlineData(VideoTaskStatus.ArchiveFailed)]
    internal async Task Only_a_completed_or_abandoned_copy_is_claimed(VideoTaskStatus status)
    {
        var task = _core.Store.Seed(TestTasks.Completed(_core.Clock) with { Status = status });

        Assert.Null(await _core.Archive().RunAsync(task.Id, null, CancellationToken.None));

        Assert.Equal(0, _core.Store.Replaces);
        Assert.Empty(_core.Queue.Enqueued);
    }

    [Fact]
    public async Task A_completed_task_without_a_link_is_not_claimed()
    {
        var task = _core.Store.Seed(TestTasks.Completed(_core.Clock) with { SourceUrl = null });

        Assert.Null(await _core.Archive().RunAsync(task.Id, null, CancellationToken.None));

        Assert.Equal(0, _core.Store.Replaces);
    }

    [Fact]
    public async Task A_transient_failure_releases_the_claim_and_queues_a_retry_with_backoff()
    {
        var task = _core.Store.Seed(TestTasks.Completed(_core.Clock));
        CopyAnswers(ArchiveOutcome.Failed(ArchiveOutcomeKind.TransientFailure, "CDN answered 503"));

        var result = await _core.Archive().RunAsync(task.Id, null, CancellationToken.None);

        Assert.Equal((VideoTaskStatus.Archiving, "CDN answered 503", CoreHarness.Start), (result!.Status, result.Error, result.ArchiveLeaseUntil));
        var retry = _core.Queue.Enqueued[^1];
        Assert.Equal(new WorkItem(WorkItemKind.Archive, task.Id, 1), retry.Item);
        Assert.InRange(retry.Delay, _core.Options.RetryBaseDelay / 2, _core.Options.RetryBaseDelay);
        Assert.Contains(_core.Logs.GetSnapshot(), log => log.Id.Id == 300 && log.Message.Contains("CDN answered 503", StringComparison.Ordinal));
        Assert.Empty(_core.Raised(task.Id));
    }

    [Fact]
    public async Task Backoff_doubles_with_each_attempt()
    {
        var task = _core.Store.Seed(TestTasks.Completed(_core.Clock) with { Status = VideoTaskStatus.Archiving, ArchiveAttempts = 3, ArchiveLeaseUntil = CoreHarness.Start });
        CopyAnswers(ArchiveOutcome.Failed(ArchiveOutcomeKind.TransientFailure, "reset"));

        await _core.Archive().RunAsync(task.Id, null, CancellationToken.None);

        var retry = _core.Queue.Enqueued[^1];
        Assert.Equal(4, retry.Item.Attempt);
        Assert.InRange(retry.Delay, _core.Options.RetryBaseDelay * 4, _core.Options.RetryBaseDelay * 8);
    }

    [Fact]
    public async Task A_permanent_failure_ends_archive_failed_at_once()
    {
        var task = _core.Store.Seed(TestTasks.Completed(_core.Clock));
        CopyAnswers(ArchiveOutcome.Failed(ArchiveOutcomeKind.PermanentFailure, "not a video"));

        var result = await _core.Archive().RunAsync(task.Id, null, CancellationToken.None);

        Assert.Equal((VideoTaskStatus.ArchiveFailed, "Copying the video failed: not a video", null), (result!.Status, result.Error, result.ArchiveLeaseUntil));
        Assert.Single(_core.Queue.Enqueued);
        Assert.Equal([(3, TaskEventTypes.Failed)], _core.Raised(task.Id));
        Assert.Equal(VideoTaskStatus.ArchiveFailed, _core.Store.EventsOf(task.Id)[0].TaskStatus);
    }

    [Fact]
    public async Task A_transient_failure_on_the_last_attempt_ends_archive_failed()
    {
        var last = _core.Options.MaxArchiveAttempts - 1;
        var task = _core.Store.Seed(TestTasks.Completed(_core.Clock) with { Status = VideoTaskStatus.Archiving, ArchiveAttempts = last, ArchiveLeaseUntil = CoreHarness.Start });
        CopyAnswers(ArchiveOutcome.Failed(ArchiveOutcomeKind.TransientFailure, "reset"));

        var result = await _core.Archive().RunAsync(task.Id, null, CancellationToken.None);

        Assert.Equal((VideoTaskStatus.ArchiveFailed, _core.Options.MaxArchiveAttempts), (result!.Status, result.ArchiveAttempts));
        Assert.Equal([(3, TaskEventTypes.Failed)], _core.Raised(task.Id));
        Assert.DoesNotContain(_core.Queue.Enqueued, queued => queued.Delay < _core.Options.ArchiveLease);
    }

    [Fact]
    public async Task The_queue_retries_until_the_copy_succeeds()
    {
        var task = _core.Store.Seed(TestTasks.Completed(_core.Clock));
        CopyAnswers(
            ArchiveOutcome.Failed(ArchiveOutcomeKind.TransientFailure, "503"),
            ArchiveOutcome.Failed(ArchiveOutcomeKind.TransientFailure, "cut off"),
            TestTasks.Archived());

        await _core.Archive().RunAsync(task.Id, null, CancellationToken.None);
        for (var retry = 0; retry < 2; retry++)
        {
            _core.Clock.Advance(_core.Queue.Waiting[0].DueAt - _core.Clock.GetUtcNow());
            var due = Assert.Single(_core.Queue.PopDue());
            await _core.Archive().RunAsync(due.TaskId, null, CancellationToken.None);
        }

        Assert.Equal((VideoTaskStatus.Archived, 3, null), (_core.Store[task.Id].Status, _core.Store[task.Id].ArchiveAttempts, _core.Store[task.Id].Error));
        Assert.Equal([(3, TaskEventTypes.Archived)], _core.Raised(task.Id));
    }

    [Fact]
    public async Task A_copy_whose_task_was_ended_elsewhere_records_nothing()
    {
        var task = _core.Store.Seed(TestTasks.Completed(_core.Clock));
        _core.Archiver.Setup(a => a.ArchiveAsync(It.IsAny<ArchiveRequest>(), It.IsAny<CancellationToken>()))
            .Callback(() => _core.Store.Seed(_core.Store[task.Id] with { Status = VideoTaskStatus.ArchiveFailed, Error = "poisoned" }))
            .ReturnsAsync(TestTasks.Archived());

        var result = await _core.Archive().RunAsync(task.Id, null, CancellationToken.None);

        Assert.Equal((VideoTaskStatus.ArchiveFailed, "poisoned"), (result!.Status, result.Error));
        Assert.Empty(_core.Raised(task.Id));
    }
}
