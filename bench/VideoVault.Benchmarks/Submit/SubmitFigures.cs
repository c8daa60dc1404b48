using VideoVault.Benchmarks.Infrastructure;

namespace VideoVault.Benchmarks.Submit;

/// <summary>Submit at each concurrency against its floor, and the storage requests each side issued per submit.</summary>
internal sealed record SubmitFigures(IReadOnlyList<SubmitLevel> Levels, CountedOperations Operations);

internal sealed record SubmitLevel(int Concurrency, MeteredLoad VideoVault, MeteredLoad Floor)
{
    public double Ratio => VideoVault.Load.PerSecond / Floor.Load.PerSecond;

    public double OverheadP50Ms => VideoVault.Load.P50Ms - Floor.Load.P50Ms;

    public double OverheadP99Ms => VideoVault.Load.P99Ms - Floor.Load.P99Ms;
}
