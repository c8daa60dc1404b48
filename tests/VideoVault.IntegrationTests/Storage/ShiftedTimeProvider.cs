namespace VideoVault.IntegrationTests.Storage;

/// <summary>The system clock moved by a fixed offset, to mint tokens that are already expired.</summary>
internal sealed class ShiftedTimeProvider(TimeSpan offset) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + offset;
}
