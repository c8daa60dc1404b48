using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace VideoVault.Inbound;

/// <summary>
/// Per-task webhook secrets: <c>keyId.base64url(HMAC-SHA256(key, taskId))</c>. Nothing is stored;
/// the secret is recomputed from the task id, so a leaked secret opens one task only.
/// </summary>
internal sealed class TaskWebhookSecrets(IOptionsMonitor<WebhookSigningOptions> options)
{
    public string Create(string taskId)
    {
        var current = options.CurrentValue;
        return current.CurrentKeyId + "." + Base64Url.EncodeToString(Mac(current.Keys[current.CurrentKeyId], taskId));
    }

    public WebhookVerification Verify(string taskId, string? presented)
    {
        if (string.IsNullOrEmpty(presented))
        {
            return WebhookVerification.MissingSecret;
        }

        var dot = presented.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || dot == presented.Length - 1 || presented.Length > 128)
        {
            return WebhookVerification.MalformedSecret;
        }

        if (!options.CurrentValue.Keys.TryGetValue(presented[..dot], out var key))
        {
            return WebhookVerification.UnknownKey;
        }

        // TryDecodeFromChars throws rather than fails on characters outside the alphabet.
        var encodedMac = presented.AsSpan(dot + 1);
        var presentedMac = new byte[Base64Url.GetMaxDecodedLength(encodedMac.Length)];
        if (!Base64Url.IsValid(encodedMac) || !Base64Url.TryDecodeFromChars(encodedMac, presentedMac, out var written))
        {
            return WebhookVerification.MalformedSecret;
        }

        // Constant time, so response timing reveals nothing about how much of a guess was right.
        return CryptographicOperations.FixedTimeEquals(presentedMac.AsSpan(0, written), Mac(key, taskId))
            ? WebhookVerification.Verified
            : WebhookVerification.Mismatch;
    }

    private static byte[] Mac(string base64Key, string taskId) =>
        HMACSHA256.HashData(Convert.FromBase64String(base64Key), Encoding.UTF8.GetBytes(taskId));
}
