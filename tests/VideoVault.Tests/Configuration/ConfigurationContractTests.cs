using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using VideoVault.Archiving;
using VideoVault.Events;
using VideoVault.Hosting;
using VideoVault.Inbound;
using VideoVault.PiApi;
using VideoVault.Storage;

namespace VideoVault.Tests.Configuration;

/// <summary>
/// Every setting the code reads (derived from the option classes and the storage connection, not
/// listed by hand) is written down wherever a user or a deployment looks for it, nothing there is a
/// setting the code does not read, and the values written down are the code's own defaults.
/// </summary>
public sealed class ConfigurationContractTests
{
    /// <summary>For development and tests only; deploying them would let downloads and webhooks reach private addresses.</summary>
    private static readonly AppSetting[] DevelopmentOnly =
        [.. AppSetting.Options.Where(s => s.Name is "Archive__AllowedHosts__" or "Events__AllowedHosts__")];

    /// <summary>Values that differ per environment by design; everything else equals the code's default.</summary>
    private static readonly string[] EnvironmentSpecific =
    [
        "VideoVault__PublicBaseUrl", "PiApi__BaseUrl", "PiApi__ApiKey", "WebhookSigning__CurrentKeyId", "WebhookSigning__Keys__", "Archive__AllowedHosts__",
        "Events__SigningSecrets__", "Events__AllowedHosts__", "Budgets__ModelDailySpendUsd__",
    ];

    [Fact]
    public void TheSampleLocalSettingsHaveEveryOptionAndAStorageConnectionString()
    {
        var names = SettingSources.Names(SettingSources.SampleLocalSettings);

        Assert.Empty(Missing([.. AppSetting.Options, AppSetting.StorageConnectionString], names));
    }

    [Fact]
    public void TheReadmeTableHasEverySetting()
    {
        var names = SettingSources.Names(SettingSources.Readme);

        Assert.Empty(Missing(AppSetting.All, names));
    }

    [Fact]
    public void TheBicepAppSettingsHaveEveryOptionAndTheIdentityBasedStorageConnection()
    {
        var names = SettingSources.Names(SettingSources.Bicep);

        Assert.Empty(Missing([.. AppSetting.Options.Except(DevelopmentOnly), .. AppSetting.StorageIdentity], names));
    }

    [Fact]
    public void TheBicepAppSettingsHoldNoAccountKeysAndNoDevelopmentOnlySettings()
    {
        var settings = SettingSources.Read(SettingSources.Bicep);
        var names = settings.Select(pair => pair.Key).ToList();

        Assert.Equal(2, DevelopmentOnly.Length);
        Assert.All(DevelopmentOnly, setting => Assert.DoesNotContain(names, setting.Matches));
        Assert.DoesNotContain(AppSetting.StorageConnectionString.Name, names);
        Assert.DoesNotContain("AzureWebJobsStorage", names);
        foreach (var connection in new[] { AppSetting.StorageConnectionString.Name, "AzureWebJobsStorage" })
        {
            Assert.Contains(KeyValuePair.Create($"{connection}__{StorageConnectionSettings.CredentialKey}", (string?)StorageConnectionSettings.ManagedIdentity), settings);
            Assert.Contains($"{connection}__{StorageConnectionSettings.ClientIdKey}", names);
        }
    }

    [Fact]
    public void TheBicepAppSettingsSendTheWorkersTelemetryToApplicationInsights()
    {
        var names = SettingSources.Names(SettingSources.Bicep);

        // Read by the worker's Application Insights SDK; the authentication string makes it sign in with the
        // identity, which the component requires (local authentication is off).
        Assert.Contains("APPLICATIONINSIGHTS_CONNECTION_STRING", names);
        Assert.Contains("APPLICATIONINSIGHTS_AUTHENTICATION_STRING", names);
    }

    [Theory]
    [InlineData(SettingSources.SampleLocalSettings)]
    [InlineData(SettingSources.Readme)]
    [InlineData(SettingSources.Bicep)]
    public void NothingIsWrittenDownThatTheCodeDoesNotRead(string source)
    {
        var unknown = SettingSources.Names(source)
            .Where(AppSetting.IsInAppSection)
            .Where(name => !AppSetting.All.Any(setting => setting.Matches(name)));

        Assert.Empty(unknown);
    }

    [Fact]
    public void TheSampleLocalSettingsAreAValidConfiguration()
    {
        using var provider = Provider(SettingSources.Read(SettingSources.SampleLocalSettings));

        // Reading each value runs the same validation the hosts run at start-up.
        Assert.NotNull(provider.GetRequiredService<IOptions<VideoVaultOptions>>().Value);
        Assert.NotNull(provider.GetRequiredService<IOptions<PiApiOptions>>().Value);
        Assert.NotNull(provider.GetRequiredService<IOptions<WebhookSigningOptions>>().Value);
        Assert.NotNull(provider.GetRequiredService<IOptions<ArchiveOptions>>().Value);
        Assert.NotNull(provider.GetRequiredService<IOptions<EventOptions>>().Value);
        Assert.NotNull(provider.GetRequiredService<IOptions<VideoVault.Budgets.BudgetOptions>>().Value);
        Assert.NotNull(provider.GetRequiredService<IOptions<StorageConnectionSettings>>().Value);
        Assert.NotNull(provider.GetRequiredService<Azure.Storage.Queues.QueueServiceClient>());
    }

    [Theory]
    [InlineData("VideoVault__StreamLease", "00:00:01", "StreamLease must be at least twice StreamIdleTimeout")]
    [InlineData("VideoVault__MaxSubmitAttempts", "0", "MaxSubmitAttempts")]
    [InlineData("PiApi__BaseUrl", "ftp://piapi.example", "PiApi:BaseUrl must be an absolute http(s) URI")]
    [InlineData("WebhookSigning__CurrentKeyId", "nokey", "WebhookSigning:CurrentKeyId must name one of WebhookSigning:Keys")]
    [InlineData("Archive__MaxRedirects", "-1", "MaxRedirects")]
    [InlineData("Events__ResponseTimeout", "00:10:00", "ResponseTimeout")]
    [InlineData("VideoVaultStorage", "not a connection string", "is not a storage connection string")]
    [InlineData("Budgets__UnknownPriceUsd", "0", "UnknownPriceUsd")]
    public void A_bad_value_in_any_section_stops_the_start(string key, string value, string message)
    {
        var settings = SettingSources.Read(SettingSources.SampleLocalSettings).Where(pair => pair.Key != key).Append(KeyValuePair.Create(key, (string?)value));
        using var provider = Provider(settings);

        var failure = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(message, failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(SettingSources.SampleLocalSettings)]
    [InlineData(SettingSources.Bicep)]
    public void TheValuesWrittenDownAreTheCodeDefaults(string source)
    {
        var sample = SettingSources.Read(SettingSources.SampleLocalSettings);
        var required = sample.Where(pair => IsEnvironmentSpecific(pair.Key) || AppSetting.StorageConnectionString.Matches(pair.Key)).ToList();
        var written = SettingSources.Read(source)
            .Where(pair => pair.Value is not null && !IsEnvironmentSpecific(pair.Key) && AppSetting.Options.Any(s => s.Matches(pair.Key)))
            .ToList();
        Assert.NotEmpty(written);

        using var defaults = Provider(required);
        using var configured = Provider([.. required, .. written]);

        foreach (var optionsType in AppSetting.OptionsTypes)
        {
            var expected = OptionsValue(defaults, optionsType);
            var actual = OptionsValue(configured, optionsType);
            foreach (var property in optionsType.GetProperties())
            {
                var setting = AppSetting.Options.Single(s => s.Name.TrimEnd('_') == $"{AppSetting.SectionName(optionsType)}__{property.Name}");
                if (written.Any(pair => setting.Matches(pair.Key)))
                {
                    Assert.True(
                        JsonSerializer.Serialize(property.GetValue(expected)) == JsonSerializer.Serialize(property.GetValue(actual)),
                        $"{source}: {setting.Name} is {JsonSerializer.Serialize(property.GetValue(actual))}, the code's default is {JsonSerializer.Serialize(property.GetValue(expected))}.");
                }
            }
        }
    }

    [Fact]
    public void TheWorkQueueTriggersResolveToTheQueueTheAppUses()
    {
        var sample = SettingSources.Read(SettingSources.SampleLocalSettings);
        using var provider = Provider(sample);
        var configuration = provider.GetRequiredService<IConfiguration>();
        var workQueue = provider.GetRequiredService<IOptions<VideoVaultOptions>>().Value.WorkQueue;

        Assert.Equal(workQueue, ResolveBindingExpression(WorkQueueNames.WorkQueueTrigger, configuration));
        Assert.Equal(WorkQueueNames.Poison(workQueue), ResolveBindingExpression(WorkQueueNames.PoisonQueueTrigger, configuration));
    }

    private static List<string> Missing(IEnumerable<AppSetting> expected, IReadOnlyList<string> names) =>
        [.. expected.Where(setting => !names.Any(setting.Matches)).Select(setting => setting.Name)];

    private static bool IsEnvironmentSpecific(string name) =>
        EnvironmentSpecific.Any(prefix => name == prefix || (prefix.EndsWith("__", StringComparison.Ordinal) && name.StartsWith(prefix, StringComparison.Ordinal)));

    /// <summary>The app's own registration over app settings, as both hosts read them (<c>__</c> is <c>:</c>).</summary>
    private static ServiceProvider Provider(IEnumerable<KeyValuePair<string, string?>> settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(pair => KeyValuePair.Create(pair.Key.Replace("__", ":", StringComparison.Ordinal), pair.Value)))
            .Build();
        return new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddVideoVault(configuration)
            .BuildServiceProvider();
    }

    private static object OptionsValue(IServiceProvider provider, Type optionsType)
    {
        var optionsInterface = typeof(IOptions<>).MakeGenericType(optionsType);
        return optionsInterface.GetProperty(nameof(IOptions<object>.Value))!.GetValue(provider.GetRequiredService(optionsInterface))!;
    }

    /// <summary>Resolves <c>%name%</c> the way the Functions host does: from configuration.</summary>
    private static string ResolveBindingExpression(string expression, IConfiguration configuration)
    {
        var start = expression.IndexOf('%', StringComparison.Ordinal);
        var end = expression.IndexOf('%', start + 1);
        Assert.True(start >= 0 && end > start, $"'{expression}' is not a binding expression.");
        var value = configuration[expression[(start + 1)..end]];
        Assert.NotNull(value);
        return expression[..start] + value + expression[(end + 1)..];
    }
}
