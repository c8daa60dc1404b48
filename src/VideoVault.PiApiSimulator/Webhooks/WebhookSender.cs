using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Options;
using VideoVault.PiApiSimulator.Json;
using VideoVault.PiApiSimulator.Ledger;
using VideoVault.PiApiSimulator.Tasks;

namespace VideoVault.PiApiSimulator.Webhooks;

/// <summary>POSTs one webhook the way PiAPI does (<c>{timestamp, data}</c> + <c>x-webhook-secret</c>), retrying failures.</summary>
internal sealed partial class WebhookSender(
    IHttpClientFactory httpClientFactory,
    IOptions<SimulatorOptions> options,
    TimeProvider timeProvider,
    ILogger<WebhookSender> logger)
{
    public const string HttpClientName = "PiApiSimulator.Webhooks";

    public async Task DeliverAsync(LedgerEntry entry, WebhookConfig webhook, PiTask snapshot, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (entry.Faults.WebhookDelay > TimeSpan.Zero)
        {
            await Task.Delay(entry.Faults.WebhookDelay, timeProvider, cancellationToken);
        }

        var body = JsonSerializer.SerializeToUtf8Bytes(
            new WebhookBody(timeProvider.GetUtcNow().ToUnixTimeSeconds(), snapshot),
            SimulatorJsonContext.Wire.WebhookBody);
        var client = httpClientFactory.CreateClient(HttpClientName);

        for (var attempt = 1; attempt <= settings.WebhookAttempts; attempt++)
        {
            entry.RecordWebhookAttempt();
            var failure = await TrySendAsync(client, webhook, body, cancellationToken);
            if (failure is null)
            {
                entry.RecordWebhookDelivered();
                Log.Delivered(logger, entry.TaskId, snapshot.Status, attempt);
                return;
            }

            Log.AttemptFailed(logger, entry.TaskId, snapshot.Status, attempt, failure);
            if (attempt < settings.WebhookAttempts)
            {
                await Task.Delay(settings.WebhookRetryDelay, timeProvider, cancellationToken);
            }
        }

        entry.RecordWebhookAbandoned();
        Log.Abandoned(logger, entry.TaskId, snapshot.Status, settings.WebhookAttempts);
    }

    /// <returns>Null on a 2xx answer, else why the attempt failed.</returns>
    private static async Task<string?> TrySendAsync(HttpClient client, WebhookConfig webhook, byte[] body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, webhook.Endpoint)
        {
            Content = new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
        };
        request.Headers.TryAddWithoutValidation("x-webhook-secret", webhook.Secret);

        try
        {
            using var response = await client.SendAsync(request, cancellationToken);
            return response.IsSuccessStatusCode ? null : $"HTTP {(int)response.StatusCode}";
        }
        catch (HttpRequestException ex)
        {
            return ex.Message;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return "timed out";
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Debug, Message = "Webhook for task {TaskId} ({Status}) delivered on attempt {Attempt}")]
        public static partial void Delivered(ILogger logger, string taskId, string status, int attempt);

        [LoggerMessage(Level = LogLevel.Information, Message = "Webhook for task {TaskId} ({Status}) attempt {Attempt} failed: {Reason}")]
        public static partial void AttemptFailed(ILogger logger, string taskId, string status, int attempt, string reason);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook for task {TaskId} ({Status}) given up after {Attempts} attempts")]
        public static partial void Abandoned(ILogger logger, string taskId, string status, int attempts);
    }
}
