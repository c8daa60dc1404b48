using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using VideoVault.PiApi;

namespace VideoVault.Tests.PiApi;

public sealed class PiApiServiceCollectionExtensionsTests
{
    [Fact]
    public void DefaultsApplyWhenOnlyTheApiKeyIsConfigured()
    {
        using var provider = BuildProvider(new() { ["PiApi:ApiKey"] = "k" });

        var options = provider.GetRequiredService<IOptions<PiApiOptions>>().Value;

        Assert.Equal(new Uri("https://api.piapi.ai"), options.BaseUrl);
        Assert.Equal(TimeSpan.FromSeconds(30), options.Timeout);
        Assert.IsType<PiApiClient>(provider.GetRequiredService<IPiApiClient>());
        Assert.Same(TimeProvider.System, provider.GetRequiredService<TimeProvider>());
    }

    [Fact]
    public void AnExistingTimeProviderIsKept()
    {
        var clock = new FixedTimeProvider(DateTimeOffset.UnixEpoch);
        var services = new ServiceCollection().AddSingleton<TimeProvider>(clock);

        services.AddPiApiClient(new ConfigurationBuilder().Build());

        using var provider = services.BuildServiceProvider();
        Assert.Same(clock, provider.GetRequiredService<TimeProvider>());
    }

    [Theory]
    [InlineData(null, null, null, "ApiKey")]
    [InlineData("   ", null, null, "ApiKey")]
    [InlineData("k", "/relative", null, "BaseUrl")]
    [InlineData("k", "ftp://api.piapi.ai", null, "BaseUrl")]
    [InlineData("k", null, "00:00:00", "Timeout")]
    [InlineData("k", null, "01:00:00", "Timeout")]
    public async Task InvalidSettingsStopTheHostFromStarting(string? apiKey, string? baseUrl, string? timeout, string expectedMember)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["PiApi:ApiKey"] = apiKey,
            ["PiApi:BaseUrl"] = baseUrl,
            ["PiApi:Timeout"] = timeout,
        });
        builder.Services.AddPiApiClient(builder.Configuration);
        using var host = builder.Build();

        var exception = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(expectedMember, exception.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider BuildProvider(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddPiApiClient(configuration).BuildServiceProvider();
    }
}
