using VideoVault.Tasks;

namespace VideoVault.Tests.Tasks;

/// <summary>The declared order of the way to archived, which no decision reads off the enum's values.</summary>
public sealed class TaskStatusRulesTests
{
    private static readonly VideoTaskStatus[] Path =
        [VideoTaskStatus.Submitting, VideoTaskStatus.Pending, VideoTaskStatus.Processing, VideoTaskStatus.Completed, VideoTaskStatus.Archiving, VideoTaskStatus.Archived];

    [Fact]
    public void Each_step_of_the_path_comes_before_the_later_ones_and_only_those()
    {
        for (var i = 0; i < Path.Length; i++)
        {
            for (var j = 0; j < Path.Length; j++)
            {
                Assert.Equal(i < j, TaskStatusRules.IsBefore(Path[i], Path[j]));
                Assert.Equal(i < j, TaskStatusRules.CanMove(Path[i], Path[j]));
            }
        }
    }

    [Theory]
    [InlineData(VideoTaskStatus.Submitting, true)]
    [InlineData(VideoTaskStatus.Processing, true)]
    [InlineData(VideoTaskStatus.Completed, false)]
    [InlineData(VideoTaskStatus.Archiving, false)]
    internal void PiAPI_can_fail_a_task_only_before_its_video_is_complete(VideoTaskStatus from, bool allowed) =>
        Assert.Equal(allowed, TaskStatusRules.CanMove(from, VideoTaskStatus.Failed));

    [Theory]
    [InlineData(VideoTaskStatus.Submitting, true)]
    [InlineData(VideoTaskStatus.Pending, true)]
    [InlineData(VideoTaskStatus.Processing, true)]
    [InlineData(VideoTaskStatus.Completed, false)]
    [InlineData(VideoTaskStatus.Archiving, false)]
    internal void A_task_is_cancelled_only_before_its_video_is_complete_and_stays_cancelled(VideoTaskStatus from, bool allowed)
    {
        Assert.Equal(allowed, TaskStatusRules.CanMove(from, VideoTaskStatus.Cancelled));
        Assert.True(TaskStatusRules.IsTerminal(VideoTaskStatus.Cancelled));
        Assert.False(TaskStatusRules.IsFailure(VideoTaskStatus.Cancelled));
    }

    [Theory]
    [InlineData(VideoTaskStatus.Cancelled)]
    [InlineData(VideoTaskStatus.SubmitFailed)]
    [InlineData(VideoTaskStatus.Failed)]
    [InlineData(VideoTaskStatus.ArchiveFailed)]
    [InlineData(VideoTaskStatus.Expired)]
    [InlineData(VideoTaskStatus.Archived)]
    internal void A_terminal_status_never_moves_and_no_failure_comes_before_a_step(VideoTaskStatus terminal)
    {
        Assert.All(Enum.GetValues<VideoTaskStatus>(), to => Assert.False(TaskStatusRules.CanMove(terminal, to)));
        if (TaskStatusRules.IsFailure(terminal))
        {
            Assert.All(Path, step => Assert.False(TaskStatusRules.IsBefore(terminal, step)));
        }
    }
}
