using VideoVault.Tasks;
using VideoVault.Tests.Fakes;

namespace VideoVault.Tests.Tasks;

public sealed class TaskTimelineTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 2, 6, 30, 15, 123, TimeSpan.Zero);

    [Fact]
    public void The_stored_form_reads_back_to_the_same_changes()
    {
        IReadOnlyList<TaskStatusChange> timeline = [new(VideoTaskStatus.Submitting, At), new(VideoTaskStatus.ArchiveFailed, At.AddTicks(12_345))];

        var text = TaskTimeline.Write(timeline);

        Assert.Equal(timeline, TaskTimeline.Read(text));
        Assert.StartsWith("submitting@2026-12-02T06:30:15.1230000+00:00;archive_failed@", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("pending")]
    [InlineData("paused@2026-12-02T06:30:15.0000000+00:00")]
    [InlineData("pending@yesterday")]
    public void Text_not_in_the_stored_form_is_a_format_error(string text) =>
        Assert.Throws<FormatException>(() => TaskTimeline.Read(text));

    [Fact]
    public void Appending_past_the_bound_drops_the_oldest_changes()
    {
        IReadOnlyList<TaskStatusChange> timeline = [];
        for (var i = 0; i < TaskTimeline.MaxEntries + 3; i++)
        {
            timeline = TaskTimeline.Append(timeline, VideoTaskStatus.Pending, At.AddSeconds(i));
        }

        Assert.Equal(TaskTimeline.MaxEntries, timeline.Count);
        Assert.Equal((At.AddSeconds(3), At.AddSeconds(TaskTimeline.MaxEntries + 2)), (timeline[0].At, timeline[^1].At));
    }

    [Fact]
    public async Task The_updater_records_a_change_of_status_and_nothing_else()
    {
        var core = new CoreHarness();
        var task = core.Store.Seed(TestTasks.New(core.Clock) with { Timeline = [new(VideoTaskStatus.Submitting, core.Clock.GetUtcNow())] });
        core.Clock.Advance(TimeSpan.FromSeconds(5));

        await core.Updater().UpdateAsync(task.Id, current => current with { Progress = 10 }, CancellationToken.None);
        await core.Updater().UpdateAsync(task.Id, current => current with { Status = VideoTaskStatus.Pending }, CancellationToken.None);

        Assert.Equal([VideoTaskStatus.Submitting, VideoTaskStatus.Pending], core.Store[task.Id].Timeline.Select(change => change.Status));
        Assert.Equal(core.Clock.GetUtcNow(), core.Store[task.Id].Timeline[^1].At);
    }
}
