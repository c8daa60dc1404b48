namespace VideoVault.Tests.Storage;

/// <summary>A clock stopped at one instant, so signatures and SAS times are reproducible.</summary>
internal sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
