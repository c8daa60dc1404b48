using System.Security.Cryptography;
using System.Text;

namespace VideoVault.Tasks;

/// <summary>Task ids: 32 lower-case hex digits (a GUID without dashes), safe in keys, paths and URLs.</summary>
internal static class TaskIds
{
    public static string New(TimeProvider timeProvider) => Guid.CreateVersion7(timeProvider.GetUtcNow()).ToString("N");

    /// <summary>
    /// The same key always names the same task, so the insert of the task entity is itself the
    /// idempotency check: a second submit with the key finds the first task, concurrently too.
    /// </summary>
    public static string FromIdempotencyKey(string key)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes("videovault-idempotency\n" + key));
        return Convert.ToHexStringLower(hash.AsSpan(0, 16));
    }

    public static bool IsValid(string? id) =>
        id is { Length: 32 } && id.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');
}
