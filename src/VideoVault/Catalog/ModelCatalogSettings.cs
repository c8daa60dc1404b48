using System.Globalization;

namespace VideoVault.Catalog;

/// <summary>Applies <see cref="ModelCatalogOptions"/> to the built-in entries, and says what is wrong with them, naming each bad setting.</summary>
internal static class ModelCatalogSettings
{
    private const string Prefix = ModelCatalogOptions.SectionName + ":Entries:";

    public static IReadOnlyList<CatalogEntry> Apply(IReadOnlyList<CatalogEntry> builtIn, ModelCatalogOptions options)
    {
        var entries = builtIn.ToList();
        foreach (var setting in options.Entries)
        {
            var index = entries.FindIndex(entry => entry.Id == setting.Id);
            if (index >= 0)
            {
                var entry = entries[index];
                entries[index] = entry with
                {
                    Enabled = setting.Enabled ?? entry.Enabled,
                    Price = setting.Price is { } price ? Price(price) : entry.Price,
                };
            }
            else
            {
                entries.Add(New(setting));
            }
        }

        return entries;
    }

    public static IEnumerable<string> Problems(ModelCatalogOptions options, IReadOnlyList<CatalogEntry> builtIn)
    {
        var settingProblems = SettingProblems(options, builtIn).ToList();
        return settingProblems.Count > 0 ? settingProblems : AmbiguityProblems(Apply(builtIn, options));
    }

    /// <summary>
    /// Entries that share a model and task type are told apart by a pinned field, whose values may pick only one of
    /// them; otherwise a submit could not know which entry it names.
    /// </summary>
    private static IEnumerable<string> AmbiguityProblems(IReadOnlyList<CatalogEntry> entries)
    {
        foreach (var group in entries.GroupBy(entry => (entry.Model, entry.TaskType)).Where(group => group.Count() > 1))
        {
            var pins = group.Select(entry => (entry.Id, Pin: entry.Fields.FirstOrDefault(field => field.Pinned))).ToList();
            var names = pins.Select(pin => pin.Pin?.Name).Distinct().ToList();
            var values = pins.SelectMany(pin => pin.Pin?.Allowed ?? []).ToList();
            if (names.Count != 1 || names[0] is null || values.Count != values.Distinct(StringComparer.Ordinal).Count())
            {
                yield return $"{ModelCatalogOptions.SectionName}:Entries: {string.Join(", ", pins.Select(pin => pin.Id))} share model '{group.Key.Model}' and task type '{group.Key.TaskType}', "
                    + "so each needs the same pinned input field (Fields:N:Pinned=true) with values no other of them takes.";
            }
        }
    }

    private static IEnumerable<string> SettingProblems(ModelCatalogOptions options, IReadOnlyList<CatalogEntry> builtIn)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Entries.Count; i++)
        {
            var setting = options.Entries[i];
            var at = Prefix + i.ToString(CultureInfo.InvariantCulture);
            if (string.IsNullOrWhiteSpace(setting.Id))
            {
                yield return $"{at}:Id is required: the id of a built-in entry to change, or of a new one.";
                continue;
            }

            if (!seen.Add(setting.Id))
            {
                yield return $"{at}:Id '{setting.Id}' is set by an earlier entry too.";
            }

            var problems = builtIn.Any(entry => entry.Id == setting.Id) ? BuiltInProblems(setting, at) : NewProblems(setting, at, builtIn);
            foreach (var problem in problems.Concat(PriceProblems(setting.Price, $"{at}:Price")))
            {
                yield return problem;
            }
        }
    }

    private static IEnumerable<string> BuiltInProblems(ModelEntrySetting setting, string at)
    {
        var changed = new (string Name, bool Set)[]
        {
            ("Family", setting.Family is not null), ("Model", setting.Model is not null), ("TaskType", setting.TaskType is not null),
            ("Fields", setting.Fields.Count > 0), ("VideoPath", setting.VideoPath is not null), ("PosterPath", setting.PosterPath is not null),
            ("CanCancel", setting.CanCancel is not null),
        };
        return changed.Where(item => item.Set).Select(item =>
            $"{at}:{item.Name} cannot change the built-in entry '{setting.Id}' (only Enabled and Price can); add an entry with a new id instead.");
    }

    private static IEnumerable<string> NewProblems(ModelEntrySetting setting, string at, IReadOnlyList<CatalogEntry> builtIn)
    {
        if (string.IsNullOrWhiteSpace(setting.Model) || string.IsNullOrWhiteSpace(setting.TaskType))
        {
            yield return $"{at}: '{setting.Id}' is not a built-in entry ({string.Join(", ", builtIn.Select(entry => entry.Id))}), so it needs Model and TaskType.";
        }

        if (setting.Fields.Count == 0)
        {
            yield return $"{at}:Fields: a new entry needs its input fields (Fields:0:Name, Fields:0:Kind, ...).";
        }

        foreach (var (path, name) in new[] { ("VideoPath", setting.VideoPath), ("PosterPath", setting.PosterPath) })
        {
            if (name is not null && !OutputPath.IsValid(name))
            {
                yield return $"{at}:{path} '{name}' is not an output path (dotted names, name[] for each element of an array).";
            }
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var f = 0; f < setting.Fields.Count; f++)
        {
            var field = setting.Fields[f];
            var fieldAt = $"{at}:Fields:{f.ToString(CultureInfo.InvariantCulture)}";
            if (string.IsNullOrWhiteSpace(field.Name) || !names.Add(field.Name))
            {
                yield return $"{fieldAt}:Name is required and must differ from the entry's other fields.";
            }

            if (!Enum.TryParse<InputKind>(field.Kind, ignoreCase: true, out _) || int.TryParse(field.Kind, out _))
            {
                yield return $"{fieldAt}:Kind '{field.Kind}' must be one of {string.Join(", ", Enum.GetNames<InputKind>())}.";
            }

            if (field.Pinned && field.Allowed.Count == 0)
            {
                yield return $"{fieldAt}:Allowed: a pinned field needs the values that pick this entry.";
            }
        }
    }

    private static IEnumerable<string> PriceProblems(PriceSetting? price, string at)
    {
        if (price is null)
        {
            yield break;
        }

        if (!Enum.TryParse<PriceUnit>(price.Unit, ignoreCase: true, out _) || int.TryParse(price.Unit, out _))
        {
            yield return $"{at}:Unit '{price.Unit}' must be PerSecond or PerCall.";
        }

        if (price.Usd is not >= 0)
        {
            yield return $"{at}:Usd is required and must not be negative.";
        }

        for (var r = 0; r < price.Rules.Count; r++)
        {
            if (price.Rules[r] is not { Usd: >= 0, When.Count: > 0 })
            {
                yield return $"{at}:Rules:{r.ToString(CultureInfo.InvariantCulture)} needs When (input values) and a Usd that is not negative.";
            }
        }
    }

    private static CatalogEntry New(ModelEntrySetting setting) => new()
    {
        Id = setting.Id!,
        Family = setting.Family ?? setting.Id!,
        Model = setting.Model!,
        TaskType = setting.TaskType!,
        Fields = [.. setting.Fields.Select(Field)],
        Price = setting.Price is { } price ? Price(price) : null,
        VideoPath = setting.VideoPath,
        PosterPath = setting.PosterPath,
        CanCancel = setting.CanCancel ?? false,
        Enabled = setting.Enabled ?? true,
        Unverified = ["added through settings: its facts are the operator's"],
        FromSettings = true,
    };

    private static InputField Field(InputFieldSetting field) => new(field.Name!, Enum.Parse<InputKind>(field.Kind!, ignoreCase: true))
    {
        Required = field.Required || field.Pinned,
        Pinned = field.Pinned,
        Allowed = field.Allowed.Count > 0 ? field.Allowed : null,
        Min = field.Min,
        Max = field.Max,
        MaxLength = field.MaxLength,
        Default = field.Default,
    };

    private static ModelPrice Price(PriceSetting price) => new(Enum.Parse<PriceUnit>(price.Unit!, ignoreCase: true), price.Usd!.Value)
    {
        Rules = [.. price.Rules.Select(rule => new PriceRule(rule.When, rule.Usd!.Value))],
        DurationField = price.DurationField ?? ModelPrice.DefaultDurationField,
    };
}
