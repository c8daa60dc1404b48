using System.Buffers.Text;
using System.Text;
using VideoVault.Storage;

namespace VideoVault.Http;

/// <summary>Turns Table continuation keys into one opaque URL-safe token and back.</summary>
public sealed class ContinuationTokens
{
    private const char Separator = '\n';

    public string? Write(TableContinuation? continuation) =>
        continuation is null ? null : Base64Url.EncodeToString(Encoding.UTF8.GetBytes(continuation.NextPartitionKey + Separator + continuation.NextRowKey));

    public TableContinuation? Read(string? token, out bool valid)
    {
        valid = true;
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        var bytes = new byte[Base64Url.GetMaxDecodedLength(token.Length)];
        if (token.Length > 1024 || !Base64Url.IsValid(token) || !Base64Url.TryDecodeFromChars(token, bytes, out var written))
        {
            valid = false;
            return null;
        }

        var parts = Encoding.UTF8.GetString(bytes, 0, written).Split(Separator);
        if (parts.Length != 2 || parts[0].Length == 0)
        {
            valid = false;
            return null;
        }

        return new TableContinuation(parts[0], parts[1].Length == 0 ? null : parts[1]);
    }
}
