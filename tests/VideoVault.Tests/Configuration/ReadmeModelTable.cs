using System.Globalization;
using VideoVault.Catalog;

namespace VideoVault.Tests.Configuration;

/// <summary>The README's model table as the catalog says it should be: one row per built-in entry, disabled ones included.</summary>
internal static class ReadmeModelTable
{
    public const string Start = "<!-- model table: written from the catalog, ReadmeModelTableTests checks it -->";
    public const string End = "<!-- end of model table -->";

    public static string Write(IEnumerable<CatalogEntry> entries) => string.Join('\n',
    [
        "| id | model | task type | inputs (* required) | price (USD) | verified against PiAPI's docs |",
        "| --- | --- | --- | --- | --- | --- |",
        .. entries.Select(entry => $"| `{entry.Id}`{(entry.Enabled ? "" : " (disabled)")} | `{entry.Model}` | `{entry.TaskType}` | {Inputs(entry)} | {Price(entry.Price)} | {Verified(entry)} |"),
    ]);

    private static string Inputs(CatalogEntry entry) => string.Join(", ", entry.Fields.Select(field =>
        field.Pinned
            ? $"`{field.Name}`={string.Join(" or ", field.Allowed!)}"
            : $"`{field.Name}`{(field.Required ? "*" : "")}{Values(field)}"));

    private static string Values(InputField field)
    {
        var values = field.Allowed is { } allowed ? string.Join(" / ", allowed)
            : field.Min is not null || field.Max is not null ? $"{Number(field.Min)}–{Number(field.Max)}"
            : field.Kind switch
            {
                InputKind.Url => "https URL",
                InputKind.UrlList => $"≤ {field.MaxLength} https URLs",
                InputKind.Boolean => "true / false",
                InputKind.Object => "object",
                InputKind.ObjectList => $"≤ {field.MaxLength} objects",
                _ => null,
            };
        return values is null ? "" : $" ({values})";
    }

    private static string Price(ModelPrice? price)
    {
        if (price is null)
        {
            return "unknown";
        }

        var unit = price.Unit == PriceUnit.PerSecond ? "/s" : " per call";
        var rules = price.Rules.Select(rule => $"{Usd(rule.Usd)}{unit} with {string.Join(", ", rule.When.Select(condition => $"{condition.Key}={condition.Value}"))}");
        return string.Join("; ", [$"{Usd(price.Usd)}{unit}", .. rules]);
    }

    private static string Verified(CatalogEntry entry) =>
        entry.Unverified.Count == 0 ? "yes" : $"unverified: {string.Join("; ", entry.Unverified).Replace("|", "\\|", StringComparison.Ordinal)}";

    private static string Usd(decimal usd) => "$" + usd.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Number(double? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";
}
