using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using VideoVault.PiApi;
using VideoVault.Streaming;
using VideoVault.Telemetry;
using VideoVault.Tests.Fakes;

namespace VideoVault.Tests.PiApi;

public sealed class PiApiChatClientTests
{
    private const string Prompt = "a dog running on the sea beach";

    [Fact]
    public async Task Posts_the_vendor_shaped_streaming_request_with_bearer_and_api_key_and_returns_the_stream()
    {
        string? authorization = null;
        string? accept = null;
        await using var piApi = await FakePiApi.StartAsync(async context =>
        {
            authorization = context.Request.Headers.Authorization;
            accept = context.Request.Headers.Accept;
            context.Response.ContentType = "text/event-stream";
            await context.Response.WriteAsync("data: {\"choices\":[]}\n\ndata: [DONE]\n\n");
        });
        using var harness = new PiApiClientHarness(piApi.BaseUrl);

        var result = await harness.ChatClient.OpenStreamAsync("sora-2-preview", Prompt, CancellationToken.None);

        Assert.True(result.IsSuccess, result.Failure?.ToString());
        using (result.Value)
        {
            var reader = new SseReader(result.Value.Body, 1024, 1024);
            Assert.Equal("{\"choices\":[]}", await reader.ReadEventAsync(CancellationToken.None));
            Assert.Equal("[DONE]", await reader.ReadEventAsync(CancellationToken.None));
        }

        var received = Assert.Single(piApi.Requests);
        Assert.Equal("POST", received.Method);
        Assert.Equal("/v1/chat/completions", received.RawTarget);
        Assert.Equal($"Bearer {PiApiClientHarness.ApiKey}", authorization);
        Assert.Equal(PiApiClientHarness.ApiKey, received.ApiKey);
        Assert.Equal("text/event-stream", accept);
        Assert.Equal("application/json; charset=utf-8", received.ContentType);
        var expected = JsonNode.Parse($$"""{ "model": "sora-2-preview", "messages": [{ "role": "user", "content": "{{Prompt}}" }], "stream": true }""");
        Assert.True(JsonNode.DeepEquals(expected, JsonNode.Parse(received.Body)), received.Body);
    }

    [Fact]
    public async Task A_stream_may_run_far_longer_than_the_timeout_once_its_headers_arrived()
    {
        await using var piApi = await FakePiApi.StartAsync(async context =>
        {
            context.Response.ContentType = "text/event-stream";
            await context.Response.WriteAsync(": opened\n\n");
            await context.Response.Body.FlushAsync();
            await Task.Delay(TimeSpan.FromSeconds(2.5));
            await context.Response.WriteAsync("data: late\n\n");
        });
        using var harness = new PiApiClientHarness(piApi.BaseUrl, timeout: TimeSpan.FromSeconds(1));

        var result = await harness.ChatClient.OpenStreamAsync("sora-2-preview", Prompt, CancellationToken.None);

        Assert.True(result.IsSuccess, result.Failure?.ToString());
        using (result.Value)
        {
            Assert.Equal("late", await new SseReader(result.Value.Body, 1024, 1024).ReadEventAsync(CancellationToken.None));
        }
    }

    [Theory]
    [InlineData(401, """{"error":{"message":"Invalid API key","type":"invalid_request_error"}}""", PiApiFailureKind.Unauthorized, "Invalid API key", false)]
    [InlineData(400, """{"code":400,"data":null,"message":"model not supported"}""", PiApiFailureKind.BadRequest, "model not supported", false)]
    [InlineData(500, "<html>oops</html>", PiApiFailureKind.ServerError, null, true)]
    [InlineData(503, "", PiApiFailureKind.ServerError, null, true)]
    internal async Task Error_statuses_are_classified_with_the_vendor_message(int status, string body, PiApiFailureKind kind, string? message, bool transient)
    {
        await using var piApi = await FakePiApi.StartAsync(context => FakePiApi.Json(context, status, body));
        using var harness = new PiApiClientHarness(piApi.BaseUrl);

        var result = await harness.ChatClient.OpenStreamAsync("sora-2-preview", Prompt, CancellationToken.None);

        Assert.Equal(kind, result.Failure!.Kind);
        Assert.Equal((HttpStatusCode)status, result.Failure.StatusCode);
        Assert.Equal(message, result.Failure.Message);
        Assert.Equal(transient, result.Failure.IsTransient);
    }

    [Fact]
    public async Task Rate_limited_carries_retry_after()
    {
        await using var piApi = await FakePiApi.StartAsync(context =>
        {
            context.Response.Headers.RetryAfter = "7";
            return FakePiApi.Json(context, 429, """{"error":{"message":"Too many requests"}}""");
        });
        using var harness = new PiApiClientHarness(piApi.BaseUrl);

        var result = await harness.ChatClient.OpenStreamAsync("sora-2-preview", Prompt, CancellationToken.None);

        Assert.Equal(PiApiFailureKind.RateLimited, result.Failure!.Kind);
        Assert.Equal(TimeSpan.FromSeconds(7), result.Failure.RetryAfter);
        Assert.True(result.Failure.IsTransient);
    }

    [Fact]
    public async Task No_headers_within_the_timeout_is_a_transient_timeout()
    {
        await using var piApi = await FakePiApi.StartAsync(FakePiApi.Hang);
        using var harness = new PiApiClientHarness(piApi.BaseUrl, timeout: TimeSpan.FromSeconds(1));
        var stopwatch = Stopwatch.StartNew();

        var result = await harness.ChatClient.OpenStreamAsync("sora-2-preview", Prompt, CancellationToken.None);

        Assert.Equal(PiApiFailureKind.Timeout, result.Failure!.Kind);
        Assert.True(result.Failure.IsTransient);
        Assert.InRange(stopwatch.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_refused_connection_is_a_transient_connection_failure()
    {
        using var harness = new PiApiClientHarness(new Uri($"http://127.0.0.1:{PiApiClientTests.ClosedPort()}/"));

        var result = await harness.ChatClient.OpenStreamAsync("sora-2-preview", Prompt, CancellationToken.None);

        Assert.Equal(PiApiFailureKind.ConnectionFailed, result.Failure!.Kind);
        Assert.True(result.Failure.IsTransient);
    }

    [Fact]
    public async Task A_success_that_is_not_an_event_stream_is_an_invalid_response()
    {
        await using var piApi = await FakePiApi.StartAsync(context => FakePiApi.Json(context, 200, """{"code":500,"message":"busy"}"""));
        using var harness = new PiApiClientHarness(piApi.BaseUrl);

        var result = await harness.ChatClient.OpenStreamAsync("sora-2-preview", Prompt, CancellationToken.None);

        Assert.Equal(PiApiFailureKind.InvalidResponse, result.Failure!.Kind);
        Assert.Equal("Expected text/event-stream, got application/json.", result.Failure.Message);
        Assert.False(result.Failure.IsTransient);
    }

    [Fact]
    public async Task Caller_cancellation_throws()
    {
        await using var piApi = await FakePiApi.StartAsync(FakePiApi.Hang);
        using var harness = new PiApiClientHarness(piApi.BaseUrl, timeout: TimeSpan.FromSeconds(30));
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => harness.ChatClient.OpenStreamAsync("sora-2-preview", Prompt, cancellation.Token));
    }

    [Fact]
    public async Task The_call_is_a_span_of_the_task_until_the_stream_is_disposed_without_the_prompt_or_the_key()
    {
        await using var piApi = await FakePiApi.StartAsync(async context =>
        {
            context.Response.ContentType = "text/event-stream";
            await context.Response.WriteAsync("data: [DONE]\n\n");
        });
        using var harness = new PiApiClientHarness(piApi.BaseUrl);
        var taskId = Guid.NewGuid().ToString("N");
        using var spans = new RecordedSpans(taskId);
        using var work = VideoVaultTelemetry.StartTaskActivity("work stream", taskId);

        var result = await harness.ChatClient.OpenStreamAsync("sora-2-preview", Prompt, CancellationToken.None);

        Assert.Same(work, Activity.Current);
        Assert.Empty(spans.Ended);
        result.Value!.Dispose();
        Assert.Same(work, Activity.Current);
        var call = spans.Single("piapi ChatCompletion");
        Assert.Equal((work!.TraceId, work.SpanId, ActivityKind.Client), (call.TraceId, call.ParentSpanId, call.Kind));
        Assert.Equal<object?>(["ChatCompletion", "sora-2-preview", "success"], [call.GetTagItem(VideoVaultTelemetry.OperationTag), call.GetTagItem(VideoVaultTelemetry.ModelTag), call.GetTagItem(VideoVaultTelemetry.OutcomeTag)]);
        Assert.Empty(spans.Holding(Prompt, PiApiClientHarness.ApiKey));
    }

    [Fact]
    public async Task A_refused_call_ends_its_span_failed_with_the_kind()
    {
        await using var piApi = await FakePiApi.StartAsync(context => FakePiApi.Json(context, 503, ""));
        using var harness = new PiApiClientHarness(piApi.BaseUrl);
        var taskId = Guid.NewGuid().ToString("N");
        using var spans = new RecordedSpans(taskId);
        using var work = VideoVaultTelemetry.StartTaskActivity("work stream", taskId);

        await harness.ChatClient.OpenStreamAsync("sora-2-preview", Prompt, CancellationToken.None);

        var call = spans.Single("piapi ChatCompletion");
        Assert.Equal((ActivityStatusCode.Error, nameof(PiApiFailureKind.ServerError)), (call.Status, call.GetTagItem(VideoVaultTelemetry.OutcomeTag)));
        Assert.Same(work, Activity.Current);
    }

    [Fact]
    public async Task Logs_never_carry_the_api_key_or_the_prompt()
    {
        var calls = 0;
        await using var piApi = await FakePiApi.StartAsync(async context =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                context.Response.ContentType = "text/event-stream";
                await context.Response.WriteAsync("data: [DONE]\n\n");
            }
            else
            {
                await FakePiApi.Json(context, 401, """{"error":{"message":"Invalid API key"}}""");
            }
        });
        using var harness = new PiApiClientHarness(piApi.BaseUrl);

        (await harness.ChatClient.OpenStreamAsync("sora-2-preview", Prompt, CancellationToken.None)).Value!.Dispose();
        await harness.ChatClient.OpenStreamAsync("sora-2-preview", Prompt, CancellationToken.None);

        var logs = string.Join(Environment.NewLine, harness.Logs.Lines());
        Assert.Contains("chat completion stream opened for sora-2-preview", logs, StringComparison.Ordinal);
        Assert.Contains("ChatCompletion failed", logs, StringComparison.Ordinal);
        Assert.DoesNotContain(PiApiClientHarness.ApiKey, logs, StringComparison.Ordinal);
        Assert.DoesNotContain(Prompt, logs, StringComparison.Ordinal);
    }
}
