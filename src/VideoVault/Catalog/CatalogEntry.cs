namespace VideoVault.Catalog;

/// <summary>
/// One video model VideoVault can submit: what it sends PiAPI (<see cref="Model"/>, <see cref="TaskType"/>, the
/// input values its <see cref="InputField.Pinned"/> fields select), which inputs it takes, its price, where its
/// output keeps the video and a poster, and whether PiAPI can cancel it.
/// </summary>
internal sealed record CatalogEntry
{
    /// <summary>The entry's own name, stable across versions: stored on each task, used in settings.</summary>
    public required string Id { get; init; }

    /// <summary>A human name for lists: "Kling 3.0", "Veo 3.1 Fast".</summary>
    public required string Family { get; init; }

    public required string Model { get; init; }

    public required string TaskType { get; init; }

    public required IReadOnlyList<InputField> Fields { get; init; }

    /// <summary>Null when the vendor's price is not known.</summary>
    public ModelPrice? Price { get; init; }

    /// <summary>Where the video URL sits in <c>output</c> (see <see cref="OutputPath"/>); null tries every known shape.</summary>
    public string? VideoPath { get; init; }

    /// <summary>Where a cover or thumbnail URL sits in <c>output</c>; null tries every known shape.</summary>
    public string? PosterPath { get; init; }

    /// <summary>Whether PiAPI documents <c>DELETE /api/v1/task/{id}</c> (pending tasks only) for this model.</summary>
    public bool CanCancel { get; init; }

    /// <summary>Whether new tasks may use it; a disabled entry still serves the tasks already made with it.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>
    /// The facts this entry rests on that the vendor's docs did not confirm (shared/piapi/video-models.md marks them
    /// "not found"); empty when every fact is verified.
    /// </summary>
    public IReadOnlyList<string> Unverified { get; init; } = [];

    /// <summary>Whether the entry came from settings rather than the built-in list.</summary>
    public bool FromSettings { get; init; }

    public InputField? Field(string name) => Fields.FirstOrDefault(field => field.Name == name);
}
