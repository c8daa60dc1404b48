using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using VideoVault.IntegrationTests.Stack;

namespace VideoVault.IntegrationTests.Infrastructure;

/// <summary>
/// Finds secrets in captured log lines, wherever they were captured (an in-process logger or a dev host
/// process's standard output): the PiAPI key, the storage account key, a webhook signing key, or a
/// task's webhook secret under any signing key ever configured, or the event signing secret.
/// </summary>
public static class LogSecrets
{
    private const string SigningKeyPrefix = "WebhookSigning:Keys:";

    /// <returns>One line per secret that appears, with the first log line holding it.</returns>
    public static IReadOnlyList<string> Find(IEnumerable<string> logLines, string piApiKey, IEnumerable<(string KeyId, string Key)> signingKeys, IEnumerable<string> taskIds)
    {
        var secrets = new List<(string What, string Value)>
        {
            ("the PiAPI key", piApiKey),
            ("the storage account key", AzuriteProcess.AccountKey),
            ("the event signing secret", StackSettings.EventSecret["whsec_".Length..]),
        };
        var ids = taskIds.ToList();
        foreach (var (keyId, key) in signingKeys)
        {
            secrets.Add(($"signing key {keyId}", key));
            foreach (var taskId in ids)
            {
                // The MAC part alone: it is what makes the secret secret, whatever prefix a log adds.
                secrets.Add(($"the {keyId} webhook secret of task {taskId}", Base64Url.EncodeToString(HMACSHA256.HashData(Convert.FromBase64String(key), Encoding.UTF8.GetBytes(taskId)))));
            }
        }

        var lines = logLines.ToList();
        var all = string.Join('\n', lines);
        return secrets
            .Where(secret => all.Contains(secret.Value, StringComparison.Ordinal))
            .Select(secret => $"{secret.What}: {lines.First(line => line.Contains(secret.Value, StringComparison.Ordinal))}")
            .ToList();
    }

    /// <summary>The signing keys among app settings (<c>WebhookSigning:Keys:&lt;id&gt;</c>).</summary>
    public static IEnumerable<(string KeyId, string Key)> SigningKeys(IEnumerable<KeyValuePair<string, string?>> settings)
    {
        foreach (var (name, value) in settings)
        {
            if (name.StartsWith(SigningKeyPrefix, StringComparison.OrdinalIgnoreCase) && value is not null)
            {
                yield return (name[SigningKeyPrefix.Length..], value);
            }
        }
    }
}
