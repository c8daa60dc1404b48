using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace VideoVault.IntegrationTests.Infrastructure;

/// <summary>
/// A loopback HTTP front end for several hosts of one app, as Flex Consumption's load balancer is for its
/// instances: each request goes to the next host in turn, and a host that refuses the connection (not
/// running) is skipped for the next one, which is safe since it never saw the request. A host that dies
/// while it holds a request costs that request a 502, as a caller of a real load balancer would see;
/// no host running at all answers 503.
/// </summary>
public sealed class LoopbackFrontEnd : IAsyncDisposable
{
    /// <summary>Connection-level headers, which belong to each hop rather than to the request.</summary>
    private static readonly HashSet<string> HopHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Transfer-Encoding", "TE", "Trailer", "Upgrade", "Proxy-Connection", "Host", "Content-Length",
    };

    private readonly WebApplication _app;
    private readonly HttpClient _client;
    private readonly IReadOnlyList<Uri> _hosts;
    private readonly long[] _forwarded;
    private int _next = -1;
    private long _skipped;
    private long _broken;

    private LoopbackFrontEnd(WebApplication app, IReadOnlyList<Uri> hosts, Uri baseUri)
    {
        _app = app;
        _hosts = hosts;
        _forwarded = new long[hosts.Count];
        BaseUri = baseUri;
        _client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, ConnectTimeout = TimeSpan.FromSeconds(5) })
        {
            // The caller's own timeout decides, as it would in front of a real load balancer.
            Timeout = Timeout.InfiniteTimeSpan,
        };
        app.Run(ForwardAsync);
    }

    public Uri BaseUri { get; }

    /// <summary>Connections a host refused, each request then sent to the next host.</summary>
    public long Skipped => Interlocked.Read(ref _skipped);

    /// <summary>Requests answered 502 because their host failed while it held them.</summary>
    public long Broken => Interlocked.Read(ref _broken);

    public static async Task<LoopbackFrontEnd> StartAsync(int port, IReadOnlyList<Uri> hosts)
    {
        var baseUri = new Uri($"http://127.0.0.1:{port}/");
        var builder = WebApplication.CreateBuilder(["--urls", baseUri.AbsoluteUri.TrimEnd('/'), "--Logging:LogLevel:Default=Warning"]);
        var frontEnd = new LoopbackFrontEnd(builder.Build(), hosts, baseUri);
        await frontEnd._app.StartAsync();
        return frontEnd;
    }

    /// <summary>Requests the host at <paramref name="index"/> answered (at least its response headers).</summary>
    public long Forwarded(int index) => Interlocked.Read(ref _forwarded[index]);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _client.Dispose();
    }

    private async Task ForwardAsync(HttpContext context)
    {
        // Buffered, so the same body can go to the next host when one refuses the connection.
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        var first = Interlocked.Increment(ref _next);
        for (var offset = 0; offset < _hosts.Count; offset++)
        {
            var index = (int)((uint)(first + offset) % (uint)_hosts.Count);
            using var request = CreateRequest(context.Request, _hosts[index], body.ToArray());
            HttpResponseMessage response;
            try
            {
                response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted);
            }
            catch (HttpRequestException exception) when (exception.HttpRequestError == HttpRequestError.ConnectionError)
            {
                Interlocked.Increment(ref _skipped);
                continue;
            }
            catch (HttpRequestException)
            {
                Interlocked.Increment(ref _broken);
                context.Response.StatusCode = StatusCodes.Status502BadGateway;
                return;
            }
            catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
            {
                // The caller hung up; like a load balancer, pass that on to the host by cancelling its request.
                return;
            }

            using (response)
            {
                Interlocked.Increment(ref _forwarded[index]);
                await CopyResponseAsync(response, context);
            }

            return;
        }

        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
    }

    private static HttpRequestMessage CreateRequest(HttpRequest incoming, Uri host, byte[] body)
    {
        var request = new HttpRequestMessage(new HttpMethod(incoming.Method), new Uri(host, incoming.Path.ToUriComponent().TrimStart('/') + incoming.QueryString.ToUriComponent()));
        if (body.Length > 0 || incoming.ContentLength == 0)
        {
            request.Content = new ByteArrayContent(body);
        }

        foreach (var (name, values) in incoming.Headers)
        {
            if (!HopHeaders.Contains(name) && !request.Headers.TryAddWithoutValidation(name, values.ToArray()))
            {
                request.Content?.Headers.TryAddWithoutValidation(name, values.ToArray());
            }
        }

        return request;
    }

    private async Task CopyResponseAsync(HttpResponseMessage response, HttpContext context)
    {
        context.Response.StatusCode = (int)response.StatusCode;
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            if (!HopHeaders.Contains(name))
            {
                context.Response.Headers[name] = values.ToArray();
            }
        }

        try
        {
            await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The caller hung up mid-answer: nobody is left to answer.
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException)
        {
            // The host died mid-answer: the status is already sent, so the caller can only see a cut connection.
            Interlocked.Increment(ref _broken);
            context.Abort();
        }
    }
}
