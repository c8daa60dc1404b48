using System.Text.Json;
using VideoVault.PiApi;

namespace VideoVault.Tests.PiApi;

public sealed class PiApiTaskJsonTests
{
    private const string CompletedTask = """
        {
          "task_id": "e20126e0-badc-4244-b4f1-bbeebd475d6c",
          "model": "sora2",
          "task_type": "sora2-video",
          "status": "Completed",
          "input": { "prompt": "a coo", "aspect_ratio": "9:16", "duration": "8", "image_url": "https://example.test/coo.png", "seed": 7 },
          "output": { "video": "https://img.theapi.app/ephemeral/abc.mp4", "thumbnail": { "url": "x" }, "progress": 100 },
          "meta": {
            "created_at": "2025-11-27T03:31:32.351077015Z",
            "started_at": "2025-11-27T03:31:40+02:00",
            "ended_at": "2025-11-27T03:33:01.5Z",
            "usage": { "type": "llm", "frozen": 0, "consume": 9600000 },
            "is_using_private_pool": false,
            "queue_position": 3
          },
          "detail": { "anything": [1, 2] },
          "logs": [],
          "error": { "code": 0, "raw_message": "", "message": "", "detail": null },
          "a_field_from_next_year": { "nested": true }
        }
        """;

    [Fact]
    public void VendorCreateResponseExampleParses()
    {
        var envelope = JsonSerializer.Deserialize(Fixtures.Read(Fixtures.CreateTaskResponse), PiApiJsonContext.Default.PiApiEnvelope)!;
        var task = envelope.Data.Deserialize(PiApiJsonContext.Default.PiApiTask)!;

        Assert.Equal(200, envelope.Code);
        Assert.Equal("success", envelope.Message);
        Assert.Equal("e20126e0-badc-4244-b4f1-bbeebd475d6c", task.TaskId);
        Assert.Equal("sora2", task.Model);
        Assert.Equal("sora2-pro-video", task.TaskType);
        Assert.Equal(PiApiTaskStatus.Pending, task.Status);
        Assert.Equal("", task.Config!.ServiceMode);
        Assert.Equal("https://webhook.site/3101de1a-6e2e-451c-8538-efd5875888d7", task.Config.WebhookConfig!.Endpoint);
        Assert.Equal("", task.Config.WebhookConfig.Secret);
        var input = task.Input!.Value;
        Assert.Equal("16:9", input.GetProperty("aspect_ratio").GetString());
        Assert.Equal("720p", input.GetProperty("resolution").GetString());
        Assert.Equal(4, input.GetProperty("duration").GetInt32());
        Assert.False(input.TryGetProperty("image_url", out _));
        Assert.StartsWith("Scottish Highland coo", input.GetProperty("prompt").GetString(), StringComparison.Ordinal);
        Assert.Null(task.Output);
        Assert.Equal(
            new DateTimeOffset(2025, 11, 27, 3, 31, 32, TimeSpan.Zero).AddTicks(3_510_770),
            task.Meta!.CreatedAt);
        Assert.Equal(TimeSpan.Zero, task.Meta.CreatedAt!.Value.Offset);
        Assert.Null(task.Meta.StartedAt);
        Assert.Null(task.Meta.EndedAt);
        Assert.Equal("llm", task.Meta.Usage!.Type);
        Assert.Equal(0, task.Meta.Usage.Frozen);
        Assert.Equal(9_600_000, task.Meta.Usage.Consume);
        Assert.False(task.Meta.IsUsingPrivatePool);
        Assert.Null(task.Detail);
        Assert.Equal(JsonValueKind.Array, task.Logs!.Value.ValueKind);
        Assert.Equal(0, task.Logs.Value.GetArrayLength());
        Assert.Equal(0, task.Error!.Code);
        Assert.Equal("", task.Error.RawMessage);
        Assert.Null(task.Error.Detail);
    }

    [Theory]
    [InlineData("pending", PiApiTaskStatus.Pending)]
    [InlineData("Pending", PiApiTaskStatus.Pending)]
    [InlineData("staged", PiApiTaskStatus.Staged)]
    [InlineData("processing", PiApiTaskStatus.Processing)]
    [InlineData("Processing", PiApiTaskStatus.Processing)]
    [InlineData("running", PiApiTaskStatus.Running)]
    [InlineData("completed", PiApiTaskStatus.Completed)]
    [InlineData("Completed", PiApiTaskStatus.Completed)]
    [InlineData("COMPLETED", PiApiTaskStatus.Completed)]
    [InlineData("failed", PiApiTaskStatus.Failed)]
    [InlineData("Failed", PiApiTaskStatus.Failed)]
    [InlineData("cancelled", PiApiTaskStatus.Cancelled)]
    [InlineData("queued_for_review", PiApiTaskStatus.Unknown)]
    [InlineData("", PiApiTaskStatus.Unknown)]
    [InlineData("3", PiApiTaskStatus.Unknown)]
    [InlineData("pending, failed", PiApiTaskStatus.Unknown)]
    internal void StatusIsReadCaseInsensitivelyAndUnknownValuesDoNotThrow(string status, PiApiTaskStatus expected)
    {
        var task = Parse($$"""{"task_id":"t1","status":{{JsonSerializer.Serialize(status)}}}""");

        Assert.Equal(expected, task.Status);
    }

    [Theory]
    [InlineData("""{"task_id":"t1","status":null}""")]
    [InlineData("""{"task_id":"t1"}""")]
    public void NullOrMissingStatusIsUnknown(string json) => Assert.Equal(PiApiTaskStatus.Unknown, Parse(json).Status);

    [Fact]
    public void CompletedTaskExposesTheVideoUrlAndIgnoresUnknownFields()
    {
        var task = Parse(CompletedTask);

        Assert.Equal(PiApiTaskStatus.Completed, task.Status);
        Assert.Equal("https://img.theapi.app/ephemeral/abc.mp4", task.Output!.Value.GetProperty("video").GetString());
        Assert.Equal("8", task.Input!.Value.GetProperty("duration").GetString());
        Assert.Equal("https://example.test/coo.png", task.Input.Value.GetProperty("image_url").GetString());
        Assert.Equal(new DateTimeOffset(2025, 11, 27, 1, 31, 40, TimeSpan.Zero), task.Meta!.StartedAt);
        Assert.Equal(new DateTimeOffset(2025, 11, 27, 3, 33, 1, 500, TimeSpan.Zero), task.Meta.EndedAt);
        Assert.Equal(JsonValueKind.Object, task.Detail!.Value.ValueKind);
    }

    [Fact]
    public void WebhookBodyParses()
    {
        var json = $$"""{"timestamp": 1764214381, "data": {{CompletedTask}}}""";

        var body = JsonSerializer.Deserialize(json, PiApiJsonContext.Default.PiApiWebhookBody)!;

        Assert.Equal(1764214381, body.Timestamp);
        Assert.Equal("e20126e0-badc-4244-b4f1-bbeebd475d6c", body.Data.TaskId);
        Assert.Equal(PiApiTaskStatus.Completed, body.Data.Status);
        Assert.Equal("https://img.theapi.app/ephemeral/abc.mp4", body.Data.Output!.Value.GetProperty("video").GetString());
    }

    [Theory]
    [InlineData("""{"timestamp": 1764214381}""")]
    [InlineData("""{"data": {"task_id": "t1"}}""")]
    [InlineData("""{"timestamp": 1764214381, "data": null}""")]
    public void WebhookBodyWithoutTimestampOrTaskIsRejected(string json) =>
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize(json, PiApiJsonContext.Default.PiApiWebhookBody));

    [Theory]
    [InlineData("""{"status":"pending"}""")]
    [InlineData("""{"task_id":null}""")]
    public void TaskWithoutIdIsRejected(string json) =>
        Assert.Throws<JsonException>(() => Parse(json));

    [Theory]
    [InlineData("\"yesterday\"")]
    [InlineData("1764214381")]
    public void MalformedTimestampIsRejected(string createdAt) =>
        Assert.Throws<JsonException>(() => Parse($$$"""{"task_id":"t1","meta":{"created_at":{{{createdAt}}}}}"""));

    [Theory]
    [InlineData("\"\"")]
    [InlineData("null")]
    [InlineData("\"0001-01-01T00:00:00Z\"")]
    [InlineData("\"0001-01-01T00:00:00+00:00\"")]
    public void UnsetTimestampIsNull(string createdAt) =>
        Assert.Null(Parse($$$"""{"task_id":"t1","meta":{"created_at":{{{createdAt}}}}}""").Meta!.CreatedAt);

    [Fact]
    public void TaskSurvivesARoundTrip()
    {
        var task = Parse(CompletedTask);

        var json = JsonSerializer.Serialize(task, PiApiJsonContext.Default.PiApiTask);
        var again = Parse(json);

        Assert.Contains("\"status\":\"completed\"", json, StringComparison.Ordinal);
        Assert.Contains("\"task_type\":\"sora2-video\"", json, StringComparison.Ordinal);
        Assert.Equal(task.Status, again.Status);
        Assert.Equal(task.Meta, again.Meta);
        Assert.True(JsonElement.DeepEquals(task.Output!.Value, again.Output!.Value));
        Assert.True(JsonElement.DeepEquals(task.Input!.Value, again.Input!.Value));
    }

    [Fact]
    public void WebhookSecretIsNotPrinted()
    {
        var config = new PiApiWebhookConfig { Endpoint = "https://vault.example/api/webhooks/piapi?task=1", Secret = "k1.c2VjcmV0" };

        var printed = new PiApiTaskConfig { WebhookConfig = config }.ToString();

        Assert.Contains(config.Endpoint, printed, StringComparison.Ordinal);
        Assert.DoesNotContain(config.Secret, printed, StringComparison.Ordinal);
    }

    private static PiApiTask Parse(string json) => JsonSerializer.Deserialize(json, PiApiJsonContext.Default.PiApiTask)!;
}
