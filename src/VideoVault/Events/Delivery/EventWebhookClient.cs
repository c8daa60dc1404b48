using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Options;
using VideoVault.Outbound;

namespace VideoVault.Events.Delivery;

/// <summary>
/// POSTs one signed event to a receiver through the guarded client, within the response timeout,
/// keeping only a short prefix of whatever the receiver answers.
/// </summary>
internal sealed class EventWebhookClient(
    IHttpClientFactory httpClientFactory,
    StandardWebhookSigner signer,
    IOptionsMonitor<EventOptions> options,
    TimeProvider timeProvider)
{
    public const string HttpClientName = "event-delivery";

    /// <summary>Enough of an error page to say what went wrong; the rest is never read.</summary>
    private const int BodyPrefixBytes = 512;

    private const int MaxErrorLength = 300;

    public async Task<WebhookAttemptResult> SendAsync(Uri url, string eventId, byte[] body, CancellationToken cancellationToken)
    {
        var timeout = options.CurrentValue.ResponseTimeout;
        var timestamp = timeProvider.GetUtcNow();
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" } } },
        };
        request.Headers.Add(StandardWebhookSigner.IdHeader, eventId);
        request.Headers.Add(StandardWebhookSigner.TimestampHeader, timestamp.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add(StandardWebhookSigner.SignatureHeader, signer.Sign(eventId, timestamp, body));

        // Started before the limit's timer, so a recorded duration is never shorter than the limit it ran into.
        var started = Stopwatch.GetTimestamp();
        using var limit = new CancellationTokenSource(timeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, limit.Token);
        try
        {
            using var response = await httpClientFactory.CreateClient(HttpClientName)
                .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                return new WebhookAttemptResult(status, null, Stopwatch.GetElapsedTime(started), null, false);
            }

            var prefix = await ReadPrefixAsync(response, linked.Token).ConfigureAwait(false);
            var error = $"HTTP {status}{(prefix.Length > 0 ? ": " + prefix : string.Empty)}";
            return new WebhookAttemptResult(status, Shorten(error), Stopwatch.GetElapsedTime(started), RetryAfter(response), false);
        }
        catch (OperationCanceledException) when (limit.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return Failure($"No answer within {timeout.TotalSeconds:0.###} s.", started);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The handler's connect timeout cancels the connect on its own.
            return Failure($"Could not connect within {options.CurrentValue.ConnectTimeout.TotalSeconds:0.###} s.", started);
        }
        catch (HttpRequestException exception) when (FindGuardRefusal(exception) is not null)
        {
            return Failure("Refused: the host resolves only to loopback, private, link-local or otherwise non-public addresses.", started, permanent: true);
        }
        catch (HttpRequestException exception)
        {
            return Failure(Describe(exception), started);
        }
    }

    private static WebhookAttemptResult Failure(string error, long started, bool permanent = false) =>
        new(null, error, Stopwatch.GetElapsedTime(started), null, permanent);

    private static async Task<string> ReadPrefixAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            var buffer = new byte[BodyPrefixBytes];
            var read = await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
            return new string([.. Encoding.UTF8.GetString(buffer, 0, read).Select(c => char.IsControl(c) ? ' ' : c)]).Trim();
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException)
        {
            return string.Empty;
        }
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - timeProvider.GetUtcNow(),
        _ => null,
    };

    private static OutboundRefusedException? FindGuardRefusal(Exception exception)
    {
        for (var inner = exception.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (inner is OutboundRefusedException refusal)
            {
                return refusal;
            }
        }

        return null;
    }

    /// <summary>The socket error when there is one ("connection refused"), which says more than the SDK's wrapper.</summary>
    private static string Describe(HttpRequestException exception) =>
        exception.InnerException is SocketException socket
            ? $"Could not connect: {socket.SocketErrorCode switch { SocketError.ConnectionRefused => "connection refused", SocketError.HostNotFound => "host not found", SocketError.TimedOut => "timed out", _ => socket.SocketErrorCode.ToString() }}."
            : Shorten(exception.HttpRequestError switch
            {
                HttpRequestError.ConnectionError => "Could not connect: " + exception.Message,
                HttpRequestError.NameResolutionError => "Host not found.",
                HttpRequestError.ResponseEnded => "The receiver closed the connection without an answer.",
                _ => exception.Message,
            });

    private static string Shorten(string text) => text.Length <= MaxErrorLength ? text : text[..MaxErrorLength] + "…";
}
