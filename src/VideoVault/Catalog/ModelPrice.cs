namespace VideoVault.Catalog;

/// <summary>How PiAPI charges for a model: per second of video or per call, in US dollars.</summary>
internal enum PriceUnit
{
    PerSecond,
    PerCall,
}

/// <summary>A price that applies when every input in <see cref="When"/> has the given value (as in <see cref="InputField.Allowed"/>).</summary>
internal sealed record PriceRule(IReadOnlyDictionary<string, string> When, decimal Usd);

/// <summary>
/// A model's price: the first rule whose inputs match, else <see cref="Usd"/>. Per-second prices are multiplied
/// by the seconds in <see cref="DurationField"/> (an integer, or a string such as Veo's <c>"8s"</c>).
/// </summary>
internal sealed record ModelPrice(PriceUnit Unit, decimal Usd)
{
    public const string DefaultDurationField = "duration";

    public IReadOnlyList<PriceRule> Rules { get; init; } = [];

    public string DurationField { get; init; } = DefaultDurationField;
}
