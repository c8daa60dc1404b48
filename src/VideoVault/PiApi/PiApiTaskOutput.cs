namespace VideoVault.PiApi;

/// <summary>
/// A task's output. For Sora 2, <c>video</c> is the URL of the mp4 on PiAPI's short-lived CDN;
/// other output fields are ignored.
/// </summary>
public sealed record PiApiTaskOutput
{
    public string? Video { get; init; }
}
