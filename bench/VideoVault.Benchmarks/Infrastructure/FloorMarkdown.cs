using System.Globalization;
using System.Text;

namespace VideoVault.Benchmarks.Infrastructure;

/// <summary>The tables the webhook and submit sections share: what a request cost on each side, and the storage requests it issued.</summary>
internal static class FloorMarkdown
{
    /// <summary>A section: its heading and text, the table of loads (header row, then one row per level), the costs and the storage requests.</summary>
    public static string Section(string heading, string text, string header, IEnumerable<string> rows, string costs, string operations)
    {
        var md = new StringBuilder();
        md.AppendLine($"\n## {heading}\n");
        md.AppendLine(text + "\n");
        md.AppendLine(header);
        md.AppendLine(string.Join(" | ", header.Split('|', StringSplitOptions.RemoveEmptyEntries).Select((_, column) => column == 0 ? "| ---:" : "---:")) + " |");
        foreach (var row in rows)
        {
            md.AppendLine(row);
        }

        return md + costs + operations;
    }

    /// <param name="levels">Per concurrency, the product's load and its floor's.</param>
    public static string Costs(IEnumerable<(int Concurrency, MeteredLoad Product, MeteredLoad Floor)> levels, string what)
    {
        var md = new StringBuilder();
        md.AppendLine(Invariant($"\nWhat {what} cost while its phase ran, product / floor: managed bytes allocated per request and the peak growth of the resident set (this process: load generator, dev host and SDK clients alike), CPU time per request of this process and of Azurite:\n"));
        md.AppendLine("| concurrency | allocated KiB | peak RSS growth MiB | CPU ms, this process | CPU ms, Azurite |");
        md.AppendLine("| ---: | ---: | ---: | ---: | ---: |");
        foreach (var (concurrency, product, floor) in levels)
        {
            md.AppendLine(Invariant($"| {concurrency} | {product.AllocatedBytesPerRequest / 1024.0:F1} / {floor.AllocatedBytesPerRequest / 1024.0:F1} | {product.PeakRssGrowthBytes / 1_048_576.0:F1} / {floor.PeakRssGrowthBytes / 1_048_576.0:F1} | {product.CpuMsPerRequest:F2} / {floor.CpuMsPerRequest:F2} | {product.AzuriteCpuMsPerRequest:F2} / {floor.AzuriteCpuMsPerRequest:F2} |"));
        }

        return md.ToString();
    }

    public static string Operations(CountedOperations operations, string what)
    {
        var md = new StringBuilder();
        md.AppendLine(Invariant($"\nStorage requests per {what}, counted from the SDKs' own request events over {operations.Counted} of them one after another, background work included (the dev host's polling of its work queue left out):\n"));
        md.AppendLine("| request | product | floor |");
        md.AppendLine("| --- | ---: | ---: |");
        foreach (var kind in operations.Kinds)
        {
            md.AppendLine(Invariant($"| {kind} | {operations.Product.GetValueOrDefault(kind):F2} | {operations.Floor.GetValueOrDefault(kind):F2} |"));
        }

        md.AppendLine(Invariant($"| all | {operations.ProductTotal:F2} | {operations.FloorTotal:F2} |"));
        return md.ToString();
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
