using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;
using VideoVault.Archiving;
using VideoVault.Events;
using VideoVault.Events.Receivers;
using VideoVault.Operations;
using VideoVault.Tasks;
using VideoVault.Tests.Fakes;
using VideoVault.Views;
using VideoVault.Work;

namespace VideoVault.Tests.Events;

/// <summary>The task updater writes through the journal: a change that raises events stores them in the same write, holding their lease, and hands them to the dispatcher after it (the work queue when it is full).</summary>
public sealed class TaskEventJournalTests
{
    private readonly Mock<ITaskStore> _store = new(MockBehavior.Strict);
    private readonly Mock<IWorkQueue> _queue = new(MockBehavior.Strict);
    private readonly EventDispatcher _dispatcher;
    private readonly TaskUpdater _updater;

    public TaskEventJournalTests()
        : this(new EventDispatcher())
    {
    }

    private TaskEventJournalTests(EventDispatcher dispatcher)
    {
        var options = Options.Create(new VideoVaultOptions { PublicBaseUrl = new Uri("https://videovault.example/") });
        var views = new TaskViewFactory(Mock.Of<IVideoBlobStore>(), options, TimeProvider.System);
        var events = Mock.Of<IOptionsMonitor<EventOptions>>(o => o.CurrentValue == new EventOptions());
        _dispatcher = dispatcher;
        _updater = new TaskUpdater(_store.Object, TimeProvider.System, new TaskEventJournal(_store.Object, views, dispatcher, _queue.Object, events, NullLogger<TaskEventJournal>.Instance));
    }

    [Fact]
    public async Task A_change_that_reaches_a_milestone_is_written_with_its_events_holding_their_lease_and_then_dispatched()
    {
        var task = Task(VideoTaskStatus.Submitting, new WebhookSubscription(new Uri("https://hooks.example/"), [TaskEventTypes.Processing]));
        IReadOnlyList<TaskEventRecord>? written = null;
        _store.Setup(s => s.TryReplaceAsync(It.IsAny<VideoTask>(), It.IsAny<VideoTaskStatus>(), It.Is<IReadOnlyList<TaskEventRecord>>(r => r.Count > 0), It.IsAny<CancellationToken>()))
            .Callback((VideoTask _, VideoTaskStatus _, IReadOnlyList<TaskEventRecord> records, CancellationToken _) => written = records)
            .ReturnsAsync((VideoTask next, VideoTaskStatus _, IReadOnlyList<TaskEventRecord> _, CancellationToken _) => next with { ETag = "2" });

        var update = await _updater.UpdateAsync(task, current => current with { Status = VideoTaskStatus.Processing }, CancellationToken.None);

        Assert.True(update!.Changed);
        Assert.Equal([(1, TaskEventTypes.Submitted, WebhookDeliveryState.NotSubscribed), (2, TaskEventTypes.Processing, WebhookDeliveryState.Pending)], written!.Select(r => (r.Sequence, r.Type, r.Webhook)));
        Assert.All(written!, r => Assert.Equal((VideoTaskStatus.Processing, update.Task.UpdatedAt), (r.TaskStatus, r.OccurredAt)));
        Assert.Contains("\"status\":\"processing\"", written![0].Data, StringComparison.Ordinal);
        Assert.True(_dispatcher.Reader.TryRead(out var dispatched));
        Assert.Equal(task.Id, dispatched.TaskId);
        Assert.All(written!, r => Assert.Equal(dispatched.Lease, r.LeaseUntil));
        Assert.Equal(0, dispatched.Lease.Ticks % TimeSpan.TicksPerMillisecond);
        Assert.True(dispatched.Lease > update.Task.UpdatedAt + TimeSpan.FromSeconds(30));
        Assert.All(written!, r => Assert.Equal(ReceiverUrl.Key(new Uri("https://hooks.example/")), r.Receiver));
        _queue.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task A_change_that_raises_nothing_is_a_plain_guarded_replace()
    {
        var task = Task(VideoTaskStatus.Processing, null);
        _store.Setup(s => s.TryReplaceAsync(It.IsAny<VideoTask>(), VideoTaskStatus.Processing, It.Is<IReadOnlyList<TaskEventRecord>>(r => r.Count == 0), It.IsAny<CancellationToken>()))
            .ReturnsAsync((VideoTask next, VideoTaskStatus _, IReadOnlyList<TaskEventRecord> _, CancellationToken _) => next with { ETag = "2" });

        await _updater.UpdateAsync(task, current => current with { Progress = 40 }, CancellationToken.None);

        _queue.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task A_lost_race_writes_no_event_and_decides_again_on_the_fresh_state()
    {
        var task = Task(VideoTaskStatus.Pending, null);
        _store.SetupSequence(s => s.TryReplaceAsync(It.IsAny<VideoTask>(), It.IsAny<VideoTaskStatus>(), It.Is<IReadOnlyList<TaskEventRecord>>(r => r.Count > 0), It.IsAny<CancellationToken>()))
            .ReturnsAsync((VideoTask?)null);
        _store.Setup(s => s.GetAsync(task.Id, It.IsAny<CancellationToken>())).ReturnsAsync(task with { Status = VideoTaskStatus.Failed, ETag = "9" });

        var update = await _updater.UpdateAsync(task, current => TaskStatusRules.CanMove(current.Status, VideoTaskStatus.Processing) ? current with { Status = VideoTaskStatus.Processing } : null, CancellationToken.None);

        Assert.False(update!.Changed);
        _store.Verify(s => s.TryReplaceAsync(It.IsAny<VideoTask>(), VideoTaskStatus.Pending, It.Is<IReadOnlyList<TaskEventRecord>>(r => r.Count > 0), It.IsAny<CancellationToken>()), Times.Once());
        _queue.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task A_decision_that_loses_the_race_stores_none_of_its_events_beside_the_winners()
    {
        var core = new CoreHarness();
        var task = core.Store.Seed(TestTasks.New(core.Clock));
        core.Store.InterleaveNextReplace(task.Id, current => current with { Status = VideoTaskStatus.Pending, PiApiTaskId = "piapi-1", EventCount = 1 });

        var update = await core.Updater().UpdateAsync(task, current => current with { Status = VideoTaskStatus.Processing }, CancellationToken.None);

        Assert.Equal((VideoTaskStatus.Processing, 1), (update!.Task.Status, core.Store.Conflicts));
        Assert.Equal([(2, TaskEventTypes.Processing)], core.Raised(task.Id));
    }

    [Fact]
    public async Task A_full_dispatcher_hands_the_events_to_the_work_queue_for_when_their_lease_runs_out()
    {
        var full = FullDispatcher();
        var task = Task(VideoTaskStatus.Archiving, null);
        full._queue.Setup(q => q.EnqueueAsync(new WorkItem(WorkItemKind.Deliver, task.Id, 0), It.Is<TimeSpan>(delay => delay > TimeSpan.FromSeconds(30)), It.IsAny<CancellationToken>())).Returns(System.Threading.Tasks.Task.CompletedTask);

        await full._updater.UpdateAsync(task, current => current with { Status = VideoTaskStatus.Archived, BlobName = "videos/x.mp4" }, CancellationToken.None);

        full._queue.VerifyAll();
    }

    [Fact]
    public async Task A_delivery_that_cannot_be_queued_does_not_fail_the_stored_change()
    {
        var full = FullDispatcher();
        var task = Task(VideoTaskStatus.Archiving, null);
        full._queue.Setup(q => q.EnqueueAsync(It.IsAny<WorkItem>(), It.IsAny<TimeSpan>(), It.IsAny<CancellationToken>())).ThrowsAsync(new Azure.RequestFailedException(503, "busy"));

        var update = await full._updater.UpdateAsync(task, current => current with { Status = VideoTaskStatus.Archived, BlobName = "videos/x.mp4" }, CancellationToken.None);

        Assert.Equal(VideoTaskStatus.Archived, update!.Task.Status);
    }

    [Fact]
    public async Task A_retried_task_numbers_its_next_events_from_its_count_not_from_its_status()
    {
        var task = Task(VideoTaskStatus.Processing, null) with { EventCount = 3 };
        IReadOnlyList<TaskEventRecord>? written = null;
        VideoTask? stored = null;
        _store.Setup(s => s.TryReplaceAsync(It.IsAny<VideoTask>(), VideoTaskStatus.Processing, It.Is<IReadOnlyList<TaskEventRecord>>(r => r.Count > 0), It.IsAny<CancellationToken>()))
            .Callback((VideoTask next, VideoTaskStatus _, IReadOnlyList<TaskEventRecord> records, CancellationToken _) => (stored, written) = (next, records))
            .ReturnsAsync((VideoTask next, VideoTaskStatus _, IReadOnlyList<TaskEventRecord> _, CancellationToken _) => next with { ETag = "2" });

        await _updater.UpdateAsync(task, current => current with { Status = VideoTaskStatus.Archived, BlobName = "videos/x.mp4" }, CancellationToken.None);

        Assert.Equal((4, TaskEventTypes.Archived), (Assert.Single(written!).Sequence, written![0].Type));
        Assert.Equal(4, stored!.EventCount);
    }

    [Theory]
    [InlineData(null, 4)]
    [InlineData(5, 6)]
    public async Task A_deletion_after_archiving_takes_the_next_number_from_the_count_and_carries_no_link(int? eventCount, int expected)
    {
        // An archived row from before EventCount has had its three milestones; a retried one counts its task.failed too.
        var task = Task(VideoTaskStatus.Archived, null) with { EventCount = eventCount, BlobName = "2026/12/07/x.mp4" };
        IReadOnlyList<TaskEventRecord>? written = null;
        _store.Setup(s => s.TryReplaceAsync(It.IsAny<VideoTask>(), VideoTaskStatus.Archived, It.Is<IReadOnlyList<TaskEventRecord>>(r => r.Count > 0), It.IsAny<CancellationToken>()))
            .Callback((VideoTask _, VideoTaskStatus _, IReadOnlyList<TaskEventRecord> records, CancellationToken _) => written = records)
            .ReturnsAsync((VideoTask next, VideoTaskStatus _, IReadOnlyList<TaskEventRecord> _, CancellationToken _) => next with { ETag = "2" });
        _queue.Setup(q => q.EnqueueAsync(It.IsAny<WorkItem>(), TimeSpan.Zero, It.IsAny<CancellationToken>())).Returns(System.Threading.Tasks.Task.CompletedTask);

        var update = await _updater.UpdateAsync(task, current => current with { VideoDeletedAt = DateTimeOffset.UtcNow, VideoDeletionReason = "requested" }, CancellationToken.None);

        var deleted = Assert.Single(written!);
        Assert.Equal((expected, TaskEventTypes.Deleted, VideoTaskStatus.Archived), (deleted.Sequence, deleted.Type, deleted.TaskStatus));
        Assert.Equal(expected, update!.Task.EventCount);
        Assert.Contains("\"deletion_reason\":\"requested\"", deleted.Data, StringComparison.Ordinal);
        Assert.DoesNotContain("\"url\"", deleted.Data, StringComparison.Ordinal);
    }

    /// <summary>A journal whose dispatcher is full, over a store that takes every write.</summary>
    private static TaskEventJournalTests FullDispatcher()
    {
        var full = new TaskEventJournalTests(new EventDispatcher(capacity: 1));
        Assert.True(full._dispatcher.TryDispatch("other", DateTimeOffset.UtcNow));
        full._store.Setup(s => s.TryReplaceAsync(It.IsAny<VideoTask>(), It.IsAny<VideoTaskStatus>(), It.Is<IReadOnlyList<TaskEventRecord>>(r => r.Count > 0), It.IsAny<CancellationToken>()))
            .ReturnsAsync((VideoTask next, VideoTaskStatus _, IReadOnlyList<TaskEventRecord> _, CancellationToken _) => next with { ETag = "2" });
        return full;
    }

    private static VideoTask Task(VideoTaskStatus status, WebhookSubscription? webhook) => new()
    {
        Id = TaskIds.New(TimeProvider.System),
        Status = status,
        Request = new VideoRequest { Model = ModelNames.Sora2, TaskType = ModelNames.Sora2Video, Prompt = "a fox", Webhook = webhook },
        RequestHash = "h",
        CreatedAt = DateTimeOffset.UtcNow,
        UpdatedAt = DateTimeOffset.UtcNow,
        ETag = "1",
    };
}
