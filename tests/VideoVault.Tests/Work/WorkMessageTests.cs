using System.Text;
using VideoVault.Work;

namespace VideoVault.Tests.Work;

/// <summary>
/// Work-queue messages reach the app as stored (host.json <c>messageEncoding: none</c>): raw JSON as the app
/// writes it, base64 JSON as earlier versions wrote it, and whatever else anyone put on the queue.
/// </summary>
public sealed class WorkMessageTests
{
    private static readonly WorkItem Item = new(WorkItemKind.Archive, "0123456789abcdef0123456789abcdef", 2);

    [Fact]
    public void Raw_json_as_the_app_writes_it_reads()
    {
        Assert.Equal(Item, WorkMessage.TryRead(WorkItemJson.Serialize(Item)));
    }

    [Fact]
    public void Base64_json_queued_by_an_earlier_version_still_reads()
    {
        Assert.Equal(Item, WorkMessage.TryRead(Convert.ToBase64String(Encoding.UTF8.GetBytes(WorkItemJson.Serialize(Item)))));
    }

    [Fact]
    public void The_trace_context_and_visibility_travel_in_the_item()
    {
        var traced = Item with { TraceParent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", VisibleAt = new DateTimeOffset(2026, 12, 7, 16, 0, 0, TimeSpan.Zero) };

        var json = WorkItemJson.Serialize(traced);

        Assert.Contains("\"traceparent\":\"00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01\"", json, StringComparison.Ordinal);
        Assert.Equal(traced, WorkMessage.TryRead(json));
    }

    [Fact]
    public void An_item_queued_before_trace_contexts_reads_without_one()
    {
        var item = WorkMessage.TryRead("{\"kind\":\"archive\",\"task_id\":\"0123456789abcdef0123456789abcdef\",\"attempt\":2}");

        Assert.Equal(Item, item);
        Assert.Null(item!.TraceParent);
        Assert.DoesNotContain("traceparent", WorkItemJson.Serialize(Item), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("%%% not base64 %%%")]
    [InlineData("AAAA")]
    [InlineData("aGVsbG8gd29ybGQ=")]
    [InlineData("{\"kind\":\"archive\"")]
    [InlineData("{\"kind\":\"teleport\",\"task_id\":\"0123456789abcdef0123456789abcdef\",\"attempt\":1}")]
    public void Junk_in_either_form_is_no_work_item(string? message)
    {
        Assert.Null(WorkMessage.TryRead(message));
    }

    [Fact]
    public void Base64_of_junk_is_no_work_item()
    {
        Assert.Null(WorkMessage.TryRead(Convert.ToBase64String(Encoding.UTF8.GetBytes("not a work item"))));
    }
}
