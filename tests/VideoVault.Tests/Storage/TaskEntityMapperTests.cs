using Azure.Data.Tables;
using VideoVault.Storage;
using VideoVault.Tasks;

namespace VideoVault.Tests.Storage;

public sealed class TaskEntityMapperTests
{
    [Fact]
    public void Absent_values_are_left_out_of_the_entity()
    {
        var entity = TaskEntityMapper.ToEntity(new VideoTask
        {
            Id = "t1",
            Status = VideoTaskStatus.Pending,
            Request = new VideoRequest { Model = ModelNames.Sora2, TaskType = ModelNames.Sora2Video, Prompt = "p" },
            RequestHash = "h",
            CreatedAt = DateTimeOffset.UnixEpoch,
            UpdatedAt = DateTimeOffset.UnixEpoch,
        });

        Assert.Equal("pending", entity.GetString("Status"));
        Assert.False(entity.ContainsKey("BlobName"));
        Assert.False(entity.ContainsKey("ArchiveLeaseUntil"));
        Assert.False(entity.ContainsKey("StreamLeaseUntil"));
    }

    [Theory]
    [InlineData("archiving", ModelNames.Sora2, true, false)]
    [InlineData("archiving", ModelNames.Sora2Preview, true, false)]
    [InlineData("submitting", ModelNames.Sora2Preview, false, true)]
    [InlineData("pending", ModelNames.Sora2Preview, false, true)]
    [InlineData("processing", ModelNames.Sora2Preview, false, true)]
    [InlineData("submitting", ModelNames.Sora2, false, false)]
    [InlineData("completed", ModelNames.Sora2Preview, false, false)]
    public void A_row_from_before_the_lease_split_keeps_its_claim_as_the_lease_its_status_means(string status, string model, bool archive, bool stream)
    {
        var until = DateTimeOffset.UnixEpoch.AddMinutes(10);
        var entity = new TableEntity("t3", TaskEntityMapper.RowKey) { ["Status"] = status, ["Model"] = model, ["LeaseUntil"] = until };

        var task = TaskEntityMapper.FromEntity(entity);

        Assert.Equal((archive ? until : null, stream ? until : null), (task.ArchiveLeaseUntil, task.StreamLeaseUntil));
        Assert.False(TaskEntityMapper.ToEntity(task).ContainsKey("LeaseUntil"));
    }

    [Theory]
    [InlineData("Status", "teleported", "teleported")]
    [InlineData("Status", null, "no Status")]
    [InlineData("Duration", "four", "Duration")]
    public void A_row_this_version_cannot_read_is_reported_with_its_id_and_why(string property, string? value, string reason)
    {
        var entity = new TableEntity("t2", TaskEntityMapper.RowKey) { ["Status"] = "pending" };
        if (value is null)
        {
            entity.Remove(property);
        }
        else
        {
            entity[property] = value;
        }

        var exception = Assert.Throws<UnreadableTaskException>(() => TaskEntityMapper.FromEntity(entity));

        Assert.Equal("t2", exception.TaskId);
        Assert.Contains(reason, exception.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_timeline_and_event_count_are_stored_and_read_back()
    {
        var at = new DateTimeOffset(2026, 12, 2, 6, 0, 0, TimeSpan.Zero);
        var task = new VideoTask
        {
            Id = "t3",
            Status = VideoTaskStatus.Pending,
            Request = new VideoRequest { Model = ModelNames.Sora2, TaskType = ModelNames.Sora2Video, Prompt = "p" },
            RequestHash = "h",
            CreatedAt = at,
            UpdatedAt = at,
            Timeline = [new(VideoTaskStatus.Submitting, at), new(VideoTaskStatus.Pending, at.AddSeconds(1))],
            EventCount = 1,
        };

        var read = TaskEntityMapper.FromEntity(TaskEntityMapper.ToEntity(task));

        Assert.Equal(task.Timeline, read.Timeline);
        Assert.Equal(1, read.EventCount);
    }

    [Fact]
    public void A_row_from_before_the_timeline_reads_with_none_and_no_count()
    {
        var read = TaskEntityMapper.FromEntity(new TableEntity("t4", TaskEntityMapper.RowKey) { ["Status"] = "archived" });

        Assert.Empty(read.Timeline);
        Assert.Null(read.EventCount);
    }
}
