using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VideoVault.Telemetry;

namespace VideoVault.PiApi;

/// <summary>
/// Opens PiAPI's streaming chat completions (<c>POST /v1/chat/completions</c>, the Sora 2 preview models).
/// The stream runs for minutes, so the typed <see cref="HttpClient"/> has no overall timeout:
/// <see cref="PiApiOptions.Timeout"/> bounds only the wait for the response headers, and the caller
/// watches the body for stalls. Failures before the stream starts are returned as
/// <see cref="PiApiFailure"/>s; only the caller's own cancellation throws. Each call is a span of the
/// caller's (the task's) trace, with its id, the operation and the model: never the prompt or the key.
/// </summary>
internal sealed class PiApiChatClient(HttpClient httpClient, IOptions<PiApiOptions> options, TimeProvider timeProvider, ILogger<PiApiChatClient> logger)
{
    private const string CompletionsPath = "v1/chat/completions";
    private const string EventStreamMediaType = "text/event-stream";
    private const int MaxErrorBodyBytes = 16 * 1024;

    /// <remarks>The call's span lasts as long as the call: until the stream is disposed, or until the call failed.</remarks>
    public async Task<PiApiResult<PiApiChatStream>> OpenStreamAsync(string model, string prompt, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        ArgumentException.ThrowIfNullOrWhiteSpace(prompt);

        var activity = VideoVaultTelemetry.StartChildActivity("piapi " + PiApiOperation.ChatCompletion, ActivityKind.Client);
        activity?.SetTag(VideoVaultTelemetry.OperationTag, nameof(PiApiOperation.ChatCompletion));
        activity?.SetTag(VideoVaultTelemetry.ModelTag, model);
        try
        {
            var result = await SendAsync(model, prompt, activity, cancellationToken).ConfigureAwait(false);
            activity?.SetTag(VideoVaultTelemetry.OutcomeTag, result.IsSuccess ? "success" : result.Failure.Kind.ToString());
            if (!result.IsSuccess)
            {
                activity?.SetStatus(ActivityStatusCode.Error, result.Failure.Kind.ToString());
                activity?.Dispose();
            }

            return result;
        }
        catch (Exception exception)
        {
            activity.RecordFailure(exception);
            activity?.Dispose();
            throw;
        }
    }

    /// <param name="activity">The call's span, handed to the stream on success.</param>
    private async Task<PiApiResult<PiApiChatStream>> SendAsync(string model, string prompt, Activity? activity, CancellationToken cancellationToken)
    {
        var body = new PiApiChatRequest { Model = model, Messages = [new PiApiChatMessage("user", prompt)] };
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, PiApiJsonContext.Default.PiApiChatRequest));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json", "utf-8");
        using var request = new HttpRequestMessage(HttpMethod.Post, CompletionsPath) { Content = content };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(EventStreamMediaType));

        var started = timeProvider.GetTimestamp();
        using var headersTimeout = new CancellationTokenSource(options.Value.Timeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, headersTimeout.Token);
        HttpResponseMessage response;
        try
        {
            response = await httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            return Fail(new PiApiFailure(PiApiFailureKind.Timeout), started, exception);
        }
        catch (HttpRequestException exception)
        {
            var kind = PiApiClient.NeverReachedServer(exception) ? PiApiFailureKind.ConnectionFailed : PiApiFailureKind.InvalidResponse;
            return Fail(new PiApiFailure(kind, exception.StatusCode), started, exception);
        }

        if (!response.IsSuccessStatusCode)
        {
            using (response)
            {
                var message = await ReadErrorMessageAsync(response, linked.Token).ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
                var retryAfter = PiApiResponseReader.ReadRetryAfter(response.Headers.RetryAfter, timeProvider);
                return Fail(new PiApiFailure(PiApiResponseReader.Classify(response.StatusCode), response.StatusCode, message, retryAfter), started, null);
            }
        }

        // A 2xx that is not an event stream (a JSON error, an HTML page) would only read as a stream without a video.
        if (response.Content.Headers.ContentType?.MediaType is { } mediaType && !mediaType.Equals(EventStreamMediaType, StringComparison.OrdinalIgnoreCase))
        {
            using (response)
            {
                return Fail(new PiApiFailure(PiApiFailureKind.InvalidResponse, response.StatusCode, $"Expected {EventStreamMediaType}, got {mediaType}."), started, null);
            }
        }

        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        PiApiClientLog.ChatStreamOpened(logger, model, timeProvider.GetElapsedTime(started).TotalMilliseconds);
        return PiApiResult.Success(new PiApiChatStream(response, stream, activity));
    }

    /// <summary>Reads at most <see cref="MaxErrorBodyBytes"/> of an error answer for its message; the rest is not worth waiting for.</summary>
    private static async Task<string?> ReadErrorMessageAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            var buffer = new byte[MaxErrorBodyBytes];
            var length = await body.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
            var error = JsonSerializer.Deserialize(buffer.AsSpan(0, length), PiApiJsonContext.Default.PiApiChatErrorBody);
            return error?.Error?.Message ?? error?.Message;
        }
        catch (Exception exception) when (exception is JsonException or IOException or HttpRequestException or OperationCanceledException)
        {
            // The status alone classifies the failure; the message is a courtesy (the caller's own cancellation is checked after).
            return null;
        }
    }

    private PiApiResult<PiApiChatStream> Fail(PiApiFailure failure, long started, Exception? exception)
    {
        PiApiClientLog.Failed(logger, exception, PiApiOperation.ChatCompletion, null, failure.Kind, (int?)failure.StatusCode, failure.Message, timeProvider.GetElapsedTime(started).TotalMilliseconds);
        return PiApiResult.Fail<PiApiChatStream>(failure);
    }
}
