using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace VideoVault.PiApiSimulator.Consumer;

/// <summary>
/// A caller's webhook receiver to test VideoVault's events against: <c>POST /consumer/{endpoint}</c>
/// verifies the Standard Webhooks signature (401 when it does not verify), applies the endpoint's
/// faults (<see cref="ConsumerFaults"/>) and records the delivery; <c>GET /consumer/{endpoint}</c> lists
/// what the endpoint received.
/// </summary>
internal sealed partial class ConsumerEndpoint(ConsumerLedger ledger, IOptionsMonitor<SimulatorOptions> options, TimeProvider timeProvider)
{
    private const int MaxBodyBytes = 1024 * 1024;

    /// <summary>The longest a "timeout" delivery is held open when the sender does not give up first.</summary>
    private static readonly TimeSpan MaxHold = TimeSpan.FromMinutes(2);

    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapPost("/consumer/{endpoint}", (string endpoint, HttpContext context, ConsumerEndpoint consumer) => consumer.ReceiveAsync(endpoint, context));
        routes.MapGet("/consumer/{endpoint}", (string endpoint, ConsumerLedger ledger) =>
            Results.Json(ledger.For(endpoint), ConsumerJsonContext.Default.IReadOnlyListConsumerDelivery));
    }

    public async Task ReceiveAsync(string endpoint, HttpContext context)
    {
        var faults = ConsumerFaults.Parse(context.Request.Query, out var error);
        if (!EndpointName().IsMatch(endpoint) || faults is null)
        {
            await Results.Problem(error ?? "The endpoint name is 1-64 letters, digits, '-' or '_'.", statusCode: StatusCodes.Status400BadRequest).ExecuteAsync(context);
            return;
        }

        var body = await ReadAsync(context.Request);
        var headers = context.Request.Headers;
        var signatureError = SignatureCheck.Verify(
            options.CurrentValue.ConsumerSecrets, headers["webhook-id"], headers["webhook-timestamp"], headers["webhook-signature"], body, timeProvider.GetUtcNow());
        var number = ledger.Count(endpoint);
        var outcome = signatureError is null ? faults.AnswerFor(number, EventType(body)) : ConsumerAnswer.Failure;
        var answer = signatureError is not null ? StatusCodes.Status401Unauthorized : outcome switch
        {
            ConsumerAnswer.Success => StatusCodes.Status204NoContent,
            ConsumerAnswer.Failure => faults.FailStatus,
            ConsumerAnswer.Gone => StatusCodes.Status410Gone,
            ConsumerAnswer.Refused => StatusCodes.Status400BadRequest,
            _ => 0,
        };
        ledger.Record(Describe(endpoint, number, headers["webhook-id"], signatureError, body, outcome, answer));

        switch (outcome)
        {
            case ConsumerAnswer.NoAnswer:
                await HoldAsync(context.RequestAborted);
                return;
            case ConsumerAnswer.ConnectionReset:
                context.Abort();
                return;
            case ConsumerAnswer.Success when faults.Slow > TimeSpan.Zero:
                await Task.Delay(faults.Slow, timeProvider, context.RequestAborted);
                break;
        }

        context.Response.StatusCode = answer;
        if (answer >= 400)
        {
            await context.Response.WriteAsync(signatureError ?? $"simulated {answer}");
        }
    }

    private ConsumerDelivery Describe(string endpoint, int number, string? id, string? signatureError, byte[] body, ConsumerAnswer outcome, int answer)
    {
        string? type = null, taskId = null, status = null, video = null;
        int? sequence = null;
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            type = root.TryGetProperty("type", out var t) ? t.GetString() : null;
            sequence = root.TryGetProperty("sequence", out var s) && s.TryGetInt32(out var n) ? n : null;
            if (root.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object)
            {
                taskId = data.TryGetProperty("id", out var i) ? i.GetString() : null;
                status = data.TryGetProperty("status", out var st) ? st.GetString() : null;
                video = data.TryGetProperty("video", out var v) && v.TryGetProperty("url", out var u) ? u.GetString() : null;
            }
        }
        catch (JsonException)
        {
            // Recorded as received; the missing fields say the body was not an event.
        }

        return new ConsumerDelivery(endpoint, number, timeProvider.GetUtcNow(), id, signatureError, type, sequence, taskId, status, video, outcome, answer);
    }

    private static string? EventType(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("type", out var type) ? type.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static async Task<byte[]> ReadAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted);
        return buffer.Length > MaxBodyBytes ? [] : buffer.ToArray();
    }

    private async Task HoldAsync(CancellationToken aborted)
    {
        try
        {
            await Task.Delay(MaxHold, timeProvider, aborted);
        }
        catch (OperationCanceledException)
        {
            // The sender gave up, which is what this fault is for.
        }
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex EndpointName();
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, UseStringEnumConverter = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(IReadOnlyList<ConsumerDelivery>))]
internal sealed partial class ConsumerJsonContext : JsonSerializerContext;
