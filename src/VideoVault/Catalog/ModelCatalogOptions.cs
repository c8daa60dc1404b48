using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace VideoVault.Catalog;

/// <summary>
/// Operators' changes to the catalog (section <c>Models</c>), one indexed entry each since task types are not valid
/// setting names: <c>Models__Entries__0__Id=wan-2.6-txt2video</c>, <c>Models__Entries__0__Enabled=true</c>. An id of a
/// built-in entry may set <see cref="ModelEntrySetting.Enabled"/> and <see cref="ModelEntrySetting.Price"/>; a new id
/// adds an entry, which needs a model, a task type and its input fields.
/// </summary>
internal sealed class ModelCatalogOptions : IValidatableObject
{
    public const string SectionName = "Models";

    public List<ModelEntrySetting> Entries { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        ModelCatalogSettings.Problems(this, BuiltInModels.Create(new VideoVaultOptions()))
            .Select(problem => new ValidationResult(problem));
}

/// <summary>One entry's settings; see <see cref="ModelCatalogOptions"/>.</summary>
internal sealed class ModelEntrySetting
{
    public string? Id { get; set; }

    public bool? Enabled { get; set; }

    public string? Family { get; set; }

    public string? Model { get; set; }

    public string? TaskType { get; set; }

    public List<InputFieldSetting> Fields { get; set; } = [];

    public PriceSetting? Price { get; set; }

    public string? VideoPath { get; set; }

    public string? PosterPath { get; set; }

    public bool? CanCancel { get; set; }
}

internal sealed class InputFieldSetting
{
    public string? Name { get; set; }

    /// <summary>One of <see cref="InputKind"/>'s names.</summary>
    public string? Kind { get; set; }

    public bool Required { get; set; }

    public bool Pinned { get; set; }

    public List<string> Allowed { get; set; } = [];

    public double? Min { get; set; }

    public double? Max { get; set; }

    public int? MaxLength { get; set; }

    public string? Default { get; set; }
}

internal sealed class PriceSetting
{
    /// <summary><c>PerSecond</c> or <c>PerCall</c>.</summary>
    public string? Unit { get; set; }

    public decimal? Usd { get; set; }

    public string? DurationField { get; set; }

    public List<PriceRuleSetting> Rules { get; set; } = [];
}

internal sealed class PriceRuleSetting
{
    public Dictionary<string, string> When { get; set; } = new(StringComparer.Ordinal);

    public decimal? Usd { get; set; }
}

/// <summary>Checks <see cref="ModelCatalogOptions"/>: its attributes, then <see cref="ModelCatalogOptions.Validate"/>.</summary>
[OptionsValidator]
internal sealed partial class ModelCatalogOptionsValidator : IValidateOptions<ModelCatalogOptions>;
