using System.Text.Json;
using System.Text.Json.Serialization;

namespace VideoVault.Http;

/// <summary>What <c>GET /api/models</c> answers: the enabled catalog entries, and the chat-completions models beside them.</summary>
/// <param name="ChatModels">Models outside the catalog, run through PiAPI's chat completions: no task_type, input.prompt only.</param>
internal sealed record ModelListView(IReadOnlyList<ModelView> Models, IReadOnlyList<string> ChatModels);

/// <summary>One catalog entry, with what a caller needs to build its request.</summary>
/// <param name="Price">Null (written, not left out) when the vendor's price is not known.</param>
/// <param name="Verified">Whether every fact of the entry was confirmed in the vendor's docs; <paramref name="Unverified"/> lists the rest.</param>
/// <param name="VideoPath">Where the video sits in PiAPI's output; left out when every known place is tried.</param>
internal sealed record ModelView(
    string Id,
    string Family,
    string Model,
    string TaskType,
    IReadOnlyList<ModelInputView> Inputs,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] ModelPriceView? Price,
    bool CanCancel,
    bool Verified,
    IReadOnlyList<string> Unverified,
    string? VideoPath,
    string? PosterPath);

/// <param name="Type">string, integer, number, boolean, url (https), url_list, object or object_list.</param>
/// <param name="Pinned">The field picks this entry among those sharing its model and task type (Kling's version, Hailuo's model).</param>
/// <param name="Allowed">The values taken, as the JSON type of the field; left out when any value (within min/max) is.</param>
internal sealed record ModelInputView(
    string Name,
    string Type,
    bool Required,
    bool Pinned,
    IReadOnlyList<JsonElement>? Allowed,
    double? Min,
    double? Max,
    int? MaxLength,
    int? MaxItems,
    JsonElement? Default);

/// <param name="Unit">per_second (times the seconds in <paramref name="DurationField"/>) or per_call.</param>
/// <param name="Usd">The price when no rule applies.</param>
internal sealed record ModelPriceView(string Unit, decimal Usd, string? DurationField, IReadOnlyList<ModelPriceRuleView> Rules);

/// <summary>A price that applies when every input in <see cref="When"/> has its value.</summary>
internal sealed record ModelPriceRuleView(IReadOnlyDictionary<string, string> When, decimal Usd);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ModelListView))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(JsonElement))]
internal sealed partial class ModelsJsonContext : JsonSerializerContext;
