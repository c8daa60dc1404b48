using System.Text.Json;
using VideoVault.Catalog;
using VideoVault.Tests.Fakes;

namespace VideoVault.Tests.Catalog;

/// <summary>Prices from the vendor's tables: per second by input, per call, defaults for what is left out.</summary>
public sealed class PriceEstimatorTests
{
    [Theory]
    [InlineData("sora2-pro-video", """{"prompt":"x","duration":12}""", "2.88")]
    [InlineData("sora2-video", """{"prompt":"x"}""", "0.32")]
    [InlineData("veo3.1-video", """{"prompt":"x","duration":"8s","generate_audio":false}""", "0.96")]
    [InlineData("veo3.1-video", """{"prompt":"x"}""", "1.92")]
    [InlineData("veo3-video-fast", """{"prompt":"x","duration":"4s","generate_audio":true}""", "0.36")]
    [InlineData("kling-3.0", """{"version":"3.0","prompt":"x","duration":10,"mode":"pro","enable_audio":true}""", "2.00")]
    [InlineData("kling-3.0", """{"version":"3.0","prompt":"x"}""", "0.50")]
    [InlineData("kling-3.0-omni", """{"version":"3.0","prompt":"x","duration":3,"resolution":"1080p","enable_audio":true}""", "0.90")]
    [InlineData("seedance-2", """{"prompt":"x","duration":10,"resolution":"1080p"}""", "5.00")]
    [InlineData("seedance-2-fast", """{"prompt":"x","duration":5}""", "0.80")]
    [InlineData("hailuo-s2v-01", """{"model":"s2v-01","prompt":"x"}""", "0.30")]
    public void The_estimate_follows_the_price_table(string entry, string input, string usd) =>
        Assert.Equal(decimal.Parse(usd, System.Globalization.CultureInfo.InvariantCulture), PriceEstimator.Estimate(TestCatalog.Default.Find(entry)!, JsonElement.Parse(input)));

    [Theory]
    [InlineData("luma")]
    [InlineData("kling-legacy")]
    public void An_unknown_price_gives_no_estimate(string entry) =>
        Assert.Null(PriceEstimator.Estimate(TestCatalog.Default.Find(entry)!, JsonElement.Parse("""{"prompt":"x"}""")));

    [Theory]
    [InlineData("8s", 8)]
    [InlineData("12", 12)]
    [InlineData("eight", null)]
    [InlineData("-4", null)]
    public void Seconds_read_integers_and_veo_strings(string duration, int? seconds) => Assert.Equal(seconds, PriceEstimator.Seconds(duration));
}
