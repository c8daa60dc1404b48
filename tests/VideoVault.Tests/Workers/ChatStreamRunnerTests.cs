using System.Net;
using Moq;
using VideoVault.Archiving;
using VideoVault.Tasks;
using VideoVault.Tests.Fakes;
using VideoVault.Tests.Streaming;
using VideoVault.Work;

namespace VideoVault.Tests.Workers;

/// <summary>A chat-completions task's stream: claimed once, recorded as it runs, archived at its end, failed when it breaks.</summary>
public sealed class ChatStreamRunnerTests
{
    private readonly CoreHarness _core = new();
    private readonly StubPiApiChat _piApi = new();

    private VideoTask Chat() => _core.Store.Seed(TestTasks.New(_core.Clock, model: ModelNames.Sora2Preview));

    private Task RunAsync(string taskId, int attempt = 0) =>
        _core.ChatRunner(_piApi).RunAsync(new WorkItem(WorkItemKind.Stream, taskId, attempt), CancellationToken.None);

    [Fact]
    public async Task A_stream_that_delivers_the_video_completes_the_task_and_archives_it()
    {
        var task = Chat();
        _piApi.Streams(StreamFixtures.VendorStream);
        _core.Archiver.Setup(a => a.ArchiveAsync(It.IsAny<ArchiveRequest>(), It.IsAny<CancellationToken>())).ReturnsAsync(TestTasks.Archived());

        await RunAsync(task.Id);

        var stored = _core.Store[task.Id];
        Assert.Equal((VideoTaskStatus.Archived, StreamFixtures.VendorTaskId, StreamFixtures.VendorVideoUrl, 100), (stored.Status, stored.PiApiTaskId, stored.SourceUrl, stored.Progress));
        Assert.Equal((StreamFixtures.VendorPreviewUrl, 1, null), (stored.PreviewUrl, stored.SubmitAttempts, stored.StreamLeaseUntil));
        var safetyNet = Assert.Single(_core.Queue.Enqueued, queued => queued.Item.Kind == WorkItemKind.Reconcile);
        Assert.True(safetyNet.Delay > _core.Options.StreamLease, $"The reconcile that fails a dead worker's stream is due after its lease, not at {safetyNet.Delay}.");
    }

    [Fact]
    public async Task The_claim_holds_a_stream_lease_while_the_stream_opens()
    {
        var task = Chat();
        var body = new SilentStream();
        _piApi.Streams(body);
        using var stopping = new CancellationTokenSource();

        var run = _core.ChatRunner(_piApi).RunAsync(new WorkItem(WorkItemKind.Stream, task.Id, 0), stopping.Token);
        await body.Reading;

        var streaming = _core.Store[task.Id];
        Assert.Equal((VideoTaskStatus.Pending, 1, CoreHarness.Start + _core.Options.StreamLease), (streaming.Status, streaming.SubmitAttempts, streaming.StreamLeaseUntil));
        await stopping.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Assert.Equal((VideoTaskStatus.Failed, "The stream was interrupted: the worker stopped while it ran."), (_core.Store[task.Id].Status, _core.Store[task.Id].Error));
    }

    [Fact]
    public async Task A_duplicate_message_does_not_open_a_second_stream_and_comes_back_after_the_claim()
    {
        var until = CoreHarness.Start + TimeSpan.FromMinutes(3);
        var task = _core.Store.Seed(Chat() with { SubmitAttempts = 1, StreamLeaseUntil = until });

        await RunAsync(task.Id);

        Assert.Equal(0, _piApi.Requests);
        var again = Assert.Single(_core.Queue.Enqueued);
        Assert.Equal(WorkItemKind.Stream, again.Item.Kind);
        Assert.True(again.DueAt > until, $"Due {again.DueAt}, before the claim lapses at {until}.");
    }

    [Fact]
    public async Task A_claim_whose_worker_died_before_streaming_is_taken_over()
    {
        var task = _core.Store.Seed(Chat() with { SubmitAttempts = 1, StreamLeaseUntil = CoreHarness.Start + _core.Options.StreamLease });
        _core.Clock.Advance(_core.Options.StreamLease);
        _piApi.Streams(StreamFixtures.VendorStream);
        _core.Archiver.Setup(a => a.ArchiveAsync(It.IsAny<ArchiveRequest>(), It.IsAny<CancellationToken>())).ReturnsAsync(TestTasks.Archived());

        await RunAsync(task.Id);

        Assert.Equal((VideoTaskStatus.Archived, 2), (_core.Store[task.Id].Status, _core.Store[task.Id].SubmitAttempts));
    }

    [Fact]
    public async Task Workers_dying_while_opening_end_submit_failed_after_the_cap()
    {
        var task = _core.Store.Seed(Chat() with { SubmitAttempts = _core.Options.MaxSubmitAttempts });

        await RunAsync(task.Id);

        Assert.Equal(VideoTaskStatus.SubmitFailed, _core.Store[task.Id].Status);
        Assert.Equal(0, _piApi.Requests);
    }

    [Fact]
    public async Task A_task_that_is_no_chat_task_or_already_streaming_is_left_alone()
    {
        var video = _core.Store.Seed(TestTasks.New(_core.Clock));
        var streaming = _core.Store.Seed(Chat() with { Status = VideoTaskStatus.Processing });

        await RunAsync(video.Id);
        await RunAsync(streaming.Id);

        Assert.Equal((0, 0), (_piApi.Requests, _core.Store.Replaces));
        Assert.Empty(_core.Queue.Enqueued);
    }

    [Fact]
    public async Task A_429_before_the_stream_releases_the_claim_and_retries_after_Retry_After()
    {
        var task = Chat();
        _piApi.Refuses(HttpStatusCode.TooManyRequests, TimeSpan.FromSeconds(40));

        await RunAsync(task.Id);

        var stored = _core.Store[task.Id];
        Assert.Equal((VideoTaskStatus.Submitting, null, 1), (stored.Status, stored.StreamLeaseUntil, stored.SubmitAttempts));
        var retry = Assert.Single(_core.Queue.Enqueued);
        Assert.Equal((new WorkItem(WorkItemKind.Stream, task.Id, 1), TimeSpan.FromSeconds(40)), (retry.Item, retry.Delay));
    }

    [Fact]
    public async Task A_5xx_before_the_stream_is_retried_with_backoff_until_the_cap()
    {
        var task = _core.Store.Seed(Chat() with { SubmitAttempts = _core.Options.MaxSubmitAttempts - 2 });
        _piApi.Refuses(HttpStatusCode.BadGateway).Refuses(HttpStatusCode.ServiceUnavailable);

        await RunAsync(task.Id);
        var retry = Assert.Single(_core.Queue.Waiting).Item;
        Assert.Equal(VideoTaskStatus.Submitting, _core.Store[task.Id].Status);
        await RunAsync(retry.TaskId, retry.Attempt);

        Assert.Equal(VideoTaskStatus.SubmitFailed, _core.Store[task.Id].Status);
        Assert.StartsWith($"PiAPI refused the stream after {_core.Options.MaxSubmitAttempts} attempt(s): ServerError (HTTP 503)", _core.Store[task.Id].Error, StringComparison.Ordinal);
        Assert.Equal(2, _piApi.Requests);
    }

    [Fact]
    public async Task A_401_before_the_stream_ends_submit_failed_at_once()
    {
        var task = Chat();
        _piApi.Refuses(HttpStatusCode.Unauthorized);

        await RunAsync(task.Id);

        Assert.Equal(VideoTaskStatus.SubmitFailed, _core.Store[task.Id].Status);
        Assert.Empty(_core.Queue.Enqueued);
    }

    [Fact]
    public async Task A_stream_cut_off_before_the_video_link_fails_the_task_and_is_not_opened_again()
    {
        var task = Chat();
        _piApi.Streams(StreamFixtures.VendorStream[..(StreamFixtures.VendorStream.Length / 2)]);

        await RunAsync(task.Id);

        Assert.Equal(VideoTaskStatus.Failed, _core.Store[task.Id].Status);
        Assert.DoesNotContain(_core.Queue.Enqueued, queued => queued.Item.Kind == WorkItemKind.Stream);
    }

    [Fact]
    public async Task A_stream_that_goes_silent_fails_as_stalled_after_the_idle_timeout()
    {
        var task = Chat();
        var body = new SilentStream();
        _piApi.Streams(body);

        var run = RunAsync(task.Id);
        await body.Reading;
        _core.Clock.Advance(_core.Options.StreamIdleTimeout);
        await run;

        Assert.Equal((VideoTaskStatus.Failed, $"The stream stalled: nothing arrived for {_core.Options.StreamIdleTimeout}."), (_core.Store[task.Id].Status, _core.Store[task.Id].Error));
    }
}
