using Microsoft.Playwright;

namespace VideoVault.IntegrationTests.Infrastructure;

/// <summary>
/// Debian's Chromium, headless, for the browser tests and the console benchmark: Playwright cannot download its
/// own browsers here, so it drives the one scripts/ensure-chromium.sh installs (or the one VIDEOVAULT_CHROMIUM names).
/// </summary>
public static class DebianChromium
{
    public const string ExecutableVariable = "VIDEOVAULT_CHROMIUM";

    /// <param name="extraArguments">Chromium switches beyond the ones every run needs.</param>
    public static Task<IBrowser> LaunchAsync(IPlaywright playwright, params string[] extraArguments)
    {
        var executable = Environment.GetEnvironmentVariable(ExecutableVariable) is { Length: > 0 } configured ? configured : "/usr/bin/chromium";
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException($"No Chromium at {executable}: run scripts/ensure-chromium.sh, or set {ExecutableVariable}.");
        }

        // As root (CI) Chromium's sandbox cannot start; the pages it loads are the project's own, on loopback.
        return playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = executable,
            Headless = true,
            Args = ["--no-sandbox", "--disable-dev-shm-usage", .. extraArguments],
        });
    }
}
