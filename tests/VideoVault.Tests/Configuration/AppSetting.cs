using System.Collections;
using System.Reflection;
using VideoVault.Archiving;
using VideoVault.Budgets;
using VideoVault.Events;
using VideoVault.Hosting;
using VideoVault.Inbound;
using VideoVault.PiApi;
using VideoVault.Storage;

namespace VideoVault.Tests.Configuration;

/// <summary>
/// One setting the app reads, as an app setting name (<c>__</c> between sections). A collection is
/// named by its prefix <c>Section__Property__</c>; its elements add an index or, for a dictionary, a key.
/// </summary>
internal sealed record AppSetting(string Name, bool IsCollection)
{
    /// <summary>The option classes the app binds; every public property of each is a setting.</summary>
    public static IReadOnlyList<Type> OptionsTypes { get; } =
        [typeof(VideoVaultOptions), typeof(PiApiOptions), typeof(WebhookSigningOptions), typeof(ArchiveOptions), typeof(EventOptions), typeof(BudgetOptions)];

    public static IReadOnlyList<AppSetting> Options { get; } = [.. OptionsTypes.SelectMany(OptionsSettings)];

    /// <summary>The storage connection as a connection string (local, Azurite).</summary>
    public static AppSetting StorageConnectionString { get; } = new(VideoVaultServiceCollectionExtensions.StorageConnectionName, false);

    /// <summary>The storage connection as identity-based settings (Azure).</summary>
    public static IReadOnlyList<AppSetting> StorageIdentity { get; } =
        [.. StorageConnectionSettings.IdentityKeys.Select(key => new AppSetting($"{VideoVaultServiceCollectionExtensions.StorageConnectionName}__{key}", false))];

    public static IReadOnlyList<AppSetting> All { get; } = [.. Options, StorageConnectionString, .. StorageIdentity];

    /// <summary>True for a name inside the app's own sections, which must then be one of <see cref="All"/>.</summary>
    public static bool IsInAppSection(string key) =>
        key == StorageConnectionString.Name
        || key.StartsWith(StorageConnectionString.Name + "__", StringComparison.Ordinal)
        || OptionsTypes.Any(type => key.StartsWith(SectionName(type) + "__", StringComparison.Ordinal));

    public bool Matches(string key) =>
        IsCollection ? key.Length > Name.Length && key.StartsWith(Name, StringComparison.Ordinal) : key == Name;

    public static string SectionName(Type optionsType) =>
        (string)optionsType.GetField("SectionName", BindingFlags.Public | BindingFlags.Static)!.GetRawConstantValue()!;

    private static IEnumerable<AppSetting> OptionsSettings(Type optionsType) =>
        optionsType.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(property => property.GetIndexParameters().Length == 0)
            .Select(property => IsCollectionType(property.PropertyType)
                ? new AppSetting($"{SectionName(optionsType)}__{property.Name}__", true)
                : new AppSetting($"{SectionName(optionsType)}__{property.Name}", false));

    private static bool IsCollectionType(Type type) => type != typeof(string) && typeof(IEnumerable).IsAssignableFrom(type);
}
