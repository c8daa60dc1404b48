using VideoVault.Events;
using VideoVault.Tasks;

namespace VideoVault.Tests.Events;

/// <summary>Which events a status change raises: the milestones the new status reaches that the old one had not.</summary>
public sealed class TaskEventTypesTests
{
    /// <summary>Typed rows behind an untyped member: xunit reads only public members, and the status type is internal.</summary>
    public static IEnumerable<object[]> Changes => new TheoryData<VideoTaskStatus, VideoTaskStatus, string[]>
    {
        { VideoTaskStatus.Submitting, VideoTaskStatus.Pending, [TaskEventTypes.Submitted] },
        { VideoTaskStatus.Pending, VideoTaskStatus.Processing, [TaskEventTypes.Processing] },
        { VideoTaskStatus.Processing, VideoTaskStatus.Completed, [] },
        { VideoTaskStatus.Completed, VideoTaskStatus.Archiving, [] },
        { VideoTaskStatus.Archiving, VideoTaskStatus.Archived, [TaskEventTypes.Archived] },
        { VideoTaskStatus.Submitting, VideoTaskStatus.Processing, [TaskEventTypes.Submitted, TaskEventTypes.Processing] },
        { VideoTaskStatus.Submitting, VideoTaskStatus.Completed, [TaskEventTypes.Submitted, TaskEventTypes.Processing] },
        { VideoTaskStatus.Pending, VideoTaskStatus.Completed, [TaskEventTypes.Processing] },
        { VideoTaskStatus.Submitting, VideoTaskStatus.SubmitFailed, [TaskEventTypes.Failed] },
        { VideoTaskStatus.Pending, VideoTaskStatus.Failed, [TaskEventTypes.Failed] },
        { VideoTaskStatus.Archiving, VideoTaskStatus.ArchiveFailed, [TaskEventTypes.Failed] },
        { VideoTaskStatus.Processing, VideoTaskStatus.Expired, [TaskEventTypes.Failed] },
        { VideoTaskStatus.Submitting, VideoTaskStatus.Cancelled, [TaskEventTypes.Cancelled] },
        { VideoTaskStatus.Pending, VideoTaskStatus.Cancelled, [TaskEventTypes.Cancelled] },
        { VideoTaskStatus.Cancelled, VideoTaskStatus.Cancelled, [] },
        { VideoTaskStatus.Pending, VideoTaskStatus.Pending, [] },
        { VideoTaskStatus.Archived, VideoTaskStatus.Archived, [] },
        { VideoTaskStatus.Failed, VideoTaskStatus.Failed, [] },
    };

    [Theory]
    [MemberData(nameof(Changes))]
    internal void A_change_raises_the_milestones_it_reaches(VideoTaskStatus from, VideoTaskStatus to, string[] expected)
    {
        Assert.Equal(expected, TaskEventTypes.Raised(from, to));
    }

    [Theory]
    [InlineData(VideoTaskStatus.Submitting, 0)]
    [InlineData(VideoTaskStatus.Pending, 1)]
    [InlineData(VideoTaskStatus.Processing, 2)]
    [InlineData(VideoTaskStatus.Completed, 2)]
    [InlineData(VideoTaskStatus.Archiving, 2)]
    [InlineData(VideoTaskStatus.Archived, 3)]
    internal void The_events_raised_so_far_follow_from_the_status(VideoTaskStatus status, int count)
    {
        Assert.Equal(count, TaskEventTypes.RaisedSoFar(status));
    }

    [Fact]
    public void Every_path_numbers_its_events_one_two_three_without_gaps()
    {
        VideoTaskStatus[][] paths =
        [
            [VideoTaskStatus.Submitting, VideoTaskStatus.Pending, VideoTaskStatus.Processing, VideoTaskStatus.Completed, VideoTaskStatus.Archiving, VideoTaskStatus.Archived],
            [VideoTaskStatus.Submitting, VideoTaskStatus.Completed, VideoTaskStatus.Archiving, VideoTaskStatus.ArchiveFailed],
            [VideoTaskStatus.Submitting, VideoTaskStatus.Pending, VideoTaskStatus.Expired],
        ];

        foreach (var path in paths)
        {
            var sequences = new List<int>();
            for (var step = 1; step < path.Length; step++)
            {
                var first = TaskStatusRules.IsTerminal(path[step - 1]) ? 0 : TaskEventTypes.RaisedSoFar(path[step - 1]) + 1;
                sequences.AddRange(TaskEventTypes.Raised(path[step - 1], path[step]).Select((_, index) => first + index));
            }

            Assert.Equal(Enumerable.Range(1, sequences.Count), sequences);
        }
    }
}
