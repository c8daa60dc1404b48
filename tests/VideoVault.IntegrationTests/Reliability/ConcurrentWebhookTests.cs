using System.Net;
using System.Text.Json;
using VideoVault.IntegrationTests.Infrastructure;
using VideoVault.IntegrationTests.Stack;

namespace VideoVault.IntegrationTests.Reliability;

/// <summary>
/// The same terminal webhook many times at once, as a retrying sender behind a slow receiver
/// produces. (Concurrent identical submits: <see cref="IdempotencyTests"/>.)
/// </summary>
public sealed class ConcurrentWebhookTests(AzuriteFixture azurite) : StackTest(azurite)
{
    /// <summary>No reconcile: only the test's webhooks may move the task.</summary>
    protected override void Configure(StackSettings settings) => settings.Configuration["VideoVault:ReconcileDelay"] = "01:00:00";

    [Fact]
    public async Task Fifty_identical_completed_webhooks_at_once_make_one_copy_one_blob_and_one_consistent_entity()
    {
        // PiAPI knows the task but stays silent; its video (1 MiB, served at 1 MiB/s) is there to copy.
        var id = Id(await Stack.SubmitAsync(Prompt("[sim:nowebhook,delay=60000,size=1048576,slow=1048576]")));
        var piApiTaskId = (await Stack.EntityAsync(id))!.GetString("PiApiTaskId")!;
        var body = WebhookRequests.Body(piApiTaskId, "completed", Stack.SimulatorVideoUrl(piApiTaskId).AbsoluteUri).ToJsonString();
        var secret = Stack.Secrets.Create(id);
        var requests = Enumerable.Range(0, 50).Select(_ => WebhookRequests.Create(id, secret, WebhookRequests.Json(body))).ToList();

        var responses = await Task.WhenAll(requests.Select(r => Stack.Api.SendAsync(r)));

        var acks = new List<string>();
        foreach (var response in responses)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            acks.Add(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString()!);
            response.Dispose();
        }

        Assert.Equal(1, acks.Count(a => a == "recorded"));
        Assert.Equal(49, acks.Count(a => a == "duplicate"));
        var task = await Stack.WaitForTerminalAsync(id);
        Assert.Equal("archived", Status(task));
        Assert.Equal(1, Stack.Ledger.Find(piApiTaskId)!.VideoRequests);
        var blob = Assert.Single(await Stack.BlobsAsync());
        var expected = Stack.Ledger.ExpectedVideo(piApiTaskId);
        var video = task.GetProperty("video");
        Assert.Equal(blob.Name, video.GetProperty("blob_name").GetString());
        Assert.Equal(expected.Size, blob.Properties.ContentLength);
        Assert.Equal(expected.Size, video.GetProperty("size").GetInt64());
        Assert.Equal(expected.Sha256Hex, video.GetProperty("sha256").GetString());
        var entity = (await Stack.EntityAsync(id))!;
        Assert.Equal(1, entity.GetInt32("ArchiveAttempts"));
        Assert.Null(entity.GetDateTimeOffset("ArchiveLeaseUntil"));
        Assert.Null(entity.GetString("Error"));
        Stack.AssertNoSecretsLogged([id]);
    }
}
