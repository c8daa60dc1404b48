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
