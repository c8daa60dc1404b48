namespace VideoVault.Catalog;

/// <summary>Shorthands that keep the entries readable.</summary>
internal static partial class BuiltInModels
{
    private static InputField Prompt(int maxLength) => new(PromptField, InputKind.String) { Required = true, MaxLength = maxLength };

    private static InputField Text(string name, int maxLength) => new(name, InputKind.String) { MaxLength = maxLength };

    private static InputField Choice(string name, IEnumerable<string> allowed) => new(name, InputKind.String) { Allowed = [.. allowed] };

    private static InputField Pin(string name, params string[] values) => new(name, InputKind.String) { Allowed = values, Pinned = true, Required = true };

    private static InputField Url(string name) => new(name, InputKind.Url) { MaxLength = InputField.DefaultMaxUrlLength };

    private static InputField UrlList(string name, int maxItems) => new(name, InputKind.UrlList) { MaxLength = maxItems };

    private static ModelPrice PerSecond(decimal usd, params PriceRule[] rules) => new(PriceUnit.PerSecond, usd) { Rules = rules };

    private static PriceRule Rule(decimal usd, params (string Field, string Value)[] when) =>
        new(when.ToDictionary(condition => condition.Field, condition => condition.Value, StringComparer.Ordinal), usd);
}
