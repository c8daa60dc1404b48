using System.Text.Json;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using VideoVault.PiApi;
using VideoVault.Tests.Fakes;

namespace VideoVault.Tests.PiApi;

public sealed class PiApiClientTests
{
    private static readonly PiApiCreateTaskRequest CreateRequest = new()
    {
        Model = "sora2",
        TaskType = "sora2-pro-video",
        Input = JsonElement.Parse("""{"prompt":"a Highland coo","aspect_ratio":"16:9","resolution":"720p","duration":4}"""),
        Config = new PiApiTaskConfig
        {
            WebhookConfig = new PiApiWebhookConfig { Endpoint = "https://vault.example/api/webhooks/piapi?task=v1", Secret = "k1.webhook-secret" },
        },
    };

    [Fact]
    public async Task CreateTaskPostsTheVendorShapedRequestWithTheApiKeyAndReturnsTheTask()
    {
        await using var piApi = await FakePiApi.StartAsync(context => FakePiApi.Json(context, 200, Fixtures.Read(Fixtures.CreateTaskResponse)));
        using var harness = new PiApiClientHarness(piApi.BaseUrl);

        var result = await harness.Client.CreateTaskAsync(CreateRequest, CancellationToken.None);

        Assert.True(result.IsSuccess, result.Failure?.ToString());
        Assert.Equal("e20126e0-badc-4244-b4f1-bbeebd475d6c", result.Value.TaskId);
        Assert.Equal(PiApiTaskStatus.Pending, result.Value.Status);
        var received = Assert.Single(piApi.Requests);
        Assert.Equal("POST", received.Method);
        Assert.Equal("/api/v1/task", received.RawTarget);
        Assert.Equal(PiApiClientHarness.ApiKey, received.ApiKey);
        Assert.Equal("application/json; charset=utf-8", received.ContentType);
        Assert.Equal(received.Body.Length, received.ContentLength);
        var expectedBody = JsonNode.Parse("""
            {
              "model": "sora2",
              "task_type": "sora2-pro-video",
              "input": { "prompt": "a Highland coo", "aspect_ratio": "16:9", "resolution": "720p", "duration": 4 },
              "config": { "webhook_config": { "endpoint": "https://vault.example/api/webhooks/piapi?task=v1", "secret": "k1.webhook-secret" } }
            }
            """);
        Assert.True(JsonNode.DeepEquals(expectedBody, JsonNode.Parse(received.Body)), received.Body);
    }

    [Fact]
    public async Task GetTaskEscapesTheTaskIdInThePath()
    {
        await using var piApi = await FakePiApi.StartAsync(context => FakePiApi.Json(context, 200, Fixtures.Read(Fixtures.CreateTaskResponse)));
        using var harness = new PiApiClientHarness(piApi.BaseUrl);

        var result = await harness.Client.GetTaskAsync("e2/01 2?x=1#frag%", CancellationToken.None);

        Assert.True(result.IsSuccess, result.Failure?.ToString());
        var received = Assert.Single(piApi.Requests);
        Assert.Equal("GET", received.Method);
        Assert.Equal("/api/v1/task/e2%2F01%202%3Fx%3D1%23frag%25", received.RawTarget);
        Assert.Equal(PiApiClientHarness.ApiKey, received.ApiKey);
    }

    [Fact]
    public async Task BaseUrlPathIsKept()
    {
        await using var piApi = await FakePiApi.StartAsync(context => FakePiApi.Json(context, 200, Fixtures.Read(Fixtures.CreateTaskResponse)));
        using var harness = new PiApiClientHarness(new Uri(piApi.BaseUrl, "/simulated/piapi"));

        await harness.Client.GetTaskAsync("t1", CancellationToken.None);

        Assert.Equal("/simulated/piapi/api/v1/task/t1", Assert.Single(piApi.Requests).RawTarget);
    }

    [Theory]
    [InlineData(".")]
    [InlineData("..")]
    [InlineData(" ")]
    public async Task GetTaskRefusesIdsThatWouldAddressAnotherPath(string taskId)
    {
        using var harness = new PiApiClientHarness(new Uri("http://127.0.0.1:9/"));

        await Assert.ThrowsAnyAsync<ArgumentException>(() => harness.Client.GetTaskAsync(taskId, CancellationToken.None));
    }

    [Theory]
    [InlineData(400, PiApiFailureKind.BadRequest)]
    [InlineData(401, PiApiFailureKind.Unauthorized)]
    [InlineData(403, PiApiFailureKind.Unauthorized)]
    [InlineData(404, PiApiFailureKind.NotFound)]
    [InlineData(422, PiApiFailureKind.BadRequest)]
    [InlineData(429, PiApiFailureKind.RateLimited)]
    [InlineData(500, PiApiFailureKind.ServerError)]
    [InlineData(502, PiApiFailureKind.ServerError)]
    [InlineData(503, PiApiFailureKind.ServerError)]
    internal async Task ErrorStatusesAreClassifiedWithTheVendorMessage(int statusCode, PiApiFailureKind expected)
    {
        await using var piApi = await FakePiApi.StartAsync(context =>
            FakePiApi.Json(context, statusCode, $$"""{"code":{{statusCode}},"data":null,"message":"vendor says {{statusCode}}"}"""));
        using var harness = new PiApiClientHarness(piApi.BaseUrl);

        var result = await harness.Client.CreateTaskAsync(CreateRequest, CancellationToken.None);

        Assert.False(result.IsSuccess);
        Assert.Equal(expected, result.Failure.Kind);
        Assert.Equal((HttpStatusCode)statusCode, result.Failure.StatusCode);
        Assert.Equal($"vendor says {statusCode}", result.Failure.Message);
        Assert.Null(result.Failure.RetryAfter);
        Assert.False(result.Failure.IsAmbiguousForCreate);
    }

    [Fact]
    public async Task CancelTaskSendsDeleteWithTheKeyAndReadsTheEnvelope()
    {
        await using var piApi = await FakePiApi.StartAsync(context =>
            FakePiApi.Json(context, 200, """{"code":200,"message":"task t 1 canceled"}"""));
        using var harness = new PiApiClientHarness(piApi.BaseUrl);

        var result = await harness.Client.CancelTaskAsync("t 1", CancellationToken.None);

        Assert.True(result.IsSuccess);
        Assert.Equal("task t 1 canceled", result.Value.Message);
        var received = Assert.Single(piApi.Requests);
        Assert.Equal(("DELETE", "/api/v1/task/t%201", PiApiClientHarness.ApiKey), (received.Method, received.RawTarget, received.ApiKey));
    }

    [Fact]
    public async Task CancelOfATaskPiApiIsProcessingIsABadRequestWithTheVendorMessage()
    {
        await using var piApi = await FakePiApi.StartAsync(context =>
            FakePiApi.Json(context, 400, """{"code":400,"message":"task t cannot be cancelled: only pending tasks can be cancelled"}"""));
        using var harness = new PiApiClientHarness(piApi.BaseUrl);

        var result = await harness.Client.CancelTaskAsync("t", CancellationToken.None);

        Assert.Equal(PiApiFailureKind.BadRequest, result.Failure!.Kind);
        Assert.Contains("only pending tasks", result.Failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ErrorWithoutJsonBodyIsClassifiedByStatus()
    {
        await using var piApi = await FakePiApi.StartAsync(context =>
        {
            context.Response.StatusCode = 502;
            context.Response.ContentType = "text/html";
            return context.Response.WriteAsync("<html><body>Bad Gateway</body></html>");
        });
        using var harness = new PiApiClientHarness(piApi.BaseUrl);

        var result = await harness.Client.GetTaskAsync("t1", CancellationToken.None);

        Assert.Equal(PiApiFailureKind.ServerError, result.Failure!.Kind);
        Assert.Null(result.Failure.Message);
        Assert.True(result.Failure.IsTransient);
    }

    [Fact]
    public async Task RateLimitedReadsRetryAfterSeconds()
    {
        await using var piApi = await FakePiApi.StartAsync(context =>
        {
            context.Response.Headers.RetryAfter = "7";
            return FakePiApi.Json(context, 429, """{"code":429,"data":{},"message":"too many requests"}""");
        });
        using var harness = new PiApiClientHarness(piApi.BaseUrl);

        var result = await harness.Client.CreateTaskAsync(CreateRequest, CancellationToken.None);

        Assert.Equal(PiApiFailureKind.RateLimited, result.Failure!.Kind);
        Assert.Equal(TimeSpan.FromSeconds(7), result.Failure.RetryAfter);
        Assert.True(result.Failure.IsTransient);
        Assert.False(result.Failure.IsAmbiguousForCreate);
    }

    [Theory]
    [InlineData("Thu, 27 Nov 2025 03:33:32 GMT", 120)]
    [InlineData("Thu, 27 Nov 2025 03:30:00 GMT", 0)]
    public async Task RateLimitedReadsRetryAfterDateAgainstTheClock(string retryAfter, int expectedSeconds)
    {
        var now = new FixedTimeProvider(new DateTimeOffset(2025, 11, 27, 3, 31, 32, TimeSpan.Zero));
        await using var piApi = await FakePiApi.StartAsync(context =>
        {
            context.Response.Headers.RetryAfter = retryAfter;
            return FakePiApi.Json(context, 429, """{"code":429,"data":{},"message":"slow down"}""");
        });
        using var harness = new PiApiClientHarness(piApi.BaseUrl, timeProvider: now);

        var result = await harness.Client.GetTaskAsync("t1", CancellationToken.None);

        Assert.Equal(PiApiFailureKind.RateLimited, result.Failure!.Kind);
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), result.Failure.RetryAfter);
    }

    [Theory]
    [InlineData(500, "failed to create task: model not found")]
    [InlineData(502, "task_type sora2-pro-video not supported")]
    [InlineData(500, "The model `sora-2` does not exist")]
    [InlineData(400, "invalid model: veo2")]
    [InlineData(200, "model has been discontinued")]
    public async Task AnAnswerSayingTheModelIsGoneIsFinalWhateverItsStatus(int statusCode, string message)
    {
        await using var piApi = await FakePiApi.StartAsync(context =>
            FakePiApi.Json(context, statusCode, $$"""{"code":{{(statusCode == 200 ? 500 : statusCode)}},"data":null,"message":"{{message.Replace("`", "\u0060", StringComparison.Ordinal)}}"}"""));
        using var harness = new PiApiClientHarness(piApi.BaseUrl);

        var result = await harness.Client.CreateTaskAsync(CreateRequest, CancellationToken.None);

        Assert.Equal(PiApiFailureKind.ModelUnavailable, result.Failure!.Kind);
        Assert.Equal(message, result.Failure.Message);
        Assert.False(result.Failure.IsTransient);
        Assert.False(result.Failure.IsAmbiguousForCreate);
    }

    [Theory]
    [InlineData(401, "model access denied for this key", PiApiFailureKind.Unauthorized)]
    [InlineData(500, "internal error while loading the model", PiApiFailureKind.ServerError)]
    [InlineData(503, "upstream model overloaded, retry later", PiApiFailureKind.ServerError)]
    internal async Task AMessageThatOnlyMentionsTheModelKeepsItsStatusMeaning(int statusCode, string message, PiApiFailureKind expected)
    {
        await using var piApi = await FakePiApi.StartAsync(context =>
            FakePiApi.Json(context, statusCode, $$"""{"code":{{statusCode}},"data":null,"message":"{{message}}"}"""));
        using var harness = new PiApiClientHarness(piApi.BaseUrl);

        var result = await harness.Client.CreateTaskAsync(CreateRequest, CancellationToken.None);

        Assert.Equal(expected, result.Failure!.Kind);
    }

    [Fact]
    public async Task SuccessStatusWithEnvelopeErrorCodeIsAnEnvelopeError()
    {
        await using var piApi = await FakePiApi.StartAsync(context =>
            FakePiApi.Json(context, 200, """{"code":10000,"data":{},"message":"insufficient credits"}"""));
        using var harness = new PiApiClientHarness(piApi.BaseUrl);

        var result = await harness.Client.CreateTaskAsync(CreateRequest, CancellationToken.None);

        Assert.Equal(PiApiFailureKind.EnvelopeError, result.Failure!.Kind);
        Assert.Equal(HttpStatusCode.OK, result.Failure.StatusCode);
        Assert.Equal("insufficient credits", result.Failure.Message);
        Assert.False(result.Failure.IsTransient);
        Assert.False(result.Failure.IsAmbiguousForCreate);
    }

    [Theory]
    [InlineData("{\"code\":200,\"data\":{\"task_id\":")]
    [InlineData("<html>ok</html>")]
    [InlineData("")]
    [InlineData("""{"code":200,"data":null,"message":"success"}""")]
    [InlineData("""{"code":200,"data":{"task_id":""},"message":"success"}""")]
    [InlineData("""{"code":200,"data":{"status":"pending"},"message":"success"}""")]
    public async Task UnreadableSuccessBodyIsAnInvalidResponseThatMayHaveCreatedTheTask(string body)
    {
        await using var piApi = await FakePiApi.StartAsync(context => FakePiApi.Json(context, 200, body));
        using var harness = new PiApiClientHarness(piApi.BaseUrl);

        var result = await harness.Client.CreateTaskAsync(CreateRequest, CancellationToken.None);

        Assert.Equal(PiApiFailureKind.InvalidResponse, result.Failure!.Kind);
        Assert.Equal(HttpStatusCode.OK, result.Failure.StatusCode);
        Assert.True(result.Failure.IsAmbiguousForCreate);
    }

    [Fact]
    public async Task SlowAnswerIsATimeoutThatMayHaveCreatedTheTask()
    {
        await using var piApi = await FakePiApi.StartAsync(FakePiApi.Hang);
        using var harness = new PiApiClientHarness(piApi.BaseUrl, timeout: TimeSpan.FromSeconds(1));
        var stopwatch = Stopwatch.StartNew();

        var result = await harness.Client.CreateTaskAsync(CreateRequest, CancellationToken.None);

        Assert.Equal(PiApiFailureKind.Timeout, result.Failure!.Kind);
        Assert.Null(result.Failure.StatusCode);
        Assert.True(result.Failure.IsAmbiguousForCreate);
        Assert.True(result.Failure.IsTransient);
        Assert.InRange(stopwatch.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(10));
        Assert.Single(piApi.Requests);
    }

    [Fact]
    public async Task RefusedConnectionIsAConnectionFailureThatIsSafeToRetry()
    {
        using var harness = new PiApiClientHarness(new Uri($"http://127.0.0.1:{ClosedPort()}/"));

        var result = await harness.Client.CreateTaskAsync(CreateRequest, CancellationToken.None);

        Assert.Equal(PiApiFailureKind.ConnectionFailed, result.Failure!.Kind);
        Assert.Null(result.Failure.StatusCode);
        Assert.True(result.Failure.IsTransient);
        Assert.False(result.Failure.IsAmbiguousForCreate);

        // An outcome the submitter retries: one line with the cause, no stack trace.
        var logged = Assert.Single(harness.Logs.GetSnapshot(), record => record.Level >= Microsoft.Extensions.Logging.LogLevel.Warning);
        Assert.Null(logged.Exception);
        Assert.Contains("ConnectionFailed", logged.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(HttpRequestError.ConnectionError), logged.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConnectionDroppedAfterTheRequestIsAnInvalidResponseThatMayHaveCreatedTheTask()
    {
        await using var piApi = await FakePiApi.StartAsync(context =>
        {
            context.Abort();
            return Task.CompletedTask;
        });
        using var harness = new PiApiClientHarness(piApi.BaseUrl);

        var result = await harness.Client.CreateTaskAsync(CreateRequest, CancellationToken.None);

        Assert.Equal(PiApiFailureKind.InvalidResponse, result.Failure!.Kind);
        Assert.Null(result.Failure.StatusCode);
        Assert.True(result.Failure.IsAmbiguousForCreate);
        Assert.Single(piApi.Requests);
    }

    [Fact]
    public async Task RedirectIsNotFollowed()
    {
        await using var piApi = await FakePiApi.StartAsync(context =>
        {
            context.Response.StatusCode = 307;
            context.Response.Headers.Location = "/elsewhere/api/v1/task";
            return Task.CompletedTask;
        });
        using var harness = new PiApiClientHarness(piApi.BaseUrl);

        var result = await harness.Client.CreateTaskAsync(CreateRequest, CancellationToken.None);

        Assert.Equal(PiApiFailureKind.InvalidResponse, result.Failure!.Kind);
        Assert.Equal(HttpStatusCode.TemporaryRedirect, result.Failure.StatusCode);
        Assert.Single(piApi.Requests);
    }

    [Fact]
    public async Task CallerCancellationThrows()
    {
        await using var piApi = await FakePiApi.StartAsync(FakePiApi.Hang);
        using var harness = new PiApiClientHarness(piApi.BaseUrl, timeout: TimeSpan.FromSeconds(30));
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var stopwatch = Stopwatch.StartNew();

        var exception = await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => harness.Client.GetTaskAsync("t1", cancellation.Token));

        Assert.Equal(cancellation.Token, exception.CancellationToken);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(10), $"took {stopwatch.Elapsed}");
    }

    [Fact]
    public async Task LogsCarryTaskAndStatusButNeverTheApiKeyOrWebhookSecret()
    {
        var calls = 0;
        await using var piApi = await FakePiApi.StartAsync(context => Interlocked.Increment(ref calls) == 1
            ? FakePiApi.Json(context, 200, Fixtures.Read(Fixtures.CreateTaskResponse))
            : FakePiApi.Json(context, 401, """{"code":401,"data":null,"message":"invalid api key"}"""));
        using var harness = new PiApiClientHarness(piApi.BaseUrl);

        await harness.Client.CreateTaskAsync(CreateRequest, CancellationToken.None);
        await harness.Client.GetTaskAsync("e20126e0-badc-4244-b4f1-bbeebd475d6c", CancellationToken.None);

        var logs = string.Join(Environment.NewLine, harness.Logs.Lines());
        Assert.Contains("CreateTask succeeded: task e20126e0-badc-4244-b4f1-bbeebd475d6c is Pending", logs, StringComparison.Ordinal);
        Assert.Contains("GetTask failed for task e20126e0-badc-4244-b4f1-bbeebd475d6c: Unauthorized, HTTP 401", logs, StringComparison.Ordinal);
        Assert.Contains("X-API-Key", logs, StringComparison.Ordinal);
        Assert.DoesNotContain(PiApiClientHarness.ApiKey, logs, StringComparison.Ordinal);
        Assert.DoesNotContain(CreateRequest.Config!.WebhookConfig!.Secret!, logs, StringComparison.Ordinal);
    }

    internal static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
