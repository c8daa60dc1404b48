using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using VideoVault.Catalog;
using VideoVault.Http;
using VideoVault.Tests.Fakes;

namespace VideoVault.Tests.Http;

/// <summary>
/// The document and the catalog in step: every enabled entry has its submit schema with exactly the catalog's
/// fields, types, allowed values, ranges and required fields; no schema names an entry the catalog lacks or has
/// disabled; and a body the schema takes is one submit takes, and the other way round.
/// </summary>
public sealed class OpenApiCatalogTests
{
    private static readonly ModelCatalog WithSettings = TestCatalog.With(new ModelCatalogOptions
    {
        Entries =
        [
            new ModelEntrySetting { Id = "luma", Enabled = false },
            new ModelEntrySetting { Id = "wan-2.6-txt2video", Enabled = true },
            new ModelEntrySetting
            {
                Id = "acme clip/v2",
                Model = "acme",
                TaskType = "clip",
                Fields =
                [
                    new InputFieldSetting { Name = "prompt", Kind = "String", Required = true },
                    new InputFieldSetting { Name = "fps", Kind = "Number", Min = 12, Max = 60 },
                    new InputFieldSetting { Name = "refs", Kind = "UrlList", MaxLength = 3 },
                ],
            },
        ],
    });

    public static TheoryData<string> Catalogs => ["default", "with settings"];

    private static ModelCatalog Catalog(string name) => name == "default" ? TestCatalog.Default : WithSettings;

    private static JsonObject Schemas(ModelCatalog catalog) =>
        JsonNode.Parse(new OpenApiEndpoint(catalog).Bytes.Span)!["components"]!["schemas"]!.AsObject();

    private static Dictionary<string, JsonNode> EntrySchemas(JsonObject schemas) =>
        schemas.Where(schema => schema.Value![OpenApiModelSchemas.EntryExtension] is not null)
            .ToDictionary(schema => schema.Value![OpenApiModelSchemas.EntryExtension]!.GetValue<string>(), schema => schema.Value!);

    [Theory]
    [MemberData(nameof(Catalogs))]
    public void Every_enabled_entry_and_nothing_else_has_a_submit_schema_listed_in_SubmitRequest(string catalogName)
    {
        var catalog = Catalog(catalogName);
        var schemas = Schemas(catalog);
        var entries = EntrySchemas(schemas);

        Assert.Equal(catalog.Enabled.Select(entry => entry.Id).Order(StringComparer.Ordinal), entries.Keys.Order(StringComparer.Ordinal));
        var choices = schemas["SubmitRequest"]!["oneOf"]!.AsArray().Select(choice => choice!["$ref"]!.GetValue<string>()).ToList();
        Assert.Equal(
            [.. schemas.Where(schema => entries.ContainsValue(schema.Value!)).Select(schema => $"#/components/schemas/{schema.Key}"), "#/components/schemas/ChatCompletionsRequest"],
            choices);
        Assert.All(schemas.Where(schema => schema.Key.StartsWith(OpenApiModelSchemas.SchemaPrefix, StringComparison.Ordinal)), schema => Assert.Contains(schema.Value!, entries.Values));
    }

    [Theory]
    [MemberData(nameof(Catalogs))]
    public void Each_schema_has_exactly_the_entrys_fields_types_values_ranges_and_required_ones(string catalogName)
    {
        var catalog = Catalog(catalogName);
        foreach (var (id, schema) in EntrySchemas(Schemas(catalog)))
        {
            var entry = catalog.Find(id)!;
            var properties = schema["properties"]!;
            Assert.Equal(entry.Model, properties["model"]!["const"]!.GetValue<string>());
            Assert.Equal(entry.TaskType, properties["task_type"]!["const"]!.GetValue<string>());

            var input = properties["input"]!;
            Assert.False(input["additionalProperties"]!.GetValue<bool>());
            Assert.Equal(entry.Fields.Select(field => field.Name), input["properties"]!.AsObject().Select(property => property.Key));
            Assert.Equal(
                entry.Fields.Where(field => field.Required).Select(field => field.Name),
                input["required"]?.AsArray().Select(name => name!.GetValue<string>()) ?? []);
            foreach (var field in entry.Fields)
            {
                var described = input["properties"]![field.Name]!;
                var where = $"{id} input.{field.Name}";
                Assert.True(JsonType(field.Kind) == described["type"]!.GetValue<string>(), where);
                Assert.True(Allowed(field) == described["enum"]?.ToJsonString(), where);
                Assert.True(field.Min == described["minimum"]?.GetValue<double>(), where);
                Assert.True(field.Max == described["maximum"]?.GetValue<double>(), where);
                Assert.True(
                    (field.Kind == InputKind.String ? field.MaxLength : field.Kind == InputKind.Url ? field.MaxLength ?? InputField.DefaultMaxUrlLength : null) == described["maxLength"]?.GetValue<int>(),
                    where);
                Assert.True((field.Kind is InputKind.UrlList or InputKind.ObjectList ? field.MaxLength : null) == described["maxItems"]?.GetValue<int>(), where);
            }
        }
    }

    [Fact]
    public void An_operators_id_that_is_not_a_component_name_still_gets_a_valid_document()
    {
        var text = Encoding.UTF8.GetString(new OpenApiEndpoint(WithSettings).Bytes.Span);
        var (document, diagnostic) = OpenApiDocument.Parse(text, "json");

        Assert.NotNull(document);
        Assert.Empty(diagnostic!.Errors);
        Assert.Empty(diagnostic.Warnings);
        Assert.Contains($"{OpenApiModelSchemas.SchemaPrefix}acme_clip_v2", document.Components!.Schemas!.Keys);
    }

    /// <summary>
    /// The schema and the parser agree on each entry's smallest request (its required fields), on the same with a
    /// field the entry does not take, and with an allowed value of the wrong JSON type.
    /// </summary>
    [Theory]
    [MemberData(nameof(Catalogs))]
    public void A_body_the_document_takes_is_one_submit_takes_and_the_others_are_refused_by_both(string catalogName)
    {
        var catalog = Catalog(catalogName);
        var document = JsonNode.Parse(new OpenApiEndpoint(catalog).Bytes.Span)!;
        var submit = OpenApiExamples.Schema(JsonNode.Parse("""{"$ref":"#/components/schemas/SubmitRequest"}""")!, document["components"]!["schemas"]!);
        foreach (var entry in catalog.Enabled)
        {
            var input = new JsonObject(entry.Fields.Where(field => field.Required).Select(field => KeyValuePair.Create(field.Name, Example(field))));
            var body = new JsonObject { ["model"] = entry.Model, ["task_type"] = entry.TaskType, ["input"] = input };
            Assert.True(Agree(submit, catalog, body), $"{entry.Id}: {body.ToJsonString()}");

            var unknown = body.DeepClone();
            unknown["input"]!["no_such_field"] = "x";
            Assert.False(Agree(submit, catalog, unknown), $"{entry.Id}: {unknown.ToJsonString()}");

            if (entry.Fields.FirstOrDefault(field => field.Allowed is not null && !field.Pinned) is { } choice)
            {
                var retyped = body.DeepClone();
                var first = InputValues.Typed(choice, choice.Allowed![0]);
                retyped["input"]![choice.Name] = first.ValueKind == JsonValueKind.String ? JsonValue.Create(99) : JsonValue.Create(first.GetRawText());
                Assert.False(Agree(submit, catalog, retyped), $"{entry.Id}: {retyped.ToJsonString()}");
            }
        }
    }

    /// <summary>The schema's verdict, after asserting the parser's is the same.</summary>
    private static bool Agree(Json.Schema.JsonSchema submit, ModelCatalog catalog, JsonNode body)
    {
        var json = body.ToJsonString();
        var byDocument = submit.Evaluate(JsonDocument.Parse(json).RootElement).IsValid;
        var (request, errors) = SubmitRequestParser.Parse(Encoding.UTF8.GetBytes(json), catalog);
        Assert.True(byDocument == request is not null, $"document {(byDocument ? "takes" : "refuses")} {json}, submit {(request is null ? "refuses" : "takes")} it: {string.Join("; ", errors.Select(error => $"{error.Key}: {string.Join(' ', error.Value)}"))}");
        return byDocument;
    }

    private static JsonNode? Example(InputField field) => field switch
    {
        { Allowed: [var first, ..] } => JsonNode.Parse(InputValues.Typed(field, first).GetRawText()),
        { Kind: InputKind.Integer or InputKind.Number } => JsonValue.Create(field.Min ?? 1),
        { Kind: InputKind.Boolean } => JsonValue.Create(true),
        { Kind: InputKind.Url } => JsonValue.Create("https://example.com/frame.png"),
        { Kind: InputKind.UrlList } => new JsonArray("https://example.com/a.png"),
        { Kind: InputKind.Object } => new JsonObject(),
        { Kind: InputKind.ObjectList } => new JsonArray(new JsonObject()),
        _ => JsonValue.Create("a lighthouse in a storm"),
    };

    private static string JsonType(InputKind kind) => kind switch
    {
        InputKind.String or InputKind.Url => "string",
        InputKind.Integer => "integer",
        InputKind.Number => "number",
        InputKind.Boolean => "boolean",
        InputKind.Object => "object",
        _ => "array",
    };

    private static string? Allowed(InputField field) => field.Allowed is { } allowed
        ? "[" + string.Join(",", allowed.Select(value => field.Kind is InputKind.Integer or InputKind.Number or InputKind.Boolean ? value : JsonSerializer.Serialize(value))) + "]"
        : null;
}
