namespace VideoVault.PiApiSimulator.Video.Pattern;

/// <summary>A colour as 8-bit limited-range samples (BT.601), the values I_PCM macroblocks carry.</summary>
internal readonly record struct YCbCr(byte Y, byte Cb, byte Cr);
