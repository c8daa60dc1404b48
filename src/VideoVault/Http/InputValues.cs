using System.Text.Json;
using VideoVault.Catalog;

namespace VideoVault.Http;

/// <summary>
/// The catalog writes allowed and default values as JSON scalars without quotes (<c>4</c>, <c>8s</c>, <c>true</c>);
/// callers get them as the JSON type the field takes, so Sora's duration <c>4</c> is a number and Veo's <c>"8s"</c> a string.
/// </summary>
internal static class InputValues
{
    public static JsonElement Typed(InputField field, string value)
    {
        var expected = field.Kind switch
        {
            InputKind.Integer or InputKind.Number => JsonValueKind.Number,
            InputKind.Boolean => value == "true" ? JsonValueKind.True : JsonValueKind.False,
            _ => JsonValueKind.String,
        };
        if (expected != JsonValueKind.String && TryParse(value) is { } parsed && parsed.ValueKind == expected)
        {
            return parsed;
        }

        // A string field, or an operator's value that is not of the field's type: shown as written.
        return JsonSerializer.SerializeToElement(value, ModelsJsonContext.Default.String);
    }

    /// <summary>Characters a string or URL may have (URLs have a cap even when the entry names none), or null.</summary>
    public static int? MaxLength(InputField field) => field.Kind switch
    {
        InputKind.Url => field.MaxLength ?? InputField.DefaultMaxUrlLength,
        InputKind.String => field.MaxLength,
        _ => null,
    };

    /// <summary>Items a list may have, or null.</summary>
    public static int? MaxItems(InputField field) => field.Kind is InputKind.UrlList or InputKind.ObjectList ? field.MaxLength : null;

    /// <summary>The kind's name as the API writes it: <c>string</c>, <c>url_list</c>, ...</summary>
    public static string TypeName(InputKind kind) => JsonNamingPolicy.SnakeCaseLower.ConvertName(kind.ToString());

    private static JsonElement? TryParse(string value)
    {
        try
        {
            return JsonElement.Parse(value);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
