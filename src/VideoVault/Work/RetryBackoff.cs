using Microsoft.Extensions.Options;

namespace VideoVault.Work;

/// <summary>Exponential backoff with "equal jitter": half the delay is fixed, half random, so retries of many tasks spread out.</summary>
internal sealed class RetryBackoff(IOptions<VideoVaultOptions> options)
{
    public TimeSpan DelayFor(int attempt, TimeSpan? serverHint = null)
    {
        var settings = options.Value;
        var exponential = settings.RetryBaseDelay.TotalMilliseconds * Math.Pow(2, Math.Clamp(attempt - 1, 0, 30));
        var capped = Math.Min(exponential, settings.RetryMaxDelay.TotalMilliseconds);
        var delay = TimeSpan.FromMilliseconds((capped / 2) + (Random.Shared.NextDouble() * capped / 2));
        return serverHint is { } hint && hint > delay ? Min(hint, settings.RetryMaxDelay) : delay;
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
