using System.Net;
using System.Net.Http.Headers;
using System.Text;
using VideoVault.IntegrationTests.Infrastructure;
using VideoVault.Tasks;

namespace VideoVault.IntegrationTests.Stack;

public sealed class WebhookSecurityTests(AzuriteFixture azurite) : StackTest(azurite)
{
    /// <summary>No reconcile during these tests: only the test's own requests may touch the task.</summary>
    protected override void Configure(StackSettings settings) => settings.Configuration["VideoVault:ReconcileDelay"] = "01:00:00";

    /// <summary>A task PiAPI knows but will never call back about, so only the test's requests reach the webhook.</summary>
    private async Task<(string Id, string PiApiTaskId, string ETag)> QuietTaskAsync()
    {
        var id = Id(await Stack.SubmitAsync(Prompt("[sim:nowebhook] [sim:delay=60000]")));
        var entity = await Stack.EntityAsync(id);
        return (id, entity!.GetString("PiApiTaskId")!, entity.ETag.ToString());
    }

    private async Task AssertUnchangedAsync(string id, string etag) =>
        Assert.Equal(etag, (await Stack.EntityAsync(id))!.ETag.ToString());

    [Fact]
    public async Task Missing_wrong_and_other_tasks_secrets_are_refused_and_nothing_is_written()
    {
        var (id, piApiTaskId, etag) = await QuietTaskAsync();
        var other = await QuietTaskAsync();
        var body = WebhookRequests.Body(piApiTaskId, "completed", "https://example.invalid/v.mp4");
        var realSecret = Stack.Secrets.Create(id);
        var forged = realSecret[..^2] + (realSecret[^2] == 'A' ? "BB" : "AA");

        foreach (var secret in new string?[] { null, string.Empty, "k1.not-base64!", "zz.AAAA", forged, Stack.Secrets.Create(other.Id) })
        {
            using var response = await Stack.Api.SendAsync(WebhookRequests.Create(id, secret, WebhookRequests.Json(body)));
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        await AssertUnchangedAsync(id, etag);
        Assert.DoesNotContain(Stack.Logs.Lines, line => line.Contains(realSecret, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("not-a-task-id")]
    [InlineData("")]
    [InlineData("../../tasks")]
    public async Task A_task_id_that_is_not_an_id_is_refused(string taskId)
    {
        using var response = await Stack.Api.SendAsync(WebhookRequests.Create(taskId, "k1.AAAA", WebhookRequests.Json("{}")));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_verified_webhook_for_an_unknown_task_is_404()
    {
        var id = TaskIds.FromIdempotencyKey(Guid.NewGuid().ToString());
        using var response = await Stack.Api.SendAsync(WebhookRequests.Create(id, Stack.Secrets.Create(id), WebhookRequests.Json(WebhookRequests.Body("p", "processing"))));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("[]")]
    [InlineData("{\"timestamp\": 1}")]
    [InlineData("{\"timestamp\": 1, \"data\": {\"status\": \"completed\"}}")]
    public async Task Malformed_bodies_are_400_and_nothing_is_written(string raw)
    {
        var (id, _, etag) = await QuietTaskAsync();
        using var response = await Stack.Api.SendAsync(WebhookRequests.Create(id, Stack.Secrets.Create(id), WebhookRequests.Json(raw)));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await AssertUnchangedAsync(id, etag);
    }

    [Fact]
    public async Task Deeply_nested_json_is_400()
    {
        var (id, _, etag) = await QuietTaskAsync();
        var raw = "{\"timestamp\":1,\"data\":" + string.Concat(Enumerable.Repeat("[", 5000)) + string.Concat(Enumerable.Repeat("]", 5000)) + "}";
        using var response = await Stack.Api.SendAsync(WebhookRequests.Create(id, Stack.Secrets.Create(id), WebhookRequests.Json(raw)));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await AssertUnchangedAsync(id, etag);
    }

    [Fact]
    public async Task Wrong_content_type_is_415()
    {
        var (id, piApiTaskId, etag) = await QuietTaskAsync();
        var content = new StringContent(WebhookRequests.Body(piApiTaskId, "processing").ToJsonString(), Encoding.UTF8, new MediaTypeHeaderValue("text/plain"));
        using var response = await Stack.Api.SendAsync(WebhookRequests.Create(id, Stack.Secrets.Create(id), content));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        await AssertUnchangedAsync(id, etag);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Bodies_over_the_limit_are_413_with_or_without_a_content_length(bool declareLength)
    {
        var (id, _, etag) = await QuietTaskAsync();
        var big = new byte[300 * 1024];
        Array.Fill(big, (byte)' ');
        HttpContent content = declareLength ? new ByteArrayContent(big) : new StreamContent(new NonSeekableStream(new MemoryStream(big)));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = WebhookRequests.Create(id, Stack.Secrets.Create(id), content);
        if (!declareLength)
        {
            request.Headers.TransferEncodingChunked = true;
        }

        using var response = await Stack.Api.SendAsync(request);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        await AssertUnchangedAsync(id, etag);
    }

    [Fact]
    public async Task A_verified_event_is_recorded_and_its_duplicate_is_200_too()
    {
        var (id, piApiTaskId, _) = await QuietTaskAsync();
        var secret = Stack.Secrets.Create(id);
        for (var i = 0; i < 2; i++)
        {
            using var response = await Stack.Api.SendAsync(WebhookRequests.Create(id, secret, WebhookRequests.Json(WebhookRequests.Body(piApiTaskId, "processing"))));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Equal("processing", Status(await Stack.GetTaskAsync(id)));
    }
}
