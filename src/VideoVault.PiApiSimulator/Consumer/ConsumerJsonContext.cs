using System.Text.Json.Serialization;

namespace VideoVault.PiApiSimulator.Consumer;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, UseStringEnumConverter = true)]
[JsonSerializable(typeof(IReadOnlyList<ConsumerDelivery>))]
internal sealed partial class ConsumerJsonContext : JsonSerializerContext;
