using VideoVault.Events.Receivers;
using VideoVault.IntegrationTests.Infrastructure;
using VideoVault.IntegrationTests.Stack;

namespace VideoVault.IntegrationTests.Console;

/// <summary>The console's receivers in a real Chromium: a paused URL listed with its last error and never its query, resumed from its row.</summary>
[Trait("Category", "Browser")]
public sealed class ConsoleReceiverBrowserTests(AzuriteFixture azurite, ChromiumFixture chromium) : StackTest(azurite), IClassFixture<ChromiumFixture>
{
    /// <summary>Paused at the second failure, the first having started the run.</summary>
    protected override void Configure(StackSettings settings) => settings.Configuration["Events:PauseAfter"] = "00:00:00.001";

    [Fact]
    public async Task A_paused_receiver_is_listed_with_its_last_error_and_resumed_from_its_row()
    {
        var url = Stack.ConsumerUrl($"console-down-{Guid.NewGuid():N}", "fail=2&status=503");
        var id = Id(await Stack.SubmitAsync(TestStack.SubmitBody(Prompt(), url)));
        await Stack.WaitForTerminalAsync(id);
        await Stack.WaitForEventsAsync(id, 3, TestStack.Settled);

        await using var console = await ConsolePage.OpenAsync(chromium, Stack.Api.BaseAddress!);
        var row = console.Page.Locator($"#receiver-rows tr[data-receiver-key='{ReceiverUrl.Key(url)}']");
        await row.WaitForAsync();
        var text = await row.InnerTextAsync();
        await console.ScreenshotAsync("paused-receiver");

        Assert.Contains(ReceiverUrl.Normalise(url), text, StringComparison.Ordinal);
        Assert.DoesNotContain("fail=", text, StringComparison.Ordinal);
        Assert.Contains("HTTP 503", text, StringComparison.Ordinal);
        Assert.Equal("paused", await row.Locator(".status").GetAttributeAsync("data-state"));

        await row.Locator("button.resume").ClickAsync();
        await console.Page.WaitForFunctionAsync("() => document.querySelector('#receivers-message').textContent.includes('queued')");
        await Stack.WaitForEventsAsync(id, 3, e => e.GetProperty("webhook").GetProperty("state").GetString() == "delivered", TimeSpan.FromSeconds(15));
        Assert.Equal("active", await row.Locator(".status").GetAttributeAsync("data-state"));
        Assert.Empty(console.Errors);
    }
}
