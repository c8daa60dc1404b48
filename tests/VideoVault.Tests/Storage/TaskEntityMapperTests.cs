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
        Assert.False(entity.ContainsKey("LeaseUntil"));
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
}
