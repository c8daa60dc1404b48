namespace VideoVault.Catalog;

/// <summary>One field of a model's <c>input</c>: its type and the values PiAPI takes.</summary>
/// <param name="Name">The field's name in PiAPI's input, e.g. <c>aspect_ratio</c>.</param>
internal sealed record InputField(string Name, InputKind Kind)
{
    /// <summary>URLs longer than this are refused: PiAPI's examples are far shorter, and a long one is a mistake or an attack.</summary>
    public const int DefaultMaxUrlLength = 2048;

    public bool Required { get; init; }

    /// <summary>
    /// The values taken, written as JSON scalars without quotes (<c>16:9</c>, <c>8s</c>, <c>4</c>, <c>true</c>);
    /// null when any value of the kind (within <see cref="Min"/>/<see cref="Max"/>) is taken.
    /// </summary>
    public IReadOnlyList<string>? Allowed { get; init; }

    public double? Min { get; init; }

    public double? Max { get; init; }

    /// <summary>Characters of a string or URL, or items of a list.</summary>
    public int? MaxLength { get; init; }

    /// <summary>
    /// Whether the field picks the entry among those that share a model and task type (Kling's <c>version</c>,
    /// Hailuo's <c>model</c>): a pinned field is required and sent as given.
    /// </summary>
    public bool Pinned { get; init; }

    /// <summary>What PiAPI assumes when the field is left out, as in <see cref="Allowed"/>; used to estimate the price.</summary>
    public string? Default { get; init; }
}
