using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace VideoVault.PiApi;

/// <summary>Turns PiAPI's answer (status, headers, body) into a <see cref="PiApiResult{T}"/>.</summary>
internal static class PiApiResponseReader
{
    private const int EnvelopeSuccessCode = 200;

    public static PiApiResult<PiApiTask> Read(HttpResponseMessage response, byte[] body, TimeProvider timeProvider)
    {
        var status = response.StatusCode;
        var envelope = TryRead(() => JsonSerializer.Deserialize(body, PiApiJsonContext.Default.PiApiEnvelope));
        if (!response.IsSuccessStatusCode)
        {
            var retryAfter = ReadRetryAfter(response.Headers.RetryAfter, timeProvider);
            var kind = Classify(status);

            // A refused key is ours to fix whatever the message says; any other refusal naming a missing model is final.
            kind = kind != PiApiFailureKind.Unauthorized && ModelRemoval.Says(envelope?.Message) ? PiApiFailureKind.ModelUnavailable : kind;
            return PiApiResult.Fail<PiApiTask>(new PiApiFailure(kind, status, envelope?.Message, retryAfter));
        }

        if (envelope is null)
        {
            return PiApiResult.Fail<PiApiTask>(new PiApiFailure(PiApiFailureKind.InvalidResponse, status));
        }

        if (envelope.Code != EnvelopeSuccessCode)
        {
            var kind = ModelRemoval.Says(envelope.Message) ? PiApiFailureKind.ModelUnavailable : PiApiFailureKind.EnvelopeError;
            return PiApiResult.Fail<PiApiTask>(new PiApiFailure(kind, status, envelope.Message));
        }

        var task = envelope.Data.ValueKind == JsonValueKind.Object
            ? TryRead(() => envelope.Data.Deserialize(PiApiJsonContext.Default.PiApiTask))
            : null;
        return task is { TaskId.Length: > 0 }
            ? PiApiResult.Success(task)
            : PiApiResult.Fail<PiApiTask>(new PiApiFailure(PiApiFailureKind.InvalidResponse, status, envelope.Message));
    }

    /// <summary>A cancel's answer: success is a 2xx with envelope code 200; its data, if any, is not read.</summary>
    public static PiApiResult<PiApiCancellation> ReadCancellation(HttpResponseMessage response, byte[] body, TimeProvider timeProvider)
    {
        var envelope = TryRead(() => JsonSerializer.Deserialize(body, PiApiJsonContext.Default.PiApiEnvelope));
        if (!response.IsSuccessStatusCode)
        {
            return PiApiResult.Fail<PiApiCancellation>(new PiApiFailure(Classify(response.StatusCode), response.StatusCode, envelope?.Message, ReadRetryAfter(response.Headers.RetryAfter, timeProvider)));
        }

        return envelope is { Code: EnvelopeSuccessCode }
            ? PiApiResult.Success(new PiApiCancellation(envelope.Message))
            : PiApiResult.Fail<PiApiCancellation>(new PiApiFailure(envelope is null ? PiApiFailureKind.InvalidResponse : PiApiFailureKind.EnvelopeError, response.StatusCode, envelope?.Message));
    }

    internal static PiApiFailureKind Classify(HttpStatusCode status) => (int)status switch
    {
        401 or 403 => PiApiFailureKind.Unauthorized,
        404 => PiApiFailureKind.NotFound,
        429 => PiApiFailureKind.RateLimited,
        >= 500 => PiApiFailureKind.ServerError,
        >= 400 => PiApiFailureKind.BadRequest,
        // Redirects are not followed (they would carry the API key elsewhere), so they are not answers.
        _ => PiApiFailureKind.InvalidResponse,
    };

    internal static TimeSpan? ReadRetryAfter(RetryConditionHeaderValue? header, TimeProvider timeProvider)
    {
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - timeProvider.GetUtcNow();
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        return null;
    }

    private static T? TryRead<T>(Func<T?> read)
        where T : class
    {
        try
        {
            return read();
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
