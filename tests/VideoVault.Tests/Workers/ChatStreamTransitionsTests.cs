using Microsoft.Extensions.Time.Testing;
using VideoVault.Streaming;
using VideoVault.Tasks;
using VideoVault.Tests.Fakes;
using VideoVault.Workers;

namespace VideoVault.Tests.Workers;

/// <summary>The chat stream's decisions, without a stream or a store: what each returns for each state.</summary>
public sealed class ChatStreamTransitionsTests
{
    private static readonly VideoVaultOptions Settings = new() { MaxSubmitAttempts = 3, StreamLease = TimeSpan.FromMinutes(1) };
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 2, 8, 0, 0, TimeSpan.Zero));

    private VideoTask Chat(VideoTaskStatus status = VideoTaskStatus.Submitting) => TestTasks.New(_clock, status, ModelNames.Sora2Preview);

    [Fact]
    public void A_free_chat_task_is_claimed_with_a_lease_and_a_new_attempt()
    {
        var claimed = ChatStreamTransitions.Claim(Chat(), _clock.GetUtcNow(), Settings);

        Assert.Equal((VideoTaskStatus.Submitting, 1, _clock.GetUtcNow() + Settings.StreamLease), (claimed!.Status, claimed.SubmitAttempts, claimed.StreamLeaseUntil));
    }

    [Fact]
    public void A_task_under_a_live_claim_a_task_api_task_and_a_started_stream_are_left_alone()
    {
        var now = _clock.GetUtcNow();
        Assert.Null(ChatStreamTransitions.Claim(Chat() with { StreamLeaseUntil = now.AddSeconds(1) }, now, Settings));
        Assert.Null(ChatStreamTransitions.Claim(TestTasks.New(_clock), now, Settings));
        Assert.Null(ChatStreamTransitions.Claim(Chat(VideoTaskStatus.Pending), now, Settings));
        Assert.NotNull(ChatStreamTransitions.Claim(Chat() with { StreamLeaseUntil = now }, now, Settings));
    }

    [Fact]
    public void The_claim_after_the_last_attempt_gives_up()
    {
        var given = ChatStreamTransitions.Claim(Chat() with { SubmitAttempts = 3 }, _clock.GetUtcNow(), Settings);

        Assert.Equal((VideoTaskStatus.SubmitFailed, (DateTimeOffset?)null), (given!.Status, given.StreamLeaseUntil));
        Assert.Contains("3 attempt(s)", given.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Progress_moves_to_processing_never_goes_back_and_keeps_the_first_PiAPI_id()
    {
        var lease = _clock.GetUtcNow().AddMinutes(1);
        var task = Chat(VideoTaskStatus.Pending) with { Progress = 40, PiApiTaskId = "first" };

        var next = ChatStreamTransitions.Progressed(task, new SoraStreamSnapshot("second", Generating: true, Progress: 20, null, null), lease);

        Assert.Equal((VideoTaskStatus.Processing, 40, "first", lease), (next!.Status, next.Progress, next.PiApiTaskId, next.StreamLeaseUntil));
        Assert.Null(ChatStreamTransitions.Progressed(Chat(VideoTaskStatus.Failed), new SoraStreamSnapshot(null, true, 50, null, null), lease));
    }

    [Fact]
    public void The_video_link_completes_a_streaming_task_and_nothing_else()
    {
        var snapshot = new SoraStreamSnapshot("piapi-1", true, 90, null, new Uri(TestTasks.SourceUrl));

        var completed = ChatStreamTransitions.Completed(Chat(VideoTaskStatus.Processing) with { StreamLeaseUntil = _clock.GetUtcNow(), Error = "earlier" }, snapshot);

        Assert.Equal((VideoTaskStatus.Completed, TestTasks.SourceUrl, 100, null, null), (completed!.Status, completed.SourceUrl, completed.Progress, completed.StreamLeaseUntil, completed.Error));
        Assert.Null(ChatStreamTransitions.Completed(Chat(VideoTaskStatus.Archived), snapshot));
        Assert.Null(ChatStreamTransitions.Failed(Chat(VideoTaskStatus.Submitting), snapshot, "broken"));
    }

    [Fact]
    public void A_claim_is_held_only_by_the_attempt_that_made_it()
    {
        var claimed = Chat() with { SubmitAttempts = 2 };

        Assert.True(ChatStreamTransitions.Holds(claimed with { StreamLeaseUntil = null }, claimed));
        Assert.False(ChatStreamTransitions.Holds(claimed with { SubmitAttempts = 3 }, claimed));
        Assert.False(ChatStreamTransitions.Holds(claimed with { Status = VideoTaskStatus.Pending }, claimed));
    }
}
