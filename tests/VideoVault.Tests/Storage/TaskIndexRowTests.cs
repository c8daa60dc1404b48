using VideoVault.Storage;
using VideoVault.Tasks;

namespace VideoVault.Tests.Storage;

/// <summary>
/// How a reader judges an index row against the task it names (list it, keep it, or delete it), and when it may
/// list the row's summary without reading the task at all.
/// </summary>
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

    private static readonly TimeSpan MaxTaskAge = TimeSpan.FromDays(1);

    private static TaskIndexRow Row(VideoTaskStatus? status, TimeSpan age) => new("t1", status, TaskIndexRow.RowKeyOf(Task(VideoTaskStatus.Pending)), Now - age);

    private static TaskIndexRow Summarised(VideoTaskStatus? partition, VideoTask task, bool pending = false) =>
        Row(partition, TimeSpan.FromMinutes(1)) with { Summary = TaskSummary.Of(task), Pending = pending };

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

    [Fact]
    public void A_row_written_for_another_creation_time_of_its_task_is_a_leftover()
    {
        var stored = Task(VideoTaskStatus.Pending);
        var repeat = Row(null, TimeSpan.FromMinutes(1)) with { RowKey = TaskIndexRow.RowKeyOf(stored with { CreatedAt = Now }) };

        Assert.Equal(TaskIndexVerdict.Leftover, repeat.Judge(stored, Now));
        Assert.Equal(TaskIndexVerdict.Current, Row(null, TimeSpan.FromMinutes(1)).Judge(stored, Now));
    }

    [Fact]
    public void A_confirmed_summary_of_the_rows_own_status_is_trusted()
    {
        var archived = Task(VideoTaskStatus.Archived);

        Assert.True(Summarised(VideoTaskStatus.Archived, archived).IsTrusted(Now, MaxTaskAge));
        Assert.True(Summarised(null, archived).IsTrusted(Now, MaxTaskAge));
        Assert.True(Summarised(null, Task(VideoTaskStatus.Processing)).IsTrusted(Now, MaxTaskAge));
    }

    [Fact]
    public void A_pending_row_a_row_without_summary_and_a_model_row_are_read_through_their_task()
    {
        var archived = Task(VideoTaskStatus.Archived);

        Assert.False(Summarised(VideoTaskStatus.Archived, archived, pending: true).IsTrusted(Now, MaxTaskAge));
        Assert.False(Row(VideoTaskStatus.Archived, TimeSpan.FromDays(30)).IsTrusted(Now, MaxTaskAge));
        Assert.False((Summarised(null, archived) with { Model = ModelNames.Sora2 }).IsTrusted(Now, MaxTaskAge));
    }

    [Fact]
    public void A_summary_of_another_status_than_the_rows_partition_is_not_trusted()
    {
        Assert.False(Summarised(VideoTaskStatus.Processing, Task(VideoTaskStatus.Archived)).IsTrusted(Now, MaxTaskAge));
    }

    [Fact]
    public void A_row_showing_its_task_open_past_its_age_is_checked_and_a_finished_one_never_ages()
    {
        var old = Now - MaxTaskAge - TaskIndexRow.ExpiryGrace - TimeSpan.FromMinutes(1);

        Assert.False(Summarised(VideoTaskStatus.Processing, Task(VideoTaskStatus.Processing) with { CreatedAt = old }).IsTrusted(Now, MaxTaskAge));
        Assert.True(Summarised(VideoTaskStatus.Processing, Task(VideoTaskStatus.Processing) with { CreatedAt = old.AddMinutes(2) }).IsTrusted(Now, MaxTaskAge));
        Assert.True(Summarised(VideoTaskStatus.Failed, Task(VideoTaskStatus.Failed) with { CreatedAt = old.AddDays(-300) }).IsTrusted(Now, MaxTaskAge));
    }

    [Fact]
    public void A_reader_confirms_a_row_behind_its_task_or_without_a_summary_and_leaves_a_settled_one()
    {
        var archived = Task(VideoTaskStatus.Archived);

        Assert.True(Summarised(null, Task(VideoTaskStatus.Processing)).ShouldConfirm(TaskSummary.Of(archived), Now));
        Assert.True(Row(null, TimeSpan.FromDays(3)).ShouldConfirm(TaskSummary.Of(archived), Now));
        Assert.False(Summarised(null, archived).ShouldConfirm(TaskSummary.Of(archived), Now));
        Assert.False((Row(null, TimeSpan.FromDays(3)) with { Model = ModelNames.Sora2 }).ShouldConfirm(TaskSummary.Of(archived), Now));
    }

    [Fact]
    public void A_pending_row_is_confirmed_once_its_write_is_there_or_can_no_longer_come()
    {
        var archived = TaskSummary.Of(Task(VideoTaskStatus.Archived));
        var announcedArchived = Summarised(null, Task(VideoTaskStatus.Archived), pending: true);
        var announcedCancelled = Summarised(null, Task(VideoTaskStatus.Cancelled), pending: true);

        Assert.True(announcedArchived.ShouldConfirm(archived, Now));
        Assert.False(announcedCancelled.ShouldConfirm(archived, Now));
        Assert.True((announcedCancelled with { WrittenAt = Now - RowsAheadOfTask.Grace - TimeSpan.FromSeconds(1) }).ShouldConfirm(archived, Now));
    }
}
