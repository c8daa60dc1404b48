namespace VideoVault.Tests.PiApi;

/// <summary>A clock stopped at one instant, for answers that depend on "now" (Retry-After dates).</summary>
internal sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
