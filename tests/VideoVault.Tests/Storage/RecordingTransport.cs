using Azure.Core;
using Azure.Core.Pipeline;

namespace VideoVault.Tests.Storage;

/// <summary>
/// Answers each request with the next canned response and records what was sent (headers and body as
/// they left the pipeline), so client behaviour can be checked without a network.
/// </summary>
internal sealed class RecordingTransport(params Func<Request, CannedResponse>[] responses) : HttpPipelineTransport
{
    private int _next;

    public List<SentRequest> Sent { get; } = [];

    public override Request CreateRequest() => HttpClientTransport.Shared.CreateRequest();

    public override void Process(HttpMessage message) => ProcessAsync(message).AsTask().GetAwaiter().GetResult();

    public override async ValueTask ProcessAsync(HttpMessage message)
    {
        var request = message.Request;
        using var body = new MemoryStream();
        if (request.Content is { } content)
        {
            await content.WriteToAsync(body, message.CancellationToken);
        }

        Sent.Add(new SentRequest(
            request.Method,
            request.Uri.ToUri(),
            request.Headers.ToDictionary(h => h.Name, h => h.Value, StringComparer.OrdinalIgnoreCase),
            System.Text.Encoding.UTF8.GetString(body.ToArray())));
        var respond = responses[Math.Min(_next++, responses.Length - 1)];
        message.Response = respond(request);
    }
}

internal sealed record SentRequest(RequestMethod Method, Uri Uri, Dictionary<string, string> Headers, string Body);
