using VideoVault.Storage;
using VideoVault.Tasks;

namespace VideoVault.Tests.Storage;

/// <summary>How a reader judges an index row against the task it names: list it, keep it, or delete it.</summary>
public sealed class TaskIndexRowTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    private static VideoTask Task(VideoTaskStatus status) => new()
    {
        Id = "t1",
        Status = status,
        Request = new VideoRequest { Model = ModelNames.Sora2, TaskType = ModelNames.Sora2Video, Prompt = "p" },
        RequestHash = "h",
        CreatedAt = Now.AddHours(-1),
        UpdatedAt = Now,
    };

    private static TaskIndexRow Row(VideoTaskStatus? status, TimeSpan age) => new("t1", status, "rk", Now - age);

    [Theory]
    [InlineData(VideoTaskStatus.Pending, VideoTaskStatus.Pending, "Current")]
    [InlineData(VideoTaskStatus.Processing, VideoTaskStatus.Pending, "NotYet")]
    [InlineData(VideoTaskStatus.Archived, VideoTaskStatus.Archiving, "NotYet")]
    [InlineData(VideoTaskStatus.Archiving, VideoTaskStatus.Archived, "Leftover")]
    [InlineData(VideoTaskStatus.Pending, VideoTaskStatus.Processing, "Leftover")]
    [InlineData(VideoTaskStatus.Processing, VideoTaskStatus.Archived, "Leftover")]
    [InlineData(VideoTaskStatus.Processing, VideoTaskStatus.SubmitFailed, "Leftover")]
    [InlineData(VideoTaskStatus.Failed, VideoTaskStatus.Completed, "Leftover")]
    internal void A_status_row_is_current_on_its_way_or_a_leftover(VideoTaskStatus rowStatus, VideoTaskStatus taskStatus, string expected)
    {
        Assert.Equal(Enum.Parse<TaskIndexVerdict>(expected), Row(rowStatus, TimeSpan.FromHours(1)).Judge(Task(taskStatus), Now));
    }

    [Fact]
    public void The_all_row_of_a_stored_task_is_current_whatever_its_status()
    {
        Assert.Equal(TaskIndexVerdict.Current, Row(null, TimeSpan.FromHours(1)).Judge(Task(VideoTaskStatus.Expired), Now));
    }

    [Fact]
    public void A_row_without_its_task_waits_for_the_insert_then_is_a_leftover()
    {
        Assert.Equal(TaskIndexVerdict.NotYet, Row(VideoTaskStatus.Submitting, TimeSpan.FromSeconds(5)).Judge(null, Now));
        Assert.Equal(TaskIndexVerdict.Leftover, Row(VideoTaskStatus.Submitting, RowsAheadOfTask.Grace + TimeSpan.FromSeconds(1)).Judge(null, Now));
        Assert.Equal(TaskIndexVerdict.Leftover, Row(null, TimeSpan.FromHours(1)).Judge(null, Now));
    }

    [Fact]
    public void Row_keys_sort_newest_first()
    {
        var older = TaskIndexRow.RowKeyOf(Task(VideoTaskStatus.Pending));
        var newer = TaskIndexRow.RowKeyOf(Task(VideoTaskStatus.Pending) with { CreatedAt = Now });

        Assert.True(string.CompareOrdinal(newer, older) < 0);
    }
}
