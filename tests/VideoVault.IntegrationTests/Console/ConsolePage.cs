using Microsoft.Playwright;

namespace VideoVault.IntegrationTests.Console;

/// <summary>
/// One console tab, with everything the browser reports as an error kept: console errors, uncaught exceptions
/// and failed requests. A test ends by asserting there were none.
/// </summary>
public sealed class ConsolePage : IAsyncDisposable
{
    private readonly IBrowserContext _context;
    private readonly List<string> _errors = [];

    private ConsolePage(IBrowserContext context, IPage page)
    {
        _context = context;
        Page = page;
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                Record($"console: {message.Text} ({message.Location})");
            }
        };
        page.PageError += (_, error) => Record($"uncaught: {error}");
        page.RequestFailed += (_, request) => Record($"request failed: {request.Method} {request.Url} ({request.Failure})");
    }

    public IPage Page { get; }

    public IReadOnlyList<string> Errors
    {
        get
        {
            lock (_errors)
            {
                return [.. _errors];
            }
        }
    }

    public static async Task<ConsolePage> OpenAsync(ChromiumFixture chromium, Uri devHost, string fragment = "")
    {
        var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1440, Height = 900 } });
        var page = await context.NewPageAsync();
        var console = new ConsolePage(context, page);
        await page.GotoAsync(new Uri(devHost, "/api/console" + fragment).AbsoluteUri);
        return console;
    }

    public ILocator Row(string taskId) => Page.Locator($"#task-rows tr[data-task-id='{taskId}']");

    public ILocator DetailStatus => Page.Locator("#detail h2 .status");

    /// <summary>Waits for the list to show <paramref name="taskId"/>, reloading it with the page's own Refresh button.</summary>
    public async Task WaitForRowAsync(string taskId)
    {
        for (var attempt = 0; await Row(taskId).CountAsync() == 0; attempt++)
        {
            Assert.True(attempt < 20, $"Task {taskId} never appeared in the list.");
            await Page.ClickAsync("#refresh");
            await Page.WaitForTimeoutAsync(250);
        }
    }

    public async Task ScreenshotAsync(string name) =>
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ChromiumFixture.ArtifactsFolder, $"{name}.png"), FullPage = true });

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();

    private void Record(string error)
    {
        lock (_errors)
        {
            _errors.Add(error);
        }
    }
}
