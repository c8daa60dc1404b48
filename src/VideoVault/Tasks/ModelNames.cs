namespace VideoVault.Tasks;

/// <summary>PiAPI's names for the Sora 2 models and task types VideoVault accepts.</summary>
public static class ModelNames
{
    public const string Sora2 = "sora2";
    public const string Sora2Video = "sora2-video";
    public const string Sora2ProVideo = "sora2-pro-video";
}
