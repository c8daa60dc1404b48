namespace VideoVault.PiApiSimulator.Ledger;

/// <summary>Size and SHA-256 of the video the simulator serves for a task.</summary>
public sealed record VideoFingerprint(long Size, byte[] Sha256)
{
    public string Sha256Hex => Convert.ToHexStringLower(Sha256);

    public string Sha256Base64 => Convert.ToBase64String(Sha256);
}
