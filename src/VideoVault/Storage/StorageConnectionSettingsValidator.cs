using Azure.Storage.Blobs;
using Microsoft.Extensions.Options;

namespace VideoVault.Storage;

/// <summary>Refuses at start-up a storage connection that no request could ever use.</summary>
internal sealed class StorageConnectionSettingsValidator : IValidateOptions<StorageConnectionSettings>
{
    public ValidateOptionsResult Validate(string? name, StorageConnectionSettings options)
    {
        if (options.UsesConnectionString)
        {
            return IsConnectionString(options.ConnectionString!)
                ? ValidateOptionsResult.Success
                // The value may hold an account key: name the setting, never echo it.
                : ValidateOptionsResult.Fail($"Setting '{options.Name}' is not a storage connection string.");
        }

        var failures = new List<string>();
        foreach (var (key, value) in new[]
        {
            (StorageConnectionSettings.BlobServiceUriKey, options.BlobServiceUri),
            (StorageConnectionSettings.QueueServiceUriKey, options.QueueServiceUri),
            (StorageConnectionSettings.TableServiceUriKey, options.TableServiceUri),
        })
        {
            if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps)
            {
                failures.Add($"Setting '{options.Name}__{key}' must be an absolute https URI (or set '{options.Name}' to a connection string).");
            }
        }

        if (options.Credential is { Length: > 0 } credential && !string.Equals(credential, StorageConnectionSettings.ManagedIdentity, StringComparison.OrdinalIgnoreCase))
        {
            failures.Add($"Setting '{options.Name}__{StorageConnectionSettings.CredentialKey}' must be '{StorageConnectionSettings.ManagedIdentity}' or absent.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>The SDK's own parser decides; constructing a client sends nothing.</summary>
    private static bool IsConnectionString(string value)
    {
        try
        {
            _ = new BlobServiceClient(value);
            return true;
        }
        catch (Exception exception) when (exception is FormatException or ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }
}
