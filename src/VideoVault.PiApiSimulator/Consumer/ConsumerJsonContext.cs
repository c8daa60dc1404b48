using System.Text.Json.Serialization;

namespace VideoVault.PiApiSimulator.Consumer;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, UseStringEnumConverter = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(IReadOnlyList<ConsumerDelivery>))]
internal sealed partial class ConsumerJsonContext : JsonSerializerContext;
