using System.Globalization;
using System.Text.Json;

namespace VideoVault.PiApiSimulator.Families;

/// <summary>
/// One field a family's <c>input</c> takes: its JSON type, whether it is required, and the values or range the vendor
/// facts give. <see cref="Check"/> answers the refusal message PiAPI-style (naming <c>input.&lt;name&gt;</c>), or null.
/// A wrong JSON type reads "invalid request body: ...", as a typed decoder would fail on it.
/// </summary>
internal sealed record InputField(string Name, FieldKind Kind)
{
    public bool Required { get; init; }

    /// <summary>Allowed string values (text fields) or whole numbers (integer fields); null means any.</summary>
    public IReadOnlyList<string>? Allowed { get; init; }

    public double? Minimum { get; init; }

    public double? Maximum { get; init; }

    /// <summary>Longest text, in characters; for URL lists, the most items.</summary>
    public int? MaxLength { get; init; }

    public static InputField Text(string name, bool required = false, int? maxLength = null) =>
        new(name, FieldKind.Text) { Required = required, MaxLength = maxLength };

    public static InputField OneOf(string name, params string[] allowed) => new(name, FieldKind.Text) { Allowed = allowed };

    public static InputField Integer(string name, long minimum, long maximum) =>
        new(name, FieldKind.Integer) { Minimum = minimum, Maximum = maximum };

    public static InputField IntegerOneOf(string name, params long[] allowed) =>
        new(name, FieldKind.Integer) { Allowed = [.. allowed.Select(value => value.ToString(CultureInfo.InvariantCulture))] };

    public static InputField Number(string name, double minimum, double maximum) =>
        new(name, FieldKind.Number) { Minimum = minimum, Maximum = maximum };

    public static InputField Flag(string name) => new(name, FieldKind.Boolean);

    public static InputField Url(string name) => new(name, FieldKind.Url);

    public static InputField Urls(string name, int maxItems) => new(name, FieldKind.UrlList) { MaxLength = maxItems };

    public static InputField Object(string name) => new(name, FieldKind.Object);

    public static InputField Shots(string name) => new(name, FieldKind.Shots);

    /// <returns>Null when <paramref name="value"/> is acceptable, else the refusal message.</returns>
    public string? Check(JsonElement value) => Kind switch
    {
        FieldKind.Text => CheckText(value),
        FieldKind.Integer => CheckInteger(value),
        FieldKind.Number => value.ValueKind == JsonValueKind.Number ? CheckRange(value.GetDouble()) : TypeError("a number"),
        FieldKind.Boolean => value.ValueKind is JsonValueKind.True or JsonValueKind.False ? null : TypeError("true or false"),
        FieldKind.Url => value.ValueKind == JsonValueKind.String ? CheckUrl(value.GetString()!, $"input.{Name}") : TypeError("a string"),
        FieldKind.UrlList => CheckUrlList(value),
        FieldKind.Object => value.ValueKind == JsonValueKind.Object ? null : TypeError("an object"),
        FieldKind.Shots => CheckShots(value),
        _ => throw new InvalidOperationException($"Unknown field kind {Kind}."),
    };

    private string? CheckText(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            return TypeError(Allowed is { } examples ? $"a string such as \"{examples[0]}\"" : "a string");
        }

        var text = value.GetString()!;
        return Allowed is { } allowed && !allowed.Contains(text, StringComparer.Ordinal) ? $"input.{Name} must be one of: {string.Join(", ", allowed)}"
            : Required && string.IsNullOrWhiteSpace(text) ? $"input.{Name} is required"
            : text.Length > MaxLength ? $"input.{Name} must be at most {MaxLength} characters"
            : null;
    }

    private string? CheckInteger(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var number))
        {
            return TypeError("an integer");
        }

        return Allowed is { } allowed && !allowed.Contains(number.ToString(CultureInfo.InvariantCulture), StringComparer.Ordinal)
            ? $"input.{Name} must be one of: {string.Join(", ", allowed)}"
            : CheckRange(number);
    }

    private string? CheckRange(double number) =>
        number < Minimum || number > Maximum ? $"input.{Name} must be from {Minimum} to {Maximum}" : null;

    private string? CheckUrlList(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(item => item.ValueKind != JsonValueKind.String))
        {
            return TypeError("an array of strings");
        }

        return value.GetArrayLength() > MaxLength
            ? $"input.{Name} takes at most {MaxLength} URLs"
            : value.EnumerateArray().Select((item, index) => CheckUrl(item.GetString()!, $"input.{Name}[{index}]")).FirstOrDefault(problem => problem is not null);
    }

    private string? CheckShots(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            return TypeError("an array of {duration, prompt} objects");
        }

        var index = 0;
        foreach (var shot in value.EnumerateArray())
        {
            var path = $"input.{Name}[{index++}]";
            if (shot.ValueKind != JsonValueKind.Object
                || !shot.TryGetProperty("duration", out var duration) || duration.ValueKind != JsonValueKind.Number || !duration.TryGetInt32(out var seconds)
                || !shot.TryGetProperty("prompt", out var prompt) || prompt.ValueKind != JsonValueKind.String)
            {
                return $"invalid request body: {path} must be an object with an integer duration and a string prompt";
            }

            if (seconds <= 0 || string.IsNullOrWhiteSpace(prompt.GetString()))
            {
                return $"{path} needs a positive duration and a prompt";
            }

            if (shot.EnumerateObject().Select(property => property.Name).FirstOrDefault(name => name is not ("duration" or "prompt")) is { } extra)
            {
                return $"{path}.{extra} is not accepted";
            }
        }

        return null;
    }

    private static string? CheckUrl(string text, string path) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? null
            : $"{path} must be an absolute http(s) URL";

    private string TypeError(string expected) => $"invalid request body: input.{Name} must be {expected}";
}

internal enum FieldKind
{
    Text,
    Integer,
    Number,
    Boolean,
    Url,
    UrlList,
    Object,
    Shots,
}
