using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace VideoVault.Catalog;

/// <summary>
/// Checks a request's <c>input</c> against a catalog entry, field by field, and writes the input PiAPI gets: the
/// entry's fields only, strings trimmed, in the entry's order (so equal requests give equal bytes).
/// </summary>
internal static class InputValidator
{
    /// <returns>The input object as JSON, or null when <paramref name="errors"/> gained a problem.</returns>
    public static string? Validate(CatalogEntry entry, JsonElement input, Dictionary<string, string[]> errors)
    {
        var before = errors.Count;
        foreach (var property in input.EnumerateObject())
        {
            if (entry.Field(property.Name) is null)
            {
                errors[$"input.{property.Name}"] = [$"Not an input of {entry.Id} ({entry.Model} / {entry.TaskType}); it takes {string.Join(", ", entry.Fields.Select(field => field.Name))}."];
            }
        }

        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var field in entry.Fields)
            {
                var path = $"input.{field.Name}";
                if (!input.TryGetProperty(field.Name, out var value) || value.ValueKind == JsonValueKind.Null)
                {
                    if (field.Required)
                    {
                        errors[path] = [Required(field)];
                    }

                    continue;
                }

                if (Check(field, value, entry) is { } problem)
                {
                    errors[path] = [problem];
                    continue;
                }

                writer.WritePropertyName(field.Name);
                Write(writer, field, value);
            }

            writer.WriteEndObject();
        }

        return errors.Count > before ? null : System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>A value as <see cref="InputField.Allowed"/> writes it: strings trimmed and unquoted, numbers and booleans as JSON.</summary>
    public static string? Scalar(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!.Trim(),
        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
        _ => null,
    };

    private static string Required(InputField field) =>
        field.Allowed is { } allowed ? $"Required: one of {string.Join(", ", allowed)}." : "Required.";

    private static string? Check(InputField field, JsonElement value, CatalogEntry entry) => field.Kind switch
    {
        InputKind.String => value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(value.GetString())
            ? Expected(field, "a non-empty string", entry)
            : value.GetString()!.Trim().Length > field.MaxLength ? $"At most {field.MaxLength} characters."
            : NotAllowed(field, Scalar(value)!),
        InputKind.Integer => value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var whole)
            ? Expected(field, "a whole number", entry)
            : NotAllowed(field, Scalar(value)!) ?? OutOfRange(field, whole),
        InputKind.Number => value.ValueKind != JsonValueKind.Number
            ? Expected(field, "a number", entry)
            : OutOfRange(field, value.GetDouble()),
        InputKind.Boolean => value.ValueKind is JsonValueKind.True or JsonValueKind.False ? null : Expected(field, "true or false", entry),
        InputKind.Url => UrlProblem(value, field.MaxLength ?? InputField.DefaultMaxUrlLength),
        InputKind.UrlList => ListProblem(field, value, item => UrlProblem(item, InputField.DefaultMaxUrlLength)),
        InputKind.Object => value.ValueKind == JsonValueKind.Object ? null : "Must be a JSON object.",
        InputKind.ObjectList => ListProblem(field, value, item => item.ValueKind == JsonValueKind.Object ? null : "must be a JSON object"),
        _ => throw new ArgumentOutOfRangeException(nameof(field), field.Kind, "Unknown input kind."),
    };

    /// <summary>Names the type the field wants, and for a value of another type says so (Veo's "8s" against an integer elsewhere).</summary>
    private static string Expected(InputField field, string kind, CatalogEntry entry) =>
        field.Allowed is { } allowed
            ? $"Must be {kind}, one of {string.Join(", ", allowed.Select(value => Quoted(field, value)))} for {entry.Id}."
            : $"Must be {kind}.";

    private static string? NotAllowed(InputField field, string value) =>
        field.Allowed is { } allowed && !allowed.Contains(value, StringComparer.Ordinal)
            ? $"Must be one of {string.Join(", ", allowed.Select(item => Quoted(field, item)))}."
            : null;

    private static string? OutOfRange(InputField field, double value) =>
        (field.Min is { } min && value < min) || (field.Max is { } max && value > max)
            ? $"Must be between {field.Min?.ToString(CultureInfo.InvariantCulture) ?? "any"} and {field.Max?.ToString(CultureInfo.InvariantCulture) ?? "any"}."
            : null;

    private static string Quoted(InputField field, string value) => field.Kind == InputKind.String ? $"\"{value}\"" : value;

    private static string? UrlProblem(JsonElement value, int maxLength)
    {
        var text = value.ValueKind == JsonValueKind.String ? value.GetString()!.Trim() : null;
        return text is null || !Uri.TryCreate(text, UriKind.Absolute, out var url) || url.Scheme != Uri.UriSchemeHttps
            ? "Must be an absolute https URL."
            : url.UserInfo.Length > 0 ? "Must not carry credentials (user:password@)."
            : text.Length > maxLength ? $"At most {maxLength} characters."
            : null;
    }

    private static string? ListProblem(InputField field, JsonElement value, Func<JsonElement, string?> item)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            return "Must be an array.";
        }

        var length = value.GetArrayLength();
        if (length > field.MaxLength)
        {
            return $"At most {field.MaxLength} items.";
        }

        var index = 0;
        foreach (var element in value.EnumerateArray())
        {
            if (item(element) is { } problem)
            {
                return $"Item {index}: {problem.TrimEnd('.')}.";
            }

            index++;
        }

        return null;
    }

    private static void Write(Utf8JsonWriter writer, InputField field, JsonElement value)
    {
        switch (field.Kind)
        {
            case InputKind.String or InputKind.Url:
                writer.WriteStringValue(value.GetString()!.Trim());
                break;
            case InputKind.UrlList:
                writer.WriteStartArray();
                foreach (var item in value.EnumerateArray())
                {
                    writer.WriteStringValue(item.GetString()!.Trim());
                }

                writer.WriteEndArray();
                break;
            default:
                value.WriteTo(writer);
                break;
        }
    }
}
