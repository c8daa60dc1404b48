using System.Net;
using System.Text.Json;
using VideoVault.Events.Receivers;
using VideoVault.IntegrationTests.Infrastructure;
using VideoVault.IntegrationTests.Stack;

namespace VideoVault.IntegrationTests.Events;

/// <summary>A receiver whose deliveries all fail for <c>Events:PauseAfter</c> is paused: its events are held, listed with the last error, and sent on resume.</summary>
public sealed class ReceiverPauseTests(AzuriteFixture azurite) : StackTest(azurite)
{
    /// <summary>Paused at the second failure, the first having started the run.</summary>
    protected override void Configure(StackSettings settings) => settings.Configuration["Events:PauseAfter"] = "00:00:00.001";

    [Fact]
    public async Task A_receiver_failing_for_PauseAfter_is_paused_its_events_held_and_a_resume_sends_them()
    {
        var endpoint = $"down-{Guid.NewGuid():N}";
        var url = Stack.ConsumerUrl(endpoint, "fail=2&status=503");
        var id = Id(await Stack.SubmitAsync(TestStack.SubmitBody(Prompt(), url)));
        await Stack.WaitForTerminalAsync(id);

        var held = await Stack.WaitForEventsAsync(id, 3, TestStack.Settled);
        Assert.Contains(held, e => e.GetProperty("webhook").GetProperty("state").GetString() == "paused");
        using var paused = JsonDocument.Parse(await Stack.Api.GetStringAsync("api/receivers?state=paused"));
        var receiver = Assert.Single(paused.RootElement.GetProperty("receivers").EnumerateArray(), r => r.GetProperty("key").GetString() == ReceiverUrl.Key(url));
        Assert.Equal(ReceiverUrl.Normalise(url), receiver.GetProperty("url").GetString());
        Assert.DoesNotContain("fail=", receiver.GetProperty("url").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("HTTP 503", receiver.GetProperty("last_error").GetString());
        var attemptsWhilePaused = Stack.Consumer.For(endpoint).Count;

        using var response = await Stack.Api.PostAsync($"api/receivers/{ReceiverUrl.Key(url)}/resume", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var result = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(held.Count(e => e.GetProperty("webhook").GetProperty("state").GetString() == "paused"), result.RootElement.GetProperty("queued").GetInt32());
        await Stack.WaitForEventsAsync(id, 3, e => e.GetProperty("webhook").GetProperty("state").GetString() == "delivered", TimeSpan.FromSeconds(15));
        Assert.Equal(3, ConsumerDeliveries.FirstAccepted(Stack.Consumer.For(endpoint)).Count);
        Assert.True(attemptsWhilePaused <= 3, $"{attemptsWhilePaused} attempts reached the receiver before it was paused");
        using var active = JsonDocument.Parse(await Stack.Api.GetStringAsync("api/receivers?state=paused"));
        Assert.DoesNotContain(active.RootElement.GetProperty("receivers").EnumerateArray(), r => r.GetProperty("key").GetString() == ReceiverUrl.Key(url));
    }
}
