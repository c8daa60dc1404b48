namespace VideoVault.Storage;

/// <summary>How message text is put on the wire; Base64 is what the Functions queue trigger expects by default.</summary>
public enum QueueMessageEncoding
{
    Base64,
    None,
}
