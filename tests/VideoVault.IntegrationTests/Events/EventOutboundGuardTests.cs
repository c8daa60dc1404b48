using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using VideoVault.Events;
using VideoVault.IntegrationTests.Infrastructure;
using VideoVault.IntegrationTests.Stack;

namespace VideoVault.IntegrationTests.Events;

/// <summary>Deliveries connect the way the archive download does: no private addresses unless allow-listed, no redirects, a short prefix of any answer.</summary>
public sealed class EventOutboundGuardTests(AzuriteFixture azurite) : StackTest(azurite)
{
    [Fact]
    public async Task A_name_that_resolves_to_loopback_is_refused_on_connect_and_not_retried()
    {
        // https and a name pass the submit checks; "localhost" resolves to loopback and is not allow-listed (127.0.0.1 is).
        var id = Id(await Stack.SubmitAsync(TestStack.SubmitBody(Prompt("[sim:fail]"), new Uri("https://localhost:9/hooks"), TaskEventTypes.Failed)));
        await Stack.WaitForTerminalAsync(id);

        var events = await Stack.WaitForEventsAsync(id, 3, TestStack.Settled);

        var webhook = events[2].GetProperty("webhook");
        Assert.Equal(("failed", 1), (webhook.GetProperty("state").GetString(), webhook.GetProperty("attempts").GetInt32()));
        Assert.StartsWith("Refused: the host resolves only to loopback", webhook.GetProperty("history")[0].GetProperty("error").GetString());
    }

    [Fact]
    public async Task A_redirect_is_a_failed_attempt_and_is_not_followed()
    {
        var target = $"redirect-target-{Guid.NewGuid():N}";
        await using var receiver = await Receiver.StartAsync(context =>
        {
            context.Response.StatusCode = StatusCodes.Status307TemporaryRedirect;
            context.Response.Headers.Location = Stack.ConsumerUrl(target).AbsoluteUri;
            return Task.CompletedTask;
        });
        var id = Id(await Stack.SubmitAsync(TestStack.SubmitBody(Prompt("[sim:fail]"), receiver.Url, TaskEventTypes.Failed)));
        await Stack.WaitForTerminalAsync(id);

        var events = await Stack.WaitForEventsAsync(id, 3, TestStack.Settled);

        var history = events[2].GetProperty("webhook").GetProperty("history").EnumerateArray().ToList();
        Assert.Equal(5, history.Count);
        Assert.All(history, h => Assert.Equal(307, h.GetProperty("status").GetInt32()));
        Assert.Empty(Stack.Consumer.For(target));
    }

    [Fact]
    public async Task Only_a_short_prefix_of_a_receivers_answer_is_read_and_kept()
    {
        await using var receiver = await Receiver.StartAsync(async context =>
        {
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            var chunk = new byte[1024 * 1024];
            Array.Fill(chunk, (byte)'x');

            // A megabyte of error page that never ends: a sender reading it to the end would wait out its response timeout.
            await context.Response.Body.WriteAsync(chunk, context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        });
        var id = Id(await Stack.SubmitAsync(TestStack.SubmitBody(Prompt("[sim:fail]"), receiver.Url, TaskEventTypes.Failed)));
        await Stack.WaitForTerminalAsync(id);

        var events = await Stack.WaitForEventsAsync(id, 3, TestStack.Settled);

        var history = events[2].GetProperty("webhook").GetProperty("history").EnumerateArray().ToList();
        Assert.Equal(5, history.Count);
        Assert.All(history, h => Assert.Equal(500, h.GetProperty("status").GetInt32()));
        Assert.All(history, h => Assert.InRange(h.GetProperty("error").GetString()!.Length, 10, 301));
        Assert.StartsWith("HTTP 500: xxxx", history[0].GetProperty("error").GetString());
        Assert.All(history, h => Assert.True(h.GetProperty("duration_ms").GetInt32() < 1500, $"an attempt took {h.GetProperty("duration_ms")} ms: it read on past the prefix"));
    }

    /// <summary>A loopback receiver with one handler, for answers the simulator's receiver does not give.</summary>
    private sealed class Receiver(WebApplication app, Uri url) : IAsyncDisposable
    {
        public Uri Url { get; } = url;

        public static async Task<Receiver> StartAsync(RequestDelegate handle)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            var app = builder.Build();
            app.MapPost("/hook", handle);
            await app.StartAsync();
            return new Receiver(app, new Uri(new Uri(app.Urls.Single()), "/hook"));
        }

        public async ValueTask DisposeAsync() => await app.DisposeAsync();
    }
}
