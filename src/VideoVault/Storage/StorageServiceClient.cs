using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace VideoVault.Storage;

/// <summary>One storage service endpoint and its pipeline: builds requests, sends them, turns unexpected statuses into errors.</summary>
internal sealed class StorageServiceClient
{
    private const string StorageScope = "https://storage.azure.com/.default";
    private static readonly StorageErrorDetailsParser ErrorParser = new();
    private readonly HttpPipeline _pipeline;

    public StorageServiceClient(Uri endpoint, StorageConnection connection, SharedKeyFlavor flavor, StorageClientOptions options, TimeProvider timeProvider)
    {
        Endpoint = endpoint;
        Connection = connection;
        HttpPipelinePolicy authentication = connection.SharedKey is { } key
            ? new SharedKeyAuthenticationPolicy(key, flavor, timeProvider)
            : new BearerTokenAuthenticationPolicy(connection.TokenCredential!, StorageScope);
        var pipelineOptions = new HttpPipelineOptions(options)
        {
            RequestFailedDetailsParser = ErrorParser,
        };
        pipelineOptions.PerCallPolicies.Add(new StorageVersionPolicy());
        pipelineOptions.PerRetryPolicies.Add(authentication);
        _pipeline = HttpPipelineBuilder.Build(pipelineOptions);
    }

    public Uri Endpoint { get; }

    public StorageConnection Connection { get; }

    /// <summary>A request to the endpoint plus <paramref name="path"/>, which the caller has already escaped.</summary>
    public HttpMessage CreateMessage(RequestMethod method, string path)
    {
        var message = _pipeline.CreateMessage();
        message.Request.Method = method;
        var uri = new RequestUriBuilder();
        uri.Reset(Endpoint);
        if (path.Length > 0)
        {
            uri.AppendPath("/" + path, escape: false);
        }

        message.Request.Uri = uri;
        return message;
    }

    /// <summary>Sends and returns the response when its status is one of <paramref name="expected"/>; otherwise throws.</summary>
    public async Task<Response> SendAsync(HttpMessage message, CancellationToken cancellationToken, params int[] expected)
    {
        await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        var response = message.Response;
        return Array.IndexOf(expected, response.Status) >= 0
            ? response
            : throw new RequestFailedException(response, null, ErrorParser);
    }

    public static string EscapePath(string name) =>
        string.Join('/', name.Split('/').Select(Uri.EscapeDataString));
}
