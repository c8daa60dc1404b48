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
    public const string BlobServiceUri = "blobServiceUri";
    public const string QueueServiceUri = "queueServiceUri";
    public const string TableServiceUri = "tableServiceUri";
    public const string Credential = "credential";
    public const string ClientId = "clientId";

    /// <summary>The keys of an identity-based connection, each set as <c>name__key</c>.</summary>
    public static IReadOnlyList<string> IdentitySettings { get; } = [BlobServiceUri, QueueServiceUri, TableServiceUri, Credential, ClientId];

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
            ServiceUri(section, BlobServiceUri),
            ServiceUri(section, QueueServiceUri),
            ServiceUri(section, TableServiceUri),
            CreateCredential(section));
    }

    private static Uri ServiceUri(IConfigurationSection section, string key) =>
        Uri.TryCreate(section[key], UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps
            ? uri
            : throw new InvalidOperationException($"Setting '{section.Path}__{key}' must be an absolute https URI.");

    private static TokenCredential CreateCredential(IConfigurationSection section)
    {
        var clientId = section[ClientId];
        return string.Equals(section[Credential], "managedidentity", StringComparison.OrdinalIgnoreCase)
            ? new ManagedIdentityCredential(string.IsNullOrEmpty(clientId) ? ManagedIdentityId.SystemAssigned : ManagedIdentityId.FromUserAssignedClientId(clientId))
            : new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = clientId });
    }
}
