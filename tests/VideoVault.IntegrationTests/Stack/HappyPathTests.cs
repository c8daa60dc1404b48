using System.Security.Cryptography;
using VideoVault.IntegrationTests.Infrastructure;

namespace VideoVault.IntegrationTests.Stack;

public sealed class HappyPathTests(AzuriteFixture azurite) : StackTest(azurite)
{
    [Fact]
    public async Task A_submitted_task_is_archived_with_the_source_bytes_and_a_working_read_link()
    {
        var submitted = await Stack.SubmitAsync("a lighthouse in a storm");
        var id = submitted.GetProperty("id").GetString()!;

        var task = await Stack.WaitForTerminalAsync(id);

        Assert.Equal("archived", task.GetProperty("status").GetString());
        var piApiTaskId = task.GetProperty("piapi_task_id").GetString()!;
        var expected = Stack.Ledger.ExpectedVideo(piApiTaskId);
        var video = task.GetProperty("video");
        Assert.Equal(expected.Size, video.GetProperty("size").GetInt64());
        Assert.Equal(Convert.ToHexStringLower(expected.Sha256), video.GetProperty("sha256").GetString());
        var blobs = await Stack.BlobsAsync();
        var blob = Assert.Single(blobs);
        Assert.Equal(video.GetProperty("blob_name").GetString(), blob.Name);
        Assert.EndsWith($"/{id}.mp4", blob.Name);

        using var download = new HttpClient();
        var bytes = await download.GetByteArrayAsync(video.GetProperty("url").GetString());
        Assert.Equal(expected.Sha256, SHA256.HashData(bytes));
    }
}
