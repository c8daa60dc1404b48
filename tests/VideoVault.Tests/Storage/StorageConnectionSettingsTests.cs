using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using VideoVault.Storage;

namespace VideoVault.Tests.Storage;

/// <summary>The storage connection is read as the Functions host reads it and refused at start-up when unusable.</summary>
public sealed class StorageConnectionSettingsTests
{
    private const string Name = "VideoVaultStorage";

    private static StorageConnectionSettings Read(Dictionary<string, string?> values)
    {
        var settings = new StorageConnectionSettings();
        settings.ReadFrom(new ConfigurationBuilder().AddInMemoryCollection(values).Build(), Name);
        return settings;
    }

    private static ValidateOptionsResult Validate(Dictionary<string, string?> values) =>
        new StorageConnectionSettingsValidator().Validate(null, Read(values));

    [Fact]
    public void A_connection_string_under_the_name_is_used_as_it_is()
    {
        var settings = Read(new() { [Name] = "UseDevelopmentStorage=true" });

        Assert.True(settings.UsesConnectionString);
        Assert.True(Validate(new() { [Name] = "UseDevelopmentStorage=true" }).Succeeded);
    }

    [Fact]
    public void The_identity_settings_of_the_functions_host_are_read_with_double_underscores()
    {
        var configuration = new ConfigurationBuilder().AddEnvironmentVariables("VVTEST_").Build();
        Environment.SetEnvironmentVariable($"VVTEST_{Name}__blobServiceUri", "https://acct.blob.core.windows.net");
        Environment.SetEnvironmentVariable($"VVTEST_{Name}__clientId", "00000000-0000-0000-0000-000000000001");
        try
        {
            configuration.Reload();
            var settings = new StorageConnectionSettings();
            settings.ReadFrom(configuration, Name);

            Assert.False(settings.UsesConnectionString);
            Assert.Equal("https://acct.blob.core.windows.net", settings.BlobServiceUri);
            Assert.Equal("00000000-0000-0000-0000-000000000001", settings.ClientId);
        }
        finally
        {
            Environment.SetEnvironmentVariable($"VVTEST_{Name}__blobServiceUri", null);
            Environment.SetEnvironmentVariable($"VVTEST_{Name}__clientId", null);
        }
    }

    [Fact]
    public void A_complete_identity_connection_is_valid()
    {
        var result = Validate(Identity());

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Theory]
    [InlineData("blobServiceUri")]
    [InlineData("queueServiceUri")]
    [InlineData("tableServiceUri")]
    public void An_identity_connection_needs_all_three_https_endpoints(string key)
    {
        var missing = Identity();
        missing.Remove($"{Name}:{key}");
        var plain = Identity();
        plain[$"{Name}:{key}"] = "http://acct.example.net";

        Assert.Contains($"{Name}__{key}", Validate(missing).FailureMessage, StringComparison.Ordinal);
        Assert.Contains($"{Name}__{key}", Validate(plain).FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Nothing_configured_is_refused_with_the_settings_to_set()
    {
        var result = Validate([]);

        Assert.False(result.Succeeded);
        Assert.Contains($"{Name}__blobServiceUri", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains($"set '{Name}' to a connection string", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_credential_kind_is_refused()
    {
        var values = Identity();
        values[$"{Name}:credential"] = "clientsecret";

        Assert.Contains($"{Name}__credential", Validate(values).FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void A_malformed_connection_string_is_refused_without_echoing_it()
    {
        var result = Validate(new() { [Name] = "AccountName=acct;AccountKey=c2VjcmV0LWtleQ==;Garbage" });

        Assert.False(result.Succeeded);
        Assert.DoesNotContain("c2VjcmV0LWtleQ", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void The_app_refuses_to_start_with_an_unusable_connection()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [$"{Name}:blobServiceUri"] = "nonsense" }).Build();
        using var provider = new ServiceCollection().AddStorageClients(configuration, Name).BuildServiceProvider();

        Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<StorageConnectionSettings>>().Value);
    }

    [Fact]
    public void Identity_clients_point_at_the_configured_endpoints_with_the_pinned_versions()
    {
        var settings = Read(Identity());
        var factory = new StorageClientFactory(Options.Create(settings));

        Assert.Equal("acct", factory.CreateBlobServiceClient().AccountName);
        Assert.Equal(new Uri("https://acct.queue.core.windows.net/"), factory.CreateQueueServiceClient().Uri);
        Assert.Equal("acct", factory.CreateTableServiceClient().AccountName);
        Assert.False(factory.CreateBlobServiceClient().CanGenerateAccountSasUri);
    }

    private static Dictionary<string, string?> Identity() => new()
    {
        [$"{Name}:blobServiceUri"] = "https://acct.blob.core.windows.net",
        [$"{Name}:queueServiceUri"] = "https://acct.queue.core.windows.net",
        [$"{Name}:tableServiceUri"] = "https://acct.table.core.windows.net",
        [$"{Name}:credential"] = "managedidentity",
        [$"{Name}:clientId"] = "00000000-0000-0000-0000-000000000001",
    };
}
