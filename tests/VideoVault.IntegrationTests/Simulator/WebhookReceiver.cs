using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace VideoVault.IntegrationTests.Simulator;

/// <summary>A real Kestrel endpoint on loopback that records every webhook and can fail the first ones.</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<ReceivedWebhook> received = new();
    private int failuresLeft;

    private WebhookReceiver(int failFirst)
    {
        failuresLeft = failFirst;
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        app = builder.Build();
        app.MapPost("/hook", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            var body = await reader.ReadToEndAsync();
            var status = Interlocked.Decrement(ref failuresLeft) >= 0 ? StatusCodes.Status500InternalServerError : StatusCodes.Status200OK;
            var secret = request.Headers.TryGetValue("x-webhook-secret", out var values) ? values.ToString() : null;
            received.Enqueue(new ReceivedWebhook(secret, request.ContentType, body, status));
            return Results.StatusCode(status);
        });
    }

    public Uri Endpoint { get; private set; } = null!;

    public IReadOnlyList<ReceivedWebhook> Received => [.. received];

    /// <summary>Answers 500 to the first <paramref name="failFirst"/> webhooks, then 200.</summary>
    public static async Task<WebhookReceiver> StartAsync(int failFirst = 0)
    {
        var receiver = new WebhookReceiver(failFirst);
        await receiver.app.StartAsync();
        receiver.Endpoint = new Uri(new Uri(receiver.app.Urls.Single()), "/hook");
        return receiver;
    }

    /// <summary>Waits until at least <paramref name="count"/> webhooks (any answer) arrived.</summary>
    public async Task<IReadOnlyList<ReceivedWebhook>> WaitForAsync(int count)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (received.Count < count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"Only {received.Count} of {count} webhooks arrived.");
            await Task.Delay(20);
        }

        return Received;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}

public sealed record ReceivedWebhook(string? Secret, string? ContentType, string Body, int AnsweredStatus)
{
    public JsonElement Root => JsonDocument.Parse(Body).RootElement;

    public string Status => Root.GetProperty("data").GetProperty("status").GetString()!;
}
