using System.Text.Json;
using Microsoft.Extensions.Options;

namespace VideoVault.Catalog;

/// <summary>
/// The models VideoVault can submit: the built-in entries with the operator's settings applied. Finds the entry a
/// request names, and the entry a stored task was made with (disabled or not, so tasks in flight carry on).
/// </summary>
internal sealed class ModelCatalog
{
    private readonly Dictionary<string, CatalogEntry> _byId;

    public ModelCatalog(IOptions<ModelCatalogOptions> settings, IOptions<VideoVaultOptions> options)
        : this(ModelCatalogSettings.Apply(BuiltInModels.Create(options.Value), settings.Value))
    {
    }

    internal ModelCatalog(IReadOnlyList<CatalogEntry> entries)
    {
        Entries = entries;
        _byId = entries.ToDictionary(entry => entry.Id, StringComparer.Ordinal);
    }

    /// <summary>Every entry, disabled ones included, in catalog order.</summary>
    public IReadOnlyList<CatalogEntry> Entries { get; }

    public IEnumerable<CatalogEntry> Enabled => Entries.Where(entry => entry.Enabled);

    /// <summary>The entry a task was made with, enabled or not; null for an id no longer in the catalog.</summary>
    public CatalogEntry? Find(string? id) => id is not null && _byId.TryGetValue(id, out var entry) ? entry : null;

    /// <summary>
    /// The entry for <paramref name="model"/> and <paramref name="taskType"/>, picked among those that share them by
    /// their pinned input values. Null with an error on the field that is wrong when none fits.
    /// </summary>
    public CatalogEntry? Resolve(string model, string taskType, JsonElement input, Dictionary<string, string[]> errors)
    {
        var sameModel = Entries.Where(entry => entry.Model == model).ToList();
        if (sameModel.Count == 0)
        {
            errors["model"] = [$"Unknown model '{model}'; supported: {string.Join(", ", Enabled.Select(entry => entry.Model).Distinct())} and the chat-completions models {Tasks.ModelNames.Sora2Preview}, {Tasks.ModelNames.Sora2HdPreview}."];
            return null;
        }

        var candidates = sameModel.Where(entry => entry.TaskType == taskType).ToList();
        if (candidates.Count == 0)
        {
            errors["task_type"] = [$"Unknown task_type '{taskType}' for {model}; supported: {string.Join(", ", sameModel.Where(entry => entry.Enabled).Select(entry => entry.TaskType).Distinct())}."];
            return null;
        }

        var chosen = candidates.Count == 1 ? candidates[0] : ByPins(candidates, input, errors);
        if (chosen is { Enabled: false })
        {
            errors[candidates.Count == 1 ? "task_type" : $"input.{chosen.Fields.First(field => field.Pinned).Name}"] =
                [$"{chosen.Id} ({chosen.Family}) is disabled on this deployment."];
            return null;
        }

        return chosen;
    }

    private static CatalogEntry? ByPins(List<CatalogEntry> candidates, JsonElement input, Dictionary<string, string[]> errors)
    {
        var matches = candidates.Where(entry => entry.Fields.Where(field => field.Pinned).All(field => Pinned(field, input))).ToList();
        if (matches.Count == 1)
        {
            return matches[0];
        }

        var pin = candidates.SelectMany(entry => entry.Fields).First(field => field.Pinned).Name;
        var choices = candidates.Where(entry => entry.Enabled).Select(entry => $"{string.Join(", ", entry.Field(pin)?.Allowed ?? [])} ({entry.Id})");
        errors[$"input.{pin}"] = [$"Picks the {candidates[0].Model} / {candidates[0].TaskType} model: one of {string.Join("; ", choices)}."];
        return null;
    }

    private static bool Pinned(InputField field, JsonElement input) =>
        input.TryGetProperty(field.Name, out var value)
        && InputValidator.Scalar(value) is { } given
        && field.Allowed is { } allowed && allowed.Contains(given, StringComparer.Ordinal);
}
