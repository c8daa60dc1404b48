using System.Text.Json;

namespace VideoVault.DevHost;

/// <summary>
/// Lets the dev host read the same <c>local.settings.json</c> as <c>func start</c>: its <c>Values</c>,
/// with <c>__</c> as the section separator. Added first, so environment variables and arguments win.
/// </summary>
internal static class LocalSettingsSource
{
    public static void AddTo(ConfigurationManager configuration)
    {
        var path = configuration["DevHost:LocalSettings"] ?? Find(AppContext.BaseDirectory) ?? Find(Directory.GetCurrentDirectory());
        if (string.IsNullOrEmpty(path) || !File.Exists(path))
        {
            return;
        }

        using var document = JsonDocument.Parse(File.ReadAllBytes(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var values = document.RootElement.TryGetProperty("Values", out var section)
            ? section.EnumerateObject().ToDictionary(p => p.Name.Replace("__", ":", StringComparison.Ordinal), p => (string?)p.Value.ToString())
            : [];
        IConfigurationBuilder builder = configuration;
        builder.Sources.Insert(0, new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationSource { InitialData = values });
    }

    private static string? Find(string start)
    {
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "local.settings.json");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
