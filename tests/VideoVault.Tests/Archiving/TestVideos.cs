namespace VideoVault.Tests.Archiving;

/// <summary>Bodies that pass (or deliberately fail) the archiver's sniffing.</summary>
internal static class TestVideos
{
    public static readonly byte[] Mp4Header = [0x00, 0x00, 0x00, 0x20, (byte)'f', (byte)'t', (byte)'y', (byte)'p', (byte)'i', (byte)'s', (byte)'o', (byte)'m'];

    public static readonly byte[] WebMHeader = [0x1A, 0x45, 0xDF, 0xA3, 0x9F, 0x42, 0x86, 0x81, 0x01];

    public static byte[] Mp4(int length, int seed) => WithHeader(Mp4Header, length, seed);

    public static byte[] WebM(int length, int seed) => WithHeader(WebMHeader, length, seed);

    private static byte[] WithHeader(byte[] header, int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        header.CopyTo(bytes, 0);
        return bytes;
    }
}
