using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace VideoVault.Tests.Archiving;

/// <summary>A real Kestrel server on 127.0.0.1 that plays a video CDN, well and badly behaved.</summary>
internal sealed class FakeCdn : IAsyncDisposable
{
    public const int ChunkSize = 64 * 1024;

    private readonly WebApplication _app;

    private FakeCdn(WebApplication app, byte[] video)
    {
        _app = app;
        Video = video;
    }

    public byte[] Video { get; }

    public byte[] WebM { get; } = TestVideos.WebM(700_001, seed: 7);

    /// <summary>A PNG signature and some bytes: enough for the sniffer, which is all the archiver reads it by.</summary>
    public byte[] Poster { get; } = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. TestVideos.Mp4(5_000, seed: 9)];

    public ConcurrentQueue<ReceivedRequest> Requests { get; } = new();

    /// <summary>Completes when the endless body's writer has stopped because the client went away.</summary>
    public TaskCompletionSource EndlessBodyStopped { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Uri BaseAddress => new(_app.Urls.Single());

    public static async Task<FakeCdn> StartAsync(byte[] video)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.Urls.Add("http://127.0.0.1:0");
        var cdn = new FakeCdn(app, video);
        cdn.MapRoutes();
        await app.StartAsync();
        return cdn;
    }

    public Uri Url(string pathAndQuery) => new(BaseAddress, pathAndQuery);

    public int CountRequests(string pathPrefix) => Requests.Count(r => r.Path.StartsWith(pathPrefix, StringComparison.Ordinal));

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private void MapRoutes()
    {
        _app.Use(async (context, next) =>
        {
            Requests.Enqueue(new ReceivedRequest(
                context.Request.Path + context.Request.QueryString,
                context.Request.Headers.Keys.ToHashSet(StringComparer.OrdinalIgnoreCase)));
            await next(context);
        });

        _app.MapGet("/video.mp4", context => ServeAsync(context, Video, "video/mp4", declareLength: true));
        _app.MapGet("/chunked.mp4", context => ServeAsync(context, Video, "video/mp4", declareLength: false));
        _app.MapGet("/poster.png", context => ServeAsync(context, Poster, "image/png", declareLength: true));
        _app.MapGet("/poster-unlabelled", context => ServeAsync(context, Poster, "application/octet-stream", declareLength: true));
        _app.MapGet("/video.webm", context => ServeAsync(context, WebM, "video/webm", declareLength: true));
        _app.MapGet("/error.html", context => ServeAsync(context, "<!DOCTYPE html><html><body>Link expired</body></html>"u8.ToArray(), "text/html", declareLength: true));
        _app.MapGet("/error.json", context => ServeAsync(context, "{\"code\":404,\"message\":\"not found\"}"u8.ToArray(), "application/json", declareLength: true));
        _app.MapGet("/disguised.mp4", context => ServeAsync(context, "<html><body>Access denied</body></html>"u8.ToArray(), "application/octet-stream", declareLength: true));
        _app.MapGet("/missing.mp4", context => StatusAsync(context, StatusCodes.Status404NotFound));
        _app.MapGet("/forbidden.mp4", context => StatusAsync(context, StatusCodes.Status403Forbidden));
        _app.MapGet("/unavailable.mp4", context => StatusAsync(context, StatusCodes.Status503ServiceUnavailable));
        _app.MapGet("/throttled.mp4", context => StatusAsync(context, StatusCodes.Status429TooManyRequests));
        _app.MapGet("/too-big.mp4", ServeTooBigAsync);
        _app.MapGet("/endless.mp4", ServeEndlessAsync);
        _app.MapGet("/truncated.mp4", ServeTruncatedAsync);
        _app.MapGet("/stalled.mp4", ServeStalledAsync);
        _app.MapGet("/silent.mp4", context => WaitForClientToLeaveAsync(context));
        _app.MapGet("/redirect", context => RedirectAsync(context, "/video.mp4?token=REDIRECT-SECRET"));
        _app.MapGet("/redirect-to-metadata", context => RedirectAsync(context, "http://169.254.169.254/latest/meta-data/"));
        _app.MapGet("/redirect-to-metadata-https", context => RedirectAsync(context, "https://169.254.169.254/latest/meta-data/"));
        _app.MapGet("/redirect-to", (HttpContext context, string url) => RedirectAsync(context, url));
        _app.MapGet("/loop/{hop:int}", (HttpContext context, int hop) => RedirectAsync(context, $"/loop/{hop + 1}"));
    }

    private static async Task ServeAsync(HttpContext context, byte[] body, string contentType, bool declareLength)
    {
        context.Response.ContentType = contentType;
        if (declareLength)
        {
            context.Response.ContentLength = body.Length;
        }

        // Chunk by chunk with flushes, so the client sees the body arrive in pieces.
        for (var offset = 0; offset < body.Length; offset += ChunkSize)
        {
            await context.Response.Body.WriteAsync(body.AsMemory(offset, Math.Min(ChunkSize, body.Length - offset)), context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
        }
    }

    private static Task StatusAsync(HttpContext context, int status)
    {
        context.Response.StatusCode = status;
        return Task.CompletedTask;
    }

    private static Task RedirectAsync(HttpContext context, string location)
    {
        context.Response.StatusCode = StatusCodes.Status302Found;
        context.Response.Headers.Location = location;
        return Task.CompletedTask;
    }

    private async Task ServeTooBigAsync(HttpContext context)
    {
        context.Response.ContentType = "video/mp4";
        context.Response.ContentLength = 1L << 40;
        await context.Response.StartAsync(context.RequestAborted);
        await context.Response.Body.WriteAsync(Video.AsMemory(0, 1024), context.RequestAborted);
        await WaitForClientToLeaveAsync(context);
    }

    private async Task ServeEndlessAsync(HttpContext context)
    {
        context.Response.ContentType = "video/mp4";
        var chunk = TestVideos.Mp4(ChunkSize, seed: 3);
        try
        {
            while (!context.RequestAborted.IsCancellationRequested)
            {
                await context.Response.Body.WriteAsync(chunk, context.RequestAborted);
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or IOException)
        {
            // The client hung up: exactly what the test waits for.
        }
        finally
        {
            EndlessBodyStopped.TrySetResult();
        }
    }

    private async Task ServeTruncatedAsync(HttpContext context)
    {
        context.Response.ContentType = "video/mp4";
        context.Response.ContentLength = Video.Length;
        await context.Response.Body.WriteAsync(Video.AsMemory(0, Video.Length / 2), context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
        context.Abort();
    }

    private async Task ServeStalledAsync(HttpContext context)
    {
        context.Response.ContentType = "video/mp4";
        context.Response.ContentLength = Video.Length;
        await context.Response.Body.WriteAsync(Video.AsMemory(0, Video.Length / 2), context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
        await WaitForClientToLeaveAsync(context);
    }

    private static async Task WaitForClientToLeaveAsync(HttpContext context)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            // The client gave up, which is what the stalling routes wait for.
        }
    }
}

internal sealed record ReceivedRequest(string Path, IReadOnlySet<string> HeaderNames);
