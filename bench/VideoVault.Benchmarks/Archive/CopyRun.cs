using System.Text.Json.Serialization;

namespace VideoVault.Benchmarks.Archive;

/// <summary>One copy, measured in its own process so memory figures are not polluted by earlier runs.</summary>
internal sealed record CopyRun(
    [property: JsonPropertyName("variant")] string Variant,
    [property: JsonPropertyName("bytes")] long Bytes,
    [property: JsonPropertyName("seconds")] double Seconds,
    [property: JsonPropertyName("peak_rss_growth_bytes")] long PeakRssGrowthBytes,
    [property: JsonPropertyName("allocated_bytes")] long AllocatedBytes)
{
    public double MegabytesPerSecond => Bytes / 1e6 / Seconds;
}

[JsonSerializable(typeof(CopyRun))]
internal sealed partial class CopyRunJsonContext : JsonSerializerContext;
