using System.Text.Json;
using System.Text.RegularExpressions;

namespace VideoVault.Tests.Configuration;

/// <summary>Where settings are written down: the sample local settings, the README table and the app settings of the Bicep deployment.</summary>
internal static partial class SettingSources
{
    public const string SampleLocalSettings = "local.settings.sample.json";
    public const string Readme = "README.md";
    public const string Bicep = "infra/main.bicep";

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
    /// The function app's settings as the deployment sets them: the <c>config/appsettings</c> resource
    /// of the ARM template the build compiles from infra/main.bicep (Bicep.targets), evaluated with the
    /// parameters' defaults. A value is kept when the template alone decides it, null when only the
    /// deployment knows it (an endpoint, the identity's client id, a secret parameter).
    /// </summary>
    private static List<KeyValuePair<string, string?>> ReadBicepAppSettings()
    {
        var template = ArmTemplate.Load(Path.Combine(AppContext.BaseDirectory, "infra", "main.json"));

        // The appsettings resource replaces every setting of the app, so settings in the site's own siteConfig would be lost.
        Assert.All(template.Resources("Microsoft.Web/sites"), site => Assert.False(
            site.GetProperty("properties").TryGetProperty("siteConfig", out var siteConfig) && siteConfig.TryGetProperty("appSettings", out _),
            "The function app sets siteConfig.appSettings, which its appsettings resource replaces."));

        var appSettings = Assert.Single(template.Resources("Microsoft.Web/sites/config"), config => Equals(template.NameSegments(config)[^1], "appsettings"));
        var settings = Assert.IsType<Dictionary<string, object?>>(template.Evaluate(appSettings.GetProperty("properties")));
        return [.. settings.Select(pair => KeyValuePair.Create<string, string?>(pair.Key, pair.Value switch
        {
            string value => value,
            _ when pair.Value == ArmTemplate.Unknown => null,
            var value => throw new InvalidDataException($"The app setting {pair.Key} is {value}, not a string."),
        }))];
    }

    [GeneratedRegex(@"^\|\s*`(?<name>[^`]+)`\s*\|")]
    private static partial Regex ReadmeRow();
}
