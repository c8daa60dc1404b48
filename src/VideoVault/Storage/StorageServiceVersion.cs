namespace VideoVault.Storage;

/// <summary>The one REST API version every storage request and SAS is made with.</summary>
/// <remarks>
/// Pinned so behaviour cannot shift under us; 2025-11-05 is accepted by Azure and by Azurite 3.37.
/// </remarks>
public static class StorageServiceVersion
{
    public const string Current = "2025-11-05";
}
