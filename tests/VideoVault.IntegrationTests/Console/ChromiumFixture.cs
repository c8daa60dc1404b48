using Microsoft.Playwright;
using VideoVault.IntegrationTests.Infrastructure;

namespace VideoVault.IntegrationTests.Console;

/// <summary>
/// Debian's Chromium, headless, driven by Playwright (which cannot download its own browsers here). One browser
/// for the class; each test opens its own context, so no state leaks between them.
/// </summary>
public sealed class ChromiumFixture : IAsyncLifetime
{
    public const string ExecutableVariable = "VIDEOVAULT_CHROMIUM";

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>TestResults/console under the repository: where a run's screenshots are kept.</summary>
    public static string ArtifactsFolder { get; } = Directory.CreateDirectory(Path.Combine(RepositoryRoot.Find(), "TestResults", "console")).FullName;

    public async Task InitializeAsync()
    {
        var executable = Environment.GetEnvironmentVariable(ExecutableVariable) is { Length: > 0 } configured ? configured : "/usr/bin/chromium";
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException($"No Chromium at {executable}: run scripts/ensure-chromium.sh, or set {ExecutableVariable}.");
        }

        _playwright = await Playwright.CreateAsync();

        // As root (CI) Chromium's sandbox cannot start; the pages it loads are the tests' own, on loopback.
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = executable,
            Headless = true,
            Args = ["--no-sandbox", "--disable-dev-shm-usage", "--autoplay-policy=no-user-gesture-required"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}
