using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.Configuration;

namespace VideoVault.Storage;

/// <summary>
/// Reads a storage connection the way the Functions host does: either a connection string under
/// the name, or identity-based settings <c>name__blobServiceUri</c>, <c>__queueServiceUri</c>,
/// <c>__tableServiceUri</c>, <c>__credential</c> and <c>__clientId</c>, so one setting serves both.
/// </summary>
public static class StorageConnectionConfiguration
{
    public static StorageConnection Read(IConfiguration configuration, string name)
    {
        var connectionString = configuration[name];
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            return StorageConnection.Parse(connectionString);
        }

        var section = configuration.GetSection(name);
        if (!section.Exists())
        {
            throw new InvalidOperationException($"Storage connection '{name}' is not configured: set '{name}' to a connection string or '{name}__blobServiceUri', '__queueServiceUri' and '__tableServiceUri'.");
        }

        return StorageConnection.WithTokenCredential(
            ServiceUri(section, "blobServiceUri"),
            ServiceUri(section, "queueServiceUri"),
            ServiceUri(section, "tableServiceUri"),
            Credential(section));
    }

    private static Uri ServiceUri(IConfigurationSection section, string key) =>
        Uri.TryCreate(section[key], UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps
            ? uri
            : throw new InvalidOperationException($"Setting '{section.Path}__{key}' must be an absolute https URI.");

    private static TokenCredential Credential(IConfigurationSection section)
    {
        var clientId = section["clientId"];
        return string.Equals(section["credential"], "managedidentity", StringComparison.OrdinalIgnoreCase)
            ? new ManagedIdentityCredential(string.IsNullOrEmpty(clientId) ? ManagedIdentityId.SystemAssigned : ManagedIdentityId.FromUserAssignedClientId(clientId))
            : new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = clientId });
    }
}
