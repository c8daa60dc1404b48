using Azure.Data.Tables;
using VideoVault.Storage;
using VideoVault.Tasks;

namespace VideoVault.Tests.Storage;

/// <summary>The stored form of an index row: a summary survives it, and anything this version cannot read sends the reader to the task.</summary>
public sealed class TaskIndexEntityTests
{
    private static readonly TaskSummary Summary = new(
        "t1", VideoTaskStatus.Archived, ModelNames.Sora2, ModelNames.Sora2ProVideo, ModelNames.Sora2ProVideo, "a lighthouse",
        new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 12, 1, 12, 3, 0, TimeSpan.Zero), null, 2_097_152, 0.96m, true);

    private static TableEntity Entity(bool pending = false) => TaskIndexEntity.Summarised(TaskIndexRow.AllPartition, "rk", Summary, pending);

    [Fact]
    public void A_summary_survives_its_row_and_pending_is_only_stored_when_true()
    {
        var confirmed = TaskIndexEntity.Read(Entity(), null, null);
        var pending = TaskIndexEntity.Read(Entity(pending: true), null, null);

        Assert.Equal(Summary, confirmed.Summary);
        Assert.Equal("t1", confirmed.TaskId);
        Assert.False(confirmed.Pending);
        Assert.False(Entity().ContainsKey(TaskIndexEntity.PendingProperty));
        Assert.True(pending.Pending);
    }

    [Fact]
    public void Empty_and_absent_fields_survive_too()
    {
        var chat = Summary with
        {
            Status = VideoTaskStatus.Failed, Model = ModelNames.Sora2Preview, TaskType = "", CatalogEntryId = null, Prompt = "",
            Error = "The stream stalled.", VideoSize = null, EstimatedUsd = null, EstimateIsDefault = false,
        };

        Assert.Equal(chat, TaskIndexEntity.Read(TaskIndexEntity.Summarised(TaskIndexRow.PartitionOf(VideoTaskStatus.Failed), "rk", chat, pending: false), VideoTaskStatus.Failed, null).Summary);
    }

    [Fact]
    public void A_row_from_before_summaries_names_its_task_only()
    {
        var row = TaskIndexEntity.Read(TaskIndexEntity.Bare(TaskIndexRow.AllPartition, "rk", "t1"), null, null);

        Assert.Equal("t1", row.TaskId);
        Assert.Null(row.Summary);
        Assert.False(row.Pending);
    }

    [Theory]
    [InlineData("Status", "teleported")]
    [InlineData("SummaryVersion", 2)]
    [InlineData("VideoSize", "big")]
    [InlineData("CreatedAt", null)]
    public void A_summary_this_version_cannot_read_is_none(string property, object? value)
    {
        var entity = Entity();
        if (value is null)
        {
            entity.Remove(property);
        }
        else
        {
            entity[property] = value;
        }

        Assert.Null(TaskIndexEntity.Read(entity, null, null).Summary);
    }

    [Fact]
    public void A_model_rows_summary_is_never_read()
    {
        Assert.Null(TaskIndexEntity.Read(Entity(), null, ModelNames.Sora2).Summary);
    }
}
