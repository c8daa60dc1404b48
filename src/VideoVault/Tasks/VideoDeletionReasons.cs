namespace VideoVault.Tasks;

/// <summary>Why an archived video is gone, as the task records it.</summary>
internal static class VideoDeletionReasons
{
    /// <summary>Deleted through the API without a note of the caller's.</summary>
    public const string Requested = "requested";

    /// <summary>Removed by the storage lifecycle rule once its retention ran out.</summary>
    public const string Retention = "retention";

    /// <summary>Gone before its retention ran out (or with none set), without VideoVault deleting it: someone removed it in the portal or with a tool.</summary>
    public const string Missing = "missing";

    /// <summary>The reasons only VideoVault finds; a caller's note may not be one of them, so each keeps one meaning.</summary>
    public static bool IsReserved(string reason) => reason is Retention or Missing;
}
