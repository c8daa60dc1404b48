namespace VideoVault.Benchmarks.Archive;

/// <summary>
/// Per size: each variant's median throughput and worst memory, and the archiver's throughput against
/// the SDK's own upload and against the limit, all at <see cref="BlockSize"/> with <see cref="Concurrency"/> blocks in flight.
/// </summary>
internal sealed record ArchiveFigures(
    long Size,
    int BlockSize,
    int Concurrency,
    IReadOnlyList<VariantFigures> Variants,
    double ArchiverToSdkUploadRatio,
    double ArchiverToLimitRatio)
{
    public static ArchiveFigures From(long size, TransferShape shape, IReadOnlyList<CopyRun> runs)
    {
        var variants = runs.GroupBy(r => r.Variant).Select(g => new VariantFigures(
            g.Key,
            Median(g.Select(r => r.MegabytesPerSecond)),
            g.Max(r => r.PeakRssGrowthBytes),
            g.Max(r => r.AllocatedBytes),
            g.Count())).ToList();
        double Throughput(CopyVariant variant) => variants.Single(v => v.Variant == variant.Name()).MegabytesPerSecond;
        var archiver = Throughput(CopyVariant.Archiver);
        return new ArchiveFigures(size, shape.BlockSize, shape.Concurrency, variants, archiver / Throughput(CopyVariant.SdkUpload), archiver / Throughput(CopyVariant.Limit));
    }

    public VariantFigures Variant(CopyVariant variant) => Variants.Single(v => v.Variant == variant.Name());

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}

internal sealed record VariantFigures(string Variant, double MegabytesPerSecond, long PeakRssGrowthBytes, long AllocatedBytes, int Runs);
