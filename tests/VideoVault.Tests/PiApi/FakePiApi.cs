using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace VideoVault.Tests.PiApi;

/// <summary>A loopback Kestrel server that plays PiAPI with whatever answer a test gives it, and records what it received.</summary>
internal sealed class FakePiApi : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<RecordedRequest> requests;

    private FakePiApi(WebApplication app, ConcurrentQueue<RecordedRequest> requests, Uri baseUrl)
    {
        this.app = app;
        this.requests = requests;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    public IReadOnlyCollection<RecordedRequest> Requests => requests;

    public static async Task<FakePiApi> StartAsync(Func<HttpContext, Task> respond)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseShutdownTimeout(TimeSpan.FromSeconds(2));
        var app = builder.Build();
        app.Urls.Add("http://127.0.0.1:0");

        var requests = new ConcurrentQueue<RecordedRequest>();
        app.Run(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            requests.Enqueue(new RecordedRequest(
                context.Request.Method,
                context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget,
                context.Request.Headers["X-API-Key"].ToString(),
                context.Request.ContentType,
                context.Request.ContentLength,
                await reader.ReadToEndAsync(context.RequestAborted)));
            await respond(context);
        });

        await app.StartAsync();
        return new FakePiApi(app, requests, new Uri(app.Urls.Single()));
    }

    public static Task Json(HttpContext context, int statusCode, string json)
    {
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(json);
    }

    public static async Task Hang(HttpContext context)
    {
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            // The client gave up, which is what the test waits for.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}

internal sealed record RecordedRequest(string Method, string RawTarget, string ApiKey, string? ContentType, long? ContentLength, string Body);
