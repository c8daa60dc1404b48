using System.Text.Json.Serialization;

namespace VideoVault.Views;

/// <summary>Source-generated JSON for every answer the API writes from a view: snake_case, nulls left out.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(TaskView))]
[JsonSerializable(typeof(TaskListView))]
[JsonSerializable(typeof(SpendView))]
[JsonSerializable(typeof(WebhookAck))]
[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class ViewJsonContext : JsonSerializerContext;
