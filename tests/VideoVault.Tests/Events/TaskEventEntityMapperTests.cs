using Azure.Data.Tables;
using VideoVault.Storage;
using VideoVault.Tasks;

namespace VideoVault.Tests.Events;

/// <summary>The stored form of an event: every field back as written, and a row this version cannot read named as such.</summary>
public sealed class TaskEventEntityMapperTests
{
    [Fact]
    public void An_event_comes_back_as_it_was_written()
    {
        var record = EventRecords.Pending(attempts: 2)
            .WithAttempt(new DeliveryAttempt(EventRecords.At, 12, 503, "HTTP 503: busy", false))
            .WithAttempt(new DeliveryAttempt(EventRecords.At.AddSeconds(5), 30, null, "No answer within 15 s.", true)) with
        { PublishedAt = EventRecords.At.AddSeconds(1) };

        var entity = TaskEventEntityMapper.ToEntity(record);
        var read = TaskEventEntityMapper.FromEntity(entity);

        Assert.Equal(("event-000003", true), (entity.RowKey, entity.GetBoolean("Published")));
        Assert.Equal(record with { ETag = read.ETag, History = read.History }, read);
        Assert.Equal(record.History, read.History);
        Assert.Equal($"evt_{record.TaskId}_000003", read.Id);
    }

    [Fact]
    public void A_row_with_an_unknown_state_is_unreadable_naming_the_row()
    {
        var entity = TaskEventEntityMapper.ToEntity(EventRecords.Pending());
        entity["Webhook"] = "teleported";

        var failure = Assert.Throws<UnreadableTaskException>(() => TaskEventEntityMapper.FromEntity(entity));

        Assert.Contains("event-000003", failure.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("evt_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa_000003", 3)]
    [InlineData("evt_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa_000000", null)]
    [InlineData("evt_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa_3", null)]
    [InlineData("evt_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb_000003", null)]
    [InlineData("evt_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa_-00003", null)]
    public void An_event_id_names_its_task_and_sequence(string eventId, int? sequence)
    {
        Assert.Equal(sequence, TaskEventRecord.SequenceOf(new string('a', 32), eventId));
    }

    [Fact]
    public void Event_rows_sort_in_sequence_order_and_after_the_task_row_prefix_range()
    {
        var keys = new[] { 10, 2, 1 }.Select(TaskEventEntityMapper.RowKey).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(["event-000001", "event-000002", "event-000010"], keys);
        Assert.All(keys, key => Assert.True(string.CompareOrdinal(key, TaskEventEntityMapper.RowKeyEnd) < 0));
        Assert.False(TaskEventEntityMapper.IsEvent(new TableEntity("x", "task")));
    }
}
