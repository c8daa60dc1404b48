using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace VideoVault.PiApiSimulator.Consumer;

/// <summary>
/// A receiver's Standard Webhooks check, written from the spec apart from VideoVault's signer: the
/// timestamp within 5 minutes, and one <c>v1</c> signature of <c>id.timestamp.body</c> matching one of
/// the receiver's secrets, compared in constant time.
/// </summary>
internal static class SignatureCheck
{
    public static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    /// <returns>Null when the delivery is authentic, else why not.</returns>
    public static string? Verify(IEnumerable<string> secrets, string? id, string? timestamp, string? signatures, byte[] body, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(id) || string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(signatures))
        {
            return "missing webhook-id, webhook-timestamp or webhook-signature";
        }

        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || (now - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() > Tolerance)
        {
            return "timestamp missing or outside the tolerance";
        }

        var content = Encoding.UTF8.GetBytes($"{id}.{timestamp}.").Concat(body).ToArray();
        var presented = signatures.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(s => s.StartsWith("v1,", StringComparison.Ordinal))
            .Select(s => TryBase64(s[3..]))
            .OfType<byte[]>()
            .ToList();
        foreach (var secret in secrets)
        {
            var expected = HMACSHA256.HashData(Convert.FromBase64String(secret["whsec_".Length..]), content);
            if (presented.Exists(signature => CryptographicOperations.FixedTimeEquals(signature, expected)))
            {
                return null;
            }
        }

        return "no signature matches";
    }

    private static byte[]? TryBase64(string text)
    {
        var buffer = new byte[text.Length];
        return Convert.TryFromBase64String(text, buffer, out var written) ? buffer[..written] : null;
    }
}
