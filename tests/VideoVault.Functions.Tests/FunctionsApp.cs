using System.Reflection;
using System.Text.Json;

namespace VideoVault.Functions.Tests;

/// <summary>Where the Functions app and its build output are, as the test project's build found them.</summary>
internal static class FunctionsApp
{
    /// <summary>The Functions project's build output, where the worker SDK writes functions.metadata.</summary>
    public static string Output { get; } = Metadata("FunctionsAppOutput");

    public static string ProjectFile { get; } = Metadata("FunctionsAppProject");

    public static string ProjectDirectory { get; } = Path.GetDirectoryName(ProjectFile)!;

    public static string RepositoryRoot { get; } = Metadata("RepositoryRoot");

    /// <summary>The function classes: public classes with a method carrying <see cref="Microsoft.Azure.Functions.Worker.FunctionAttribute"/>.</summary>
    public static IReadOnlyList<Type> FunctionClasses { get; } =
        [.. typeof(FunctionsAppBuilder).Assembly.GetExportedTypes()
            .Where(type => type.IsClass && type.GetMethods().Any(method => method.IsDefined(typeof(Microsoft.Azure.Functions.Worker.FunctionAttribute))))];

    /// <summary>local.settings.sample.json's values, in configuration form (<c>:</c> between sections).</summary>
    public static IReadOnlyList<KeyValuePair<string, string?>> SampleSettings()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot, "local.settings.sample.json")));
        return [.. document.RootElement.GetProperty("Values").EnumerateObject()
            .Select(setting => KeyValuePair.Create(setting.Name.Replace("__", ":", StringComparison.Ordinal), setting.Value.GetString()))];
    }

    private static string Metadata(string key) =>
        typeof(FunctionsApp).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(attribute => attribute.Key == key).Value
        ?? throw new InvalidOperationException($"The test assembly has no {key}.");
}
