using System.Text.RegularExpressions;

namespace VideoVault.Tests.Configuration;

/// <summary>
/// The deployment creates every table, queue and container the app and its triggers use. A queue trigger
/// polling a queue that is not there logs a 404 warning on every poll (62 a minute on a real host) until
/// the app's first write creates it, so nothing may be left to first use. The names come from the
/// options' defaults (the values the Bicep app settings hold, which the contract tests keep equal) and
/// from the triggers' binding expressions, not from a list kept here.
/// </summary>
public sealed partial class StorageResourcesTests
{
    private const string Tables = "Microsoft.Storage/storageAccounts/tableServices/tables";
    private const string Queues = "Microsoft.Storage/storageAccounts/queueServices/queues";
    private const string Containers = "Microsoft.Storage/storageAccounts/blobServices/containers";

    private static readonly ArmTemplate Template = ArmTemplate.Load(Path.Combine(AppContext.BaseDirectory, "infra", "main.json"));

    /// <summary>The resource type that holds each kind of name setting, by the setting's name.</summary>
    private static readonly (string Suffix, string Type)[] Kinds = [("Table", Tables), ("Queue", Queues), ("Container", Containers)];

    public static TheoryData<string, string> UsedByTheApp()
    {
        // The options and the triggers name the work queue each: one row per resource, so xunit runs each once.
        var used = new HashSet<(string Type, string Name)>();
        foreach (var optionsType in AppSetting.OptionsTypes)
        {
            var defaults = Activator.CreateInstance(optionsType)!;
            foreach (var property in optionsType.GetProperties().Where(p => p.PropertyType == typeof(string)))
            {
                if (Kinds.FirstOrDefault(kind => property.Name.EndsWith(kind.Suffix, StringComparison.Ordinal)) is { Type: not null } kind)
                {
                    used.Add((kind.Type, (string)property.GetValue(defaults)!));
                }
            }
        }

        // The queue triggers' own names (the attributes' constants, which the metadata tests tie to functions.metadata),
        // resolved as the host resolves them: from the app settings the deployment sets.
        var settings = SettingSources.Read(SettingSources.Bicep).ToDictionary(pair => pair.Key.Replace("__", ":", StringComparison.Ordinal), pair => pair.Value);
        foreach (var trigger in new[] { WorkQueueNames.WorkQueueTrigger, WorkQueueNames.PoisonQueueTrigger })
        {
            used.Add((Queues, BindingExpression().Replace(trigger, match => settings[match.Groups["name"].Value] ?? throw new InvalidDataException($"{match.Value} is known only at deployment."))));
        }

        var data = new TheoryData<string, string>();
        foreach (var (type, name) in used)
        {
            data.Add(type, name);
        }

        return data;
    }

    [Fact]
    public void The_app_uses_a_table_queues_and_a_container()
    {
        var used = UsedByTheApp().Select(row => (string)row[0]).ToHashSet();

        Assert.Equal([Tables, Queues, Containers], Kinds.Select(kind => kind.Type).Where(used.Contains));
    }

    [Theory]
    [MemberData(nameof(UsedByTheApp))]
    public void The_deployment_creates_it(string type, string name)
    {
        var created = Template.Resources(type).Select(resource => Template.NameSegments(resource)[^1]).ToList();

        Assert.Contains(name, created);
    }

    [GeneratedRegex("%(?<name>[^%]+)%")]
    private static partial Regex BindingExpression();
}
