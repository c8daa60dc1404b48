using VideoVault.Tasks;
using VideoVault.Tests.Fakes;
using VideoVault.Work;

namespace VideoVault.Tests.Workers;

/// <summary>Chat tasks have no PiAPI task to ask about: reconcile re-queues a stream never started and fails one whose worker died.</summary>
public sealed class ChatReconcileTests
{
    private readonly CoreHarness _core = new();

    private VideoTask Chat(VideoTaskStatus status, DateTimeOffset? leaseUntil) =>
        _core.Store.Seed(TestTasks.New(_core.Clock, status, ModelNames.Sora2Preview) with { SubmitAttempts = 1, StreamLeaseUntil = leaseUntil });

    private Task ReconcileAsync(string taskId) =>
        _core.Reconciler().ReconcileAsync(new WorkItem(WorkItemKind.Reconcile, taskId, 0), CancellationToken.None);

    [Fact]
    public async Task A_chat_task_that_never_started_streaming_is_queued_to_stream_again()
    {
        var task = Chat(VideoTaskStatus.Submitting, null);

        await ReconcileAsync(task.Id);

        var stream = Assert.Single(_core.Queue.Enqueued);
        Assert.Equal((new WorkItem(WorkItemKind.Stream, task.Id, 1), TimeSpan.Zero), (stream.Item, stream.Delay));
    }

    [Theory]
    [InlineData(VideoTaskStatus.Pending)]
    [InlineData(VideoTaskStatus.Processing)]
    internal async Task A_stream_whose_lease_lapsed_is_failed(VideoTaskStatus status)
    {
        var task = Chat(status, CoreHarness.Start + _core.Options.StreamLease);
        _core.Clock.Advance(_core.Options.StreamLease);

        await ReconcileAsync(task.Id);

        Assert.Equal(VideoTaskStatus.Failed, _core.Store[task.Id].Status);
        Assert.Equal("The stream was interrupted: its worker stopped before the video link arrived.", _core.Store[task.Id].Error);
        Assert.Empty(_core.Queue.Enqueued);
    }

    [Fact]
    public async Task A_stream_under_a_live_lease_is_left_running_and_checked_again()
    {
        var task = Chat(VideoTaskStatus.Processing, CoreHarness.Start + _core.Options.StreamLease);

        await ReconcileAsync(task.Id);

        Assert.Equal(VideoTaskStatus.Processing, _core.Store[task.Id].Status);
        Assert.Equal(WorkItemKind.Reconcile, Assert.Single(_core.Queue.Enqueued).Item.Kind);
    }
}
