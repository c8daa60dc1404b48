using System.Text.Json.Nodes;

namespace VideoVault.Demo;

/// <summary>
/// Command line of the demo: <c>--base-url URL --model NAME --task-type TYPE --input JSON --prompt TEXT --timeout SECONDS --receiver URL</c>.
/// <c>--input</c> adds to (or overrides) the model's demo inputs; the receiver is where the task's events go, by
/// default the local simulator's webhook receiver.
/// </summary>
internal sealed record DemoArguments(Uri BaseUrl, string Model, string? TaskType, JsonObject? Input, string Prompt, TimeSpan Timeout, Uri Receiver)
{
    public static DemoArguments Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                throw new ArgumentException($"Expected '--name value' pairs, got '{args[i]}'.");
            }

            values[args[i][2..]] = args[i + 1];
        }

        return new DemoArguments(
            new Uri(values.GetValueOrDefault("base-url", "http://127.0.0.1:7071")),
            values.GetValueOrDefault("model", "sora2"),
            values.GetValueOrDefault("task-type"),
            values.TryGetValue("input", out var input)
                ? JsonNode.Parse(input) as JsonObject ?? throw new ArgumentException("--input must be a JSON object.")
                : null,
            values.GetValueOrDefault("prompt", "A red fox trotting through fresh snow at dawn, cinematic"),
            TimeSpan.FromSeconds(int.Parse(values.GetValueOrDefault("timeout", "120"), System.Globalization.CultureInfo.InvariantCulture)),
            new Uri(values.GetValueOrDefault("receiver", "http://127.0.0.1:7080/consumer/demo-" + Guid.NewGuid().ToString("N")[..12])));
    }
}
