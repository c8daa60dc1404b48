using System.Text.Json;

namespace VideoVault.PiApiSimulator.Families;

/// <summary>
/// One video family of PiAPI's unified task API as the simulator plays it: the <c>model</c> and task types it answers,
/// the input fields it takes, how it prices a task, the shape of its <c>output</c> and whether it can be cancelled.
/// </summary>
internal sealed record VideoFamily(string Name, string Model, IReadOnlyList<string> TaskTypes, IReadOnlyList<InputField> Fields)
{
    /// <summary>Picks this family among those sharing a model and task type (Kling's <c>input.version</c>).</summary>
    public Func<JsonElement, bool> Matches { get; init; } = _ => true;

    /// <summary>Checks that span fields or depend on the task type; null when the input is acceptable.</summary>
    public Func<string, JsonElement, string?> Rule { get; init; } = (_, _) => null;

    /// <summary><c>meta.usage.type</c>: <c>llm</c> or <c>point</c>.</summary>
    public required string UsageType { get; init; }

    /// <summary>Cost of a task in PiAPI's usage unit (1e-7 USD), from its task type and input.</summary>
    public required Func<string, JsonElement, long> Price { get; init; }

    public OutputShape Output { get; init; } = OutputShape.Video;

    /// <summary>Whether <c>DELETE /api/v1/task/{id}</c> cancels its pending tasks (the families whose docs have a Cancel page).</summary>
    public bool Cancellable { get; init; }

    /// <summary>
    /// Whether <c>usage.consume</c> is filled at creation with <c>frozen</c> left 0, as in the vendor's Sora 2 example;
    /// otherwise <c>frozen</c> holds the estimate from creation and <c>consume</c> is filled at completion.
    /// </summary>
    public bool ConsumesAtCreation { get; init; }

    /// <summary>Whether the family's output links a cover or thumbnail image.</summary>
    public bool HasCover => Output is OutputShape.Works or OutputShape.Hailuo or OutputShape.Luma;

    /// <returns>Null when <paramref name="input"/> (an object, or null for none) suits this family, else the 400 message.</returns>
    public string? Validate(string taskType, JsonElement? input)
    {
        if (input is { ValueKind: not (JsonValueKind.Object or JsonValueKind.Null) })
        {
            return "invalid request body: input must be an object";
        }

        var given = input is { ValueKind: JsonValueKind.Object } value ? value : EmptyObject;
        foreach (var property in given.EnumerateObject())
        {
            if (Fields.FirstOrDefault(field => field.Name == property.Name) is not { } field)
            {
                return $"input.{property.Name} is not accepted by {Model} {taskType}";
            }

            if (property.Value.ValueKind != JsonValueKind.Null && field.Check(property.Value) is { } problem)
            {
                return problem;
            }
        }

        return Fields.FirstOrDefault(field => field.Required && InputValues.Find(given, field.Name) is null) is { } missing
            ? $"input.{missing.Name} is required"
            : Rule(taskType, given);
    }

    /// <summary>The input as the task echoes it: the fields sent, in this family's order, nulls left out.</summary>
    public JsonElement Echo(JsonElement? input)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var field in Fields)
            {
                if (input is { ValueKind: JsonValueKind.Object } given && InputValues.Find(given, field.Name) is { } value)
                {
                    writer.WritePropertyName(field.Name);
                    value.WriteTo(writer);
                }
            }

            writer.WriteEndObject();
        }

        using var document = JsonDocument.Parse(buffer.ToArray());
        return document.RootElement.Clone();
    }

    private static readonly JsonElement EmptyObject = JsonDocument.Parse("{}").RootElement.Clone();
}
