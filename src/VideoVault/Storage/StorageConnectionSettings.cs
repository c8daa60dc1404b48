using System.ComponentModel.DataAnnotations;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace VideoVault.Storage;

/// <summary>
/// A storage connection as the Functions host reads one, so one setting serves the host's queue
/// trigger and the app: a connection string under the name, or identity-based settings
/// <c>name__blobServiceUri</c>, <c>__queueServiceUri</c>, <c>__tableServiceUri</c>,
/// <c>__credential</c> and <c>__clientId</c>.
/// </summary>
internal sealed class StorageConnectionSettings : IValidatableObject
{
    public const string BlobServiceUriKey = "blobServiceUri";
    public const string QueueServiceUriKey = "queueServiceUri";
    public const string TableServiceUriKey = "tableServiceUri";
    public const string CredentialKey = "credential";
    public const string ClientIdKey = "clientId";

    /// <summary>The one <c>__credential</c> value the Functions host knows besides none (DefaultAzureCredential).</summary>
    public const string ManagedIdentity = "managedidentity";

    /// <summary>The keys of an identity-based connection, each set as <c>name__key</c>.</summary>
    public static IReadOnlyList<string> IdentityKeys { get; } = [BlobServiceUriKey, QueueServiceUriKey, TableServiceUriKey, CredentialKey, ClientIdKey];

    /// <summary>The setting's name, for error messages.</summary>
    public string Name { get; set; } = string.Empty;

    public string? ConnectionString { get; set; }

    public string? BlobServiceUri { get; set; }

    public string? QueueServiceUri { get; set; }

    public string? TableServiceUri { get; set; }

    public string? Credential { get; set; }

    public string? ClientId { get; set; }

    public bool UsesConnectionString => !string.IsNullOrWhiteSpace(ConnectionString);

    public void ReadFrom(IConfiguration configuration, string name)
    {
        var section = configuration.GetSection(name);
        Name = name;
        ConnectionString = section.Value;
        BlobServiceUri = section[BlobServiceUriKey];
        QueueServiceUri = section[QueueServiceUriKey];
        TableServiceUri = section[TableServiceUriKey];
        Credential = section[CredentialKey];
        ClientId = section[ClientIdKey];
    }

    /// <summary>Refuses at start-up a storage connection that no request could ever use.</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (UsesConnectionString)
        {
            if (!IsConnectionString(ConnectionString!))
            {
                // The value may hold an account key: name the setting, never echo it.
                yield return new ValidationResult($"Setting '{Name}' is not a storage connection string.");
            }

            yield break;
        }

        foreach (var (key, value) in new[] { (BlobServiceUriKey, BlobServiceUri), (QueueServiceUriKey, QueueServiceUri), (TableServiceUriKey, TableServiceUri) })
        {
            if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps)
            {
                yield return new ValidationResult($"Setting '{Name}__{key}' must be an absolute https URI (or set '{Name}' to a connection string).");
            }
        }

        if (Credential is { Length: > 0 } credential && !string.Equals(credential, ManagedIdentity, StringComparison.OrdinalIgnoreCase))
        {
            yield return new ValidationResult($"Setting '{Name}__{CredentialKey}' must be '{ManagedIdentity}' or absent.");
        }
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

/// <summary>Checks <see cref="StorageConnectionSettings"/> by <see cref="StorageConnectionSettings.Validate"/>.</summary>
[OptionsValidator]
internal sealed partial class StorageConnectionSettingsValidator : IValidateOptions<StorageConnectionSettings>;
