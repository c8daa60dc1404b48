using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace VideoVault.Tests.Http;

/// <summary>
/// Every example of an OpenAPI document with the schema it illustrates: request bodies, responses
/// (through <c>#/components/responses</c> references too) and parameters, each with the document's
/// component schemas carried along as <c>$defs</c> so its references resolve.
/// </summary>
internal static class OpenApiExamples
{
    private const string ComponentSchemas = "#/components/schemas/";

    public sealed record Example(string Location, JsonSchema Schema, JsonElement Value);

    public static IReadOnlyList<Example> All(JsonNode document)
    {
        var definitions = document["components"]?["schemas"]?.DeepClone() ?? new JsonObject();
        var examples = new List<Example>();
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in item!.AsObject())
            {
                var location = $"{method.ToUpperInvariant()} {path}";
                foreach (var parameter in operation!["parameters"]?.AsArray() ?? [])
                {
                    var resolved = Resolve(document, parameter!);
                    if (resolved["example"] is { } value)
                    {
                        examples.Add(Build($"{location} parameter {resolved["name"]}", resolved["schema"]!, value, definitions));
                    }
                }

                AddContent(examples, $"{location} request", operation["requestBody"]?["content"], definitions);
                foreach (var (status, response) in operation["responses"]?.AsObject() ?? [])
                {
                    AddContent(examples, $"{location} {status}", Resolve(document, response!)["content"], definitions);
                }
            }
        }

        return examples;
    }

    /// <summary>A JSON Schema 2020-12 schema made of <paramref name="schema"/> and the document's component schemas.</summary>
    public static JsonSchema Schema(JsonNode schema, JsonNode definitions)
    {
        var root = new JsonObject { ["$schema"] = "https://json-schema.org/draft/2020-12/schema", ["$defs"] = definitions.DeepClone() };
        foreach (var (name, value) in schema.AsObject())
        {
            root[name] = value?.DeepClone();
        }

        var text = root.ToJsonString().Replace(ComponentSchemas, "#/$defs/", StringComparison.Ordinal);

        // A base URI of its own per schema: the registry keeps every schema built, and ids must not collide.
        return JsonSchema.FromText(text, baseUri: new Uri($"urn:videovault:openapi:{Guid.NewGuid():N}"));
    }

    /// <summary>The node a local <c>$ref</c> points at, or <paramref name="node"/> itself when it is not a reference.</summary>
    public static JsonNode Resolve(JsonNode document, JsonNode node)
    {
        if (node["$ref"]?.GetValue<string>() is not { } reference)
        {
            return node;
        }

        var target = document;
        foreach (var segment in reference.TrimStart('#', '/').Split('/'))
        {
            target = target[segment] ?? throw new InvalidOperationException($"{reference} points at nothing.");
        }

        return target;
    }

    private static void AddContent(List<Example> examples, string location, JsonNode? content, JsonNode definitions)
    {
        foreach (var (mediaType, media) in content?.AsObject() ?? [])
        {
            foreach (var (name, example) in media!["examples"]?.AsObject() ?? [])
            {
                examples.Add(Build($"{location} {mediaType} {name}", media["schema"]!, example!["value"]!, definitions));
            }
        }
    }

    private static Example Build(string location, JsonNode schema, JsonNode value, JsonNode definitions) =>
        new(location, Schema(schema, definitions), JsonSerializer.SerializeToElement(value));
}
