using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace VideoVault.Events.Delivery;

/// <summary>
/// Standard Webhooks' symmetric signatures: <c>v1,</c> + base64(HMAC-SHA256(secret, <c>id.timestamp.body</c>)),
/// one per configured secret, space-separated in <c>webhook-signature</c>, so receivers keep verifying
/// while a secret is rotated.
/// </summary>
internal sealed class StandardWebhookSigner(IOptionsMonitor<EventOptions> options)
{
    public const string IdHeader = "webhook-id";
    public const string TimestampHeader = "webhook-timestamp";
    public const string SignatureHeader = "webhook-signature";
    public const string SecretPrefix = "whsec_";

    /// <summary>The spec's bounds for a symmetric secret: 192 to 512 bits.</summary>
    private const int MinimumSecretBytes = 24;
    private const int MaximumSecretBytes = 64;

    public string Sign(string id, DateTimeOffset timestamp, ReadOnlySpan<byte> body) =>
        Sign(options.CurrentValue.SigningSecrets, id, timestamp.ToUnixTimeSeconds(), body);

    public static string Sign(IEnumerable<string> secrets, string id, long unixTimestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{id}.{unixTimestamp}."));
        var content = new byte[prefix.Length + body.Length];
        prefix.CopyTo(content, 0);
        body.CopyTo(content.AsSpan(prefix.Length));
        return string.Join(' ', secrets.Select(secret => "v1," + Convert.ToBase64String(HMACSHA256.HashData(Key(secret), content))));
    }

    /// <summary>Whether <paramref name="secret"/> is <c>whsec_</c> + base64 of 24 to 64 bytes (the prefix may be left out, as the reference libraries allow).</summary>
    public static bool TryDecodeSecret(string? secret, [NotNullWhen(true)] out byte[]? key)
    {
        key = null;
        if (string.IsNullOrWhiteSpace(secret))
        {
            return false;
        }

        var encoded = secret.StartsWith(SecretPrefix, StringComparison.Ordinal) ? secret[SecretPrefix.Length..] : secret;
        var buffer = new byte[encoded.Length];
        if (!Convert.TryFromBase64String(encoded, buffer, out var written) || written is < MinimumSecretBytes or > MaximumSecretBytes)
        {
            return false;
        }

        key = buffer[..written];
        return true;
    }

    private static byte[] Key(string secret) =>
        TryDecodeSecret(secret, out var key) ? key : throw new InvalidOperationException("A signing secret is not whsec_ + base64 of 24 to 64 bytes; start-up validation should have refused it.");
}
