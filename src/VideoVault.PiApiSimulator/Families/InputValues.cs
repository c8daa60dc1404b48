using System.Text.Json;

namespace VideoVault.PiApiSimulator.Families;

/// <summary>Reads already validated input fields; a missing field and a JSON null both read as absent.</summary>
internal static class InputValues
{
    public static JsonElement? Find(JsonElement input, string name) =>
        input.ValueKind == JsonValueKind.Object && input.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    public static string? Text(JsonElement input, string name) =>
        Find(input, name) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    public static long? Integer(JsonElement input, string name) =>
        Find(input, name) is { ValueKind: JsonValueKind.Number } value && value.TryGetInt64(out var number) ? number : null;

    public static bool? Flag(JsonElement input, string name) =>
        Find(input, name) is { ValueKind: JsonValueKind.True or JsonValueKind.False } value ? value.GetBoolean() : null;

    /// <summary>Items of an array field; 0 when absent.</summary>
    public static int Count(JsonElement input, string name) =>
        Find(input, name) is { ValueKind: JsonValueKind.Array } value ? value.GetArrayLength() : 0;

    /// <summary>Sum of an array of objects' <c>duration</c> (Kling's <c>multi_shots</c>); 0 when absent.</summary>
    public static long SumOfDurations(JsonElement input, string name) =>
        Find(input, name) is { ValueKind: JsonValueKind.Array } value
            ? value.EnumerateArray().Sum(item => Integer(item, "duration") ?? 0)
            : 0;
}
