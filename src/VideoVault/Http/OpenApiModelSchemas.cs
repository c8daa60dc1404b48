using System.Text.Json;
using System.Text.Json.Nodes;
using VideoVault.Catalog;

namespace VideoVault.Http;

/// <summary>
/// Completes the hand-written OpenAPI document with one submit schema per enabled catalog entry, built from the
/// same entries that validate the request, so the document cannot describe a model or a value the app does not
/// take, and shows the entries an operator adds or disables through settings.
/// </summary>
internal static class OpenApiModelSchemas
{
    /// <summary>The schema extension naming the catalog entry a submit schema describes.</summary>
    public const string EntryExtension = "x-catalog-entry";

    public const string SchemaPrefix = "SubmitRequest.";

    private const string SubmitRequest = "SubmitRequest";

    /// <returns>The document with a <c>SubmitRequest.&lt;id&gt;</c> schema per entry, listed first in <c>SubmitRequest</c>'s <c>oneOf</c>.</returns>
    public static byte[] Complete(ReadOnlySpan<byte> template, IEnumerable<CatalogEntry> enabled)
    {
        var document = JsonNode.Parse(template)!.AsObject();
        var schemas = document["components"]!["schemas"]!.AsObject();
        var choices = schemas[SubmitRequest]!["oneOf"]!.AsArray();
        var position = 0;
        foreach (var entry in enabled)
        {
            var name = SchemaPrefix + Sanitized(entry.Id);
            for (var n = 2; schemas.ContainsKey(name); n++)
            {
                name = $"{SchemaPrefix}{Sanitized(entry.Id)}_{n}";
            }

            schemas[name] = Request(entry);
            choices.Insert(position++, new JsonObject { ["$ref"] = $"#/components/schemas/{name}" });
        }

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            document.WriteTo(writer);
        }

        return buffer.ToArray();
    }

    private static JsonObject Request(CatalogEntry entry)
    {
        var input = new JsonObject
        {
            ["type"] = "object",
            ["additionalProperties"] = false,
            ["properties"] = new JsonObject([.. entry.Fields.Select(field => KeyValuePair.Create(field.Name, (JsonNode?)Field(field)))]),
        };
        if (entry.Fields.Where(field => field.Required).Select(field => (JsonNode?)field.Name).ToArray() is { Length: > 0 } required)
        {
            input["required"] = new JsonArray(required);
        }

        var unverified = entry.Unverified.Count == 0 ? "Verified against the vendor's docs." : $"Unverified: {string.Join("; ", entry.Unverified)}.";
        return new JsonObject
        {
            ["type"] = "object",
            ["title"] = $"{entry.Family} ({entry.Id})",
            ["description"] = $"Catalog entry {entry.Id}. {unverified}",
            [EntryExtension] = entry.Id,
            ["required"] = new JsonArray("model", "task_type", "input"),
            ["properties"] = new JsonObject
            {
                ["model"] = new JsonObject { ["const"] = entry.Model },
                ["task_type"] = new JsonObject { ["const"] = entry.TaskType },
                ["input"] = input,
                ["metadata"] = Reference("SubmitMetadata"),
                ["deadline"] = Reference("SubmitDeadline"),
                ["webhook"] = Reference("WebhookSubscription"),
            },
        };
    }

    /// <summary>The JSON Schema of one input field: what <see cref="InputValidator"/> takes.</summary>
    private static JsonObject Field(InputField field)
    {
        var schema = field.Kind switch
        {
            InputKind.String => new JsonObject { ["type"] = "string", ["minLength"] = 1 },
            InputKind.Integer => new JsonObject { ["type"] = "integer" },
            InputKind.Number => new JsonObject { ["type"] = "number" },
            InputKind.Boolean => new JsonObject { ["type"] = "boolean" },
            InputKind.Url => Url(InputValues.MaxLength(field)!.Value),
            InputKind.UrlList => new JsonObject { ["type"] = "array", ["items"] = Url(InputField.DefaultMaxUrlLength) },
            InputKind.Object => new JsonObject { ["type"] = "object" },
            InputKind.ObjectList => new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["type"] = "object" } },
            _ => throw new ArgumentOutOfRangeException(nameof(field), field.Kind, "Unknown input kind."),
        };
        if (field.Kind == InputKind.String && field.MaxLength is { } maxLength)
        {
            schema["maxLength"] = maxLength;
        }

        if (InputValues.MaxItems(field) is { } maxItems)
        {
            schema["maxItems"] = maxItems;
        }

        if (field.Allowed is { } allowed)
        {
            schema["enum"] = new JsonArray([.. allowed.Select(value => (JsonNode?)JsonSerializer.SerializeToNode(InputValues.Typed(field, value), ModelsJsonContext.Default.JsonElement))]);
        }

        if (field.Min is { } min)
        {
            schema["minimum"] = min;
        }

        if (field.Max is { } max)
        {
            schema["maximum"] = max;
        }

        if (field.Default is { } value)
        {
            schema["default"] = JsonSerializer.SerializeToNode(InputValues.Typed(field, value), ModelsJsonContext.Default.JsonElement);
        }

        if (field.Pinned)
        {
            schema["description"] = "Picks this entry among those with the same model and task_type.";
        }

        return schema;
    }

    private static JsonObject Url(int maxLength) => new()
    {
        ["type"] = "string",
        ["format"] = "uri",
        ["pattern"] = "^https://",
        ["maxLength"] = maxLength,
    };

    private static JsonObject Reference(string schema) => new() { ["$ref"] = $"#/components/schemas/{schema}" };

    /// <summary>Component names take letters, digits, <c>.</c>, <c>-</c> and <c>_</c> only; an operator's id may have others.</summary>
    private static string Sanitized(string id) =>
        string.Concat(id.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_'));
}
