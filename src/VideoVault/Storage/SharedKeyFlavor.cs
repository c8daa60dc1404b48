namespace VideoVault.Storage;

/// <summary>Blob and Queue sign one string layout, Table another.</summary>
public enum SharedKeyFlavor
{
    BlobOrQueue,
    Table,
}
