using System.Buffers.Text;
using System.Text;

namespace VideoVault.Http;

/// <summary>Wraps the store's continuation in one opaque URL-safe token and back.</summary>
internal sealed class ContinuationTokens
{
    private const int MaxTokenLength = 1024;

    public string? Write(string? continuation) =>
        continuation is null ? null : Base64Url.EncodeToString(Encoding.UTF8.GetBytes(continuation));

    /// <returns>The store's continuation, or null for the first page; <paramref name="valid"/> is false for a token this API did not write.</returns>
    public string? Read(string? token, out bool valid)
    {
        valid = true;
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        var bytes = new byte[Base64Url.GetMaxDecodedLength(token.Length)];
        if (token.Length > MaxTokenLength || !Base64Url.IsValid(token) || !Base64Url.TryDecodeFromChars(token, bytes, out var written) || written == 0)
        {
            valid = false;
            return null;
        }

        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes, 0, written);
        }
        catch (DecoderFallbackException)
        {
            valid = false;
            return null;
        }
    }
}
