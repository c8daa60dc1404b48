namespace VideoVault.Tasks;

/// <summary>PiAPI's names for the Sora 2 models and task types VideoVault accepts.</summary>
internal static class ModelNames
{
    public const string Sora2 = "sora2";
    public const string Sora2Video = "sora2-video";
    public const string Sora2ProVideo = "sora2-pro-video";

    /// <summary>Sora 2 through PiAPI's streaming chat completions (<c>POST /v1/chat/completions</c>): no task type, no webhook.</summary>
    public const string Sora2Preview = "sora-2-preview";

    /// <inheritdoc cref="Sora2Preview"/>
    public const string Sora2HdPreview = "sora-2-hd-preview";

    /// <summary>Whether <paramref name="model"/> is generated through a chat completions stream rather than the task API.</summary>
    public static bool IsChatCompletions(string model) => model is Sora2Preview or Sora2HdPreview;
}
