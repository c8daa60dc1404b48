using Microsoft.Playwright;
using VideoVault.IntegrationTests.Infrastructure;

namespace VideoVault.IntegrationTests.Console;

/// <summary>
/// One <see cref="DebianChromium"/> for the class; each test opens its own context, so no state leaks between them.
/// </summary>
public sealed class ChromiumFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>TestResults/console under the repository: where a run's screenshots are kept.</summary>
    public static string ArtifactsFolder { get; } = Directory.CreateDirectory(Path.Combine(RepositoryRoot.Find(), "TestResults", "console")).FullName;

    public async Task InitializeAsync()
    {
        _playwright = await Playwright.CreateAsync();
        Browser = await DebianChromium.LaunchAsync(_playwright, "--autoplay-policy=no-user-gesture-required");
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
