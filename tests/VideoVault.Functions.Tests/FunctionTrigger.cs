using System.Text.Json;

namespace VideoVault.Functions.Tests;

/// <summary>
/// One function's trigger as functions.metadata declares it to the Functions host: everything the host
/// needs to route a request, poll a queue or fire a timer, and nothing about the function's code.
/// </summary>
internal sealed record FunctionTrigger(
    string Function,
    string Type,
    string? Route = null,
    string? Methods = null,
    string? AuthLevel = null,
    string? QueueName = null,
    string? Connection = null,
    string? Schedule = null)
{
    public const string Http = "httpTrigger";
    public const string Queue = "queueTrigger";
    public const string Timer = "timerTrigger";

    /// <summary>Every function of functions.metadata with its entry point and its one trigger.</summary>
    public static IReadOnlyList<(FunctionTrigger Trigger, string EntryPoint)> ReadMetadata(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return [.. document.RootElement.EnumerateArray().Select(function =>
        {
            var name = function.GetProperty("name").GetString()!;
            var triggers = function.GetProperty("bindings").EnumerateArray()
                .Where(binding => binding.GetProperty("type").GetString()!.EndsWith("Trigger", StringComparison.Ordinal))
                .ToList();
            Assert.True(triggers.Count == 1, $"{name} has {triggers.Count} triggers.");
            var trigger = triggers[0];
            Assert.Equal("In", trigger.GetProperty("direction").GetString());
            return (
                new FunctionTrigger(
                    name,
                    trigger.GetProperty("type").GetString()!,
                    Text(trigger, "route"),
                    trigger.TryGetProperty("methods", out var methods) ? string.Join(",", methods.EnumerateArray().Select(method => method.GetString())) : null,
                    Text(trigger, "authLevel"),
                    Text(trigger, "queueName"),
                    Text(trigger, "connection"),
                    Text(trigger, "schedule")),
                function.GetProperty("entryPoint").GetString()!);
        })];
    }

    private static string? Text(JsonElement binding, string property) =>
        binding.TryGetProperty(property, out var value) ? value.GetString() : null;
}
