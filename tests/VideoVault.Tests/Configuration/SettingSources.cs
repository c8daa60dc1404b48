using System.Text.Json;
using System.Text.RegularExpressions;

namespace VideoVault.Tests.Configuration;

/// <summary>Where settings are written down: the sample local settings, the README table and the Bicep app settings.</summary>
internal static partial class SettingSources
{
    public const string SampleLocalSettings = "local.settings.sample.json";
    public const string Readme = "README.md";
    public const string Bicep = "infra";

    /// <summary>The setting names and, where the source gives one literally, their values.</summary>
    public static IReadOnlyList<KeyValuePair<string, string?>> Read(string source) => source switch
    {
        SampleLocalSettings => ReadSampleLocalSettings(),
        Readme => ReadReadmeTable(),
        Bicep => ReadBicepAppSettings(),
        _ => throw new ArgumentOutOfRangeException(nameof(source), source, null),
    };

    public static IReadOnlyList<string> Names(string source) => [.. Read(source).Select(pair => pair.Key)];

    private static List<KeyValuePair<string, string?>> ReadSampleLocalSettings()
    {
        using var document = JsonDocument.Parse(RepositoryFiles.Read(SampleLocalSettings));
        return [.. document.RootElement.GetProperty("Values").EnumerateObject().Select(p => KeyValuePair.Create(p.Name, (string?)p.Value.GetString()))];
    }

    /// <summary>The first column of the table under "## Configuration".</summary>
    private static List<KeyValuePair<string, string?>> ReadReadmeTable()
    {
        var lines = RepositoryFiles.Read(Readme).Split('\n');
        var start = Array.FindIndex(lines, line => line.TrimEnd() == "## Configuration");
        Assert.True(start >= 0, "README has no '## Configuration' section.");
        return [.. lines.Skip(start + 1)
            .TakeWhile(line => !line.StartsWith("## ", StringComparison.Ordinal))
            .Select(line => ReadmeRow().Match(line))
            .Where(match => match.Success)
            .Select(match => KeyValuePair.Create(match.Groups["name"].Value, (string?)null))];
    }

    /// <summary>
    /// Every <c>key: value</c> of the Bicep files, quoted keys (interpolated ones included) too; a
    /// value is kept when it is a plain string literal. Keys that are resource properties rather than
    /// app settings are harmless: the tests look only for names in the app's sections.
    /// </summary>
    private static List<KeyValuePair<string, string?>> ReadBicepAppSettings() =>
        [.. Directory.EnumerateFiles(RepositoryFiles.PathOf(Bicep), "*.bicep", SearchOption.AllDirectories)
            .SelectMany(File.ReadLines)
            .Select(line => BicepProperty().Match(line))
            .Where(match => match.Success)
            .Select(match => KeyValuePair.Create(
                match.Groups["key"].Value,
                match.Groups["literal"].Success ? match.Groups["literal"].Value : null))];

    [GeneratedRegex(@"^\|\s*`(?<name>[^`]+)`\s*\|")]
    private static partial Regex ReadmeRow();

    [GeneratedRegex(@"^\s*(?:'(?<key>[^']+)'|(?<key>[A-Za-z_][A-Za-z0-9_]*))\s*:\s*(?:'(?<literal>[^'$]*)'\s*(?://.*)?$)?")]
    private static partial Regex BicepProperty();
}
