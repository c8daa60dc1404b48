namespace VideoVault.Benchmarks.Archive;

/// <summary>Per size: each variant's median throughput and worst memory, and the archiver's ratio to the limit.</summary>
internal sealed record ArchiveFigures(long Size, IReadOnlyList<VariantFigures> Variants, double ArchiverToLimitRatio)
{
    public static ArchiveFigures From(long size, IReadOnlyList<CopyRun> runs)
    {
        var variants = runs.GroupBy(r => r.Variant).Select(g => new VariantFigures(
            g.Key,
            Median(g.Select(r => r.MegabytesPerSecond)),
            g.Max(r => r.PeakRssGrowthBytes),
            g.Max(r => r.AllocatedBytes),
            g.Count())).ToList();
        double Throughput(string name) => variants.Single(v => v.Variant == name).MegabytesPerSecond;
        return new ArchiveFigures(size, variants, Throughput("archiver") / Throughput("limit"));
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}

internal sealed record VariantFigures(string Variant, double MegabytesPerSecond, long PeakRssGrowthBytes, long AllocatedBytes, int Runs);
