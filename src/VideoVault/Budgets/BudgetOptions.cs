using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace VideoVault.Budgets;

/// <summary>
/// Spend limits (section <c>Budgets</c>), held across every host that shares the storage account. Zero means no
/// limit; estimated spend is counted whatever the limits, so the console can show it.
/// </summary>
internal sealed class BudgetOptions : IValidatableObject
{
    public const string SectionName = "Budgets";

    /// <summary>The most tasks open at PiAPI at once (submitting, pending or processing); 0 for no limit.</summary>
    [Range(0, 10_000)]
    public int MaxOpenTasks { get; set; }

    /// <summary>The most estimated spend in US dollars per UTC day, over every model; 0 for no limit.</summary>
    [Range(typeof(decimal), "0", "1000000")]
    public decimal DailySpendUsd { get; set; }

    /// <summary>Per-model limits of estimated spend per UTC day, keyed by PiAPI's <c>model</c> (<c>Budgets__ModelDailySpendUsd__kling=20</c>); 0 for no limit.</summary>
    public Dictionary<string, decimal> ModelDailySpendUsd { get; set; } = new(StringComparer.Ordinal);

    /// <summary>What a task of a model whose price is unknown counts against spend: never zero, so such tasks cannot slip past a limit.</summary>
    [Range(typeof(decimal), "0.000001", "10000")]
    public decimal UnknownPriceUsd { get; set; } = 1m;

    public decimal ModelLimit(string model) => ModelDailySpendUsd.TryGetValue(model, out var limit) ? limit : 0m;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        [.. ModelDailySpendUsd.Where(pair => pair.Value < 0).Select(pair => new ValidationResult($"Budgets:ModelDailySpendUsd:{pair.Key} must not be negative."))];
}

/// <summary>Checks <see cref="BudgetOptions"/>: its attributes, then <see cref="BudgetOptions.Validate"/>.</summary>
[OptionsValidator]
internal sealed partial class BudgetOptionsValidator : IValidateOptions<BudgetOptions>;
