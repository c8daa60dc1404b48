using Azure.Identity;
using Microsoft.Extensions.Configuration;
using VideoVault.Storage;

namespace VideoVault.Tests.Storage;

public sealed class StorageConnectionConfigurationTests
{
    private static IConfiguration Configuration(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))).Build();

    [Fact]
    public void A_connection_string_under_the_name_is_parsed()
    {
        var connection = StorageConnectionConfiguration.Read(Configuration(("VideoVaultStorage", "UseDevelopmentStorage=true")), "VideoVaultStorage");

        Assert.NotNull(connection.SharedKey);
        Assert.Equal(new Uri("http://127.0.0.1:10000/devstoreaccount1"), connection.BlobEndpoint);
    }

    [Fact]
    public void Identity_based_settings_give_a_token_connection_named_after_the_host()
    {
        var connection = StorageConnectionConfiguration.Read(
            Configuration(
                ("VideoVaultStorage:blobServiceUri", "https://vault.blob.core.windows.net/"),
                ("VideoVaultStorage:queueServiceUri", "https://vault.queue.core.windows.net"),
                ("VideoVaultStorage:tableServiceUri", "https://vault.table.core.windows.net")),
            "VideoVaultStorage");

        Assert.Null(connection.SharedKey);
        Assert.IsType<DefaultAzureCredential>(connection.TokenCredential);
        Assert.Equal("vault", connection.AccountName);
        Assert.Equal("https://vault.blob.core.windows.net", connection.BlobEndpoint.AbsoluteUri.TrimEnd('/'));
        Assert.Equal(new Uri("https://vault.queue.core.windows.net"), connection.QueueEndpoint);
        Assert.Equal(new Uri("https://vault.table.core.windows.net"), connection.TableEndpoint);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("6d0f2a5e-0000-4000-8000-000000000001")]
    public void Credential_managedidentity_uses_the_managed_identity_with_or_without_a_client_id(string? clientId)
    {
        var settings = new List<(string, string)>
        {
            ("Storage:blobServiceUri", "https://vault.blob.core.windows.net"),
            ("Storage:queueServiceUri", "https://vault.queue.core.windows.net"),
            ("Storage:tableServiceUri", "https://vault.table.core.windows.net"),
            ("Storage:credential", "ManagedIdentity"),
        };
        if (clientId is not null)
        {
            settings.Add(("Storage:clientId", clientId));
        }

        var connection = StorageConnectionConfiguration.Read(Configuration([.. settings]), "Storage");

        Assert.IsType<ManagedIdentityCredential>(connection.TokenCredential);
    }

    [Fact]
    public void Double_underscore_environment_variables_map_to_the_same_settings()
    {
        // The Functions host documents the settings as name__blobServiceUri; .NET configuration reads
        // double underscores in environment variable names as the section separator.
        var prefix = "VVTEST" + Guid.NewGuid().ToString("N")[..8] + "_";
        Environment.SetEnvironmentVariable(prefix + "Storage__blobServiceUri", "https://vault.blob.core.windows.net");
        Environment.SetEnvironmentVariable(prefix + "Storage__queueServiceUri", "https://vault.queue.core.windows.net");
        Environment.SetEnvironmentVariable(prefix + "Storage__tableServiceUri", "https://vault.table.core.windows.net");
        try
        {
            var configuration = new ConfigurationBuilder().AddEnvironmentVariables(prefix).Build();

            var connection = StorageConnectionConfiguration.Read(configuration, "Storage");

            Assert.Equal("vault", connection.AccountName);
        }
        finally
        {
            foreach (var service in new[] { "blob", "queue", "table" })
            {
                Environment.SetEnvironmentVariable($"{prefix}Storage__{service}ServiceUri", null);
            }
        }
    }

    [Fact]
    public void A_missing_connection_names_both_ways_to_configure_it()
    {
        var error = Assert.Throws<InvalidOperationException>(() => StorageConnectionConfiguration.Read(Configuration(("Other", "x")), "VideoVaultStorage"));

        Assert.Contains("'VideoVaultStorage'", error.Message, StringComparison.Ordinal);
        Assert.Contains("blobServiceUri", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("queueServiceUri", null)]
    [InlineData("tableServiceUri", "not a uri")]
    [InlineData("blobServiceUri", "http://vault.blob.core.windows.net")]
    public void A_missing_or_non_https_service_uri_names_the_setting(string setting, string? value)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Storage:blobServiceUri"] = "https://vault.blob.core.windows.net",
            ["Storage:queueServiceUri"] = "https://vault.queue.core.windows.net",
            ["Storage:tableServiceUri"] = "https://vault.table.core.windows.net",
        };
        settings["Storage:" + setting] = value;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();

        var error = Assert.Throws<InvalidOperationException>(() => StorageConnectionConfiguration.Read(configuration, "Storage"));

        Assert.Contains("Storage__" + setting, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_invalid_connection_string_is_reported_without_the_key()
    {
        const string badKey = "AccountName=vault;AccountKey=c2VjcmV0LWtleQ==;BlobEndpoint=ftp://x";

        var error = Assert.ThrowsAny<FormatException>(() => StorageConnectionConfiguration.Read(Configuration(("Storage", badKey)), "Storage"));

        Assert.DoesNotContain("c2VjcmV0LWtleQ==", error.ToString(), StringComparison.Ordinal);
    }
}
