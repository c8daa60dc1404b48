using System.Globalization;
using System.Text.Json;

namespace VideoVault.Catalog;

/// <summary>What a task is expected to cost, from its entry's price and its input (PiAPI's defaults where a field is left out).</summary>
internal static class PriceEstimator
{
    /// <returns>US dollars, or null when the entry's price is unknown or the seconds cannot be told.</returns>
    public static decimal? Estimate(CatalogEntry entry, JsonElement input)
    {
        if (entry.Price is not { } price)
        {
            return null;
        }

        var unit = price.Rules.FirstOrDefault(rule => rule.When.All(condition => Value(entry, input, condition.Key) == condition.Value))?.Usd ?? price.Usd;
        if (price.Unit == PriceUnit.PerCall)
        {
            return unit;
        }

        return Seconds(Value(entry, input, price.DurationField)) is { } seconds ? unit * seconds : null;
    }

    /// <summary>Seconds from an integer duration or a string such as Veo's <c>"8s"</c>.</summary>
    public static int? Seconds(string? duration) =>
        duration is null ? null
        : int.TryParse(duration.EndsWith('s') ? duration[..^1] : duration, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) ? seconds
        : null;

    private static string? Value(CatalogEntry entry, JsonElement input, string name) =>
        input.ValueKind == JsonValueKind.Object && input.TryGetProperty(name, out var value) && InputValidator.Scalar(value) is { } given
            ? given
            : entry.Field(name)?.Default;
}
