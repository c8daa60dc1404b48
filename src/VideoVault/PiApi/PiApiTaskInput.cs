using System.Text.Json.Serialization;

namespace VideoVault.PiApi;

/// <summary>
/// The input of a Sora 2 task: <c>sora2-video</c> takes an optional <c>image_url</c>,
/// <c>sora2-pro-video</c> a <c>resolution</c>.
/// </summary>
public sealed record PiApiTaskInput
{
    public string? Prompt { get; init; }

    public string? AspectRatio { get; init; }

    public string? Resolution { get; init; }

    [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)]
    public int? Duration { get; init; }

    public string? ImageUrl { get; init; }
}
