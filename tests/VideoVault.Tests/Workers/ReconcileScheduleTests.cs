using Moq;
using VideoVault.PiApi;
using VideoVault.Tests.Fakes;
using VideoVault.Work;

namespace VideoVault.Tests.Workers;

/// <summary>Checks start at ReconcileDelay and double up to ReconcileInterval, so a lost webhook costs minutes.</summary>
public sealed class ReconcileScheduleTests
{
    [Theory]
    [InlineData(0, 2)]
    [InlineData(1, 4)]
    [InlineData(2, 5)]
    [InlineData(3, 5)]
    [InlineData(1000, 5)]
    public void The_defaults_double_from_2_to_5_minutes(int attempt, int minutes)
    {
        Assert.Equal(TimeSpan.FromMinutes(minutes), new VideoVaultOptions().ReconcileDelayFor(attempt));
    }

    [Fact]
    public void The_delay_doubles_until_it_reaches_the_interval()
    {
        var options = new VideoVaultOptions { ReconcileDelay = TimeSpan.FromSeconds(30), ReconcileInterval = TimeSpan.FromMinutes(6) };

        TimeSpan[] expected = [.. new[] { 30, 60, 120, 240, 360, 360 }.Select(seconds => TimeSpan.FromSeconds(seconds))];
        Assert.Equal(expected, Enumerable.Range(0, 6).Select(options.ReconcileDelayFor));
    }

    [Fact]
    public void A_first_delay_over_the_interval_is_the_interval()
    {
        var options = new VideoVaultOptions { ReconcileDelay = TimeSpan.FromMinutes(20), ReconcileInterval = TimeSpan.FromMinutes(5) };

        Assert.Equal(TimeSpan.FromMinutes(5), options.ReconcileDelayFor(0));
    }

    [Fact]
    public async Task A_task_that_stays_open_is_checked_on_the_schedule_until_it_expires()
    {
        var core = new CoreHarness();
        var task = core.Store.Seed(TestTasks.New(core.Clock, VideoVault.Tasks.VideoTaskStatus.Processing) with { PiApiTaskId = "piapi-1" });
        core.PiApi.Setup(p => p.GetTaskAsync("piapi-1", It.IsAny<CancellationToken>()))
            .ReturnsAsync(PiApiResult.Success(TestTasks.PiApiTask(PiApiTaskStatus.Processing)));
        await core.Queue.EnqueueAsync(new WorkItem(WorkItemKind.Reconcile, task.Id, 0), core.Options.ReconcileDelay, CancellationToken.None);

        var gaps = new List<TimeSpan>();
        while (core.Queue.Waiting is [var next, ..])
        {
            gaps.Add(next.Delay);
            core.Clock.Advance(next.DueAt - core.Clock.GetUtcNow());
            await core.Reconciler().ReconcileAsync(Assert.Single(core.Queue.PopDue()), CancellationToken.None);
        }

        Assert.Equal([2, 4, 5, 5, 5], gaps.Take(5).Select(gap => gap.TotalMinutes));
        Assert.Equal(VideoVault.Tasks.VideoTaskStatus.Expired, core.Store[task.Id].Status);
        Assert.Equal(2 + 4 + (5 * (gaps.Count - 2)), gaps.Sum(gap => gap.TotalMinutes));
        Assert.True(core.Clock.GetUtcNow() - CoreHarness.Start > core.Options.MaxTaskAge);
    }
}
