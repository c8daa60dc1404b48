using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using VideoVault.PiApi;

namespace VideoVault.Tests.PiApi;

/// <summary>An <see cref="IPiApiClient"/> (and <see cref="PiApiChatClient"/>) built the way the app builds it, through <see cref="PiApiServiceCollectionExtensions.AddPiApiClient"/>.</summary>
internal sealed class PiApiClientHarness : IDisposable
{
    public const string ApiKey = "test-key-3f9a1c";

    private readonly ServiceProvider provider;

    public PiApiClientHarness(Uri baseUrl, TimeSpan? timeout = null, TimeProvider? timeProvider = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["PiApi:BaseUrl"] = baseUrl.ToString(),
                ["PiApi:ApiKey"] = ApiKey,
                ["PiApi:Timeout"] = (timeout ?? TimeSpan.FromSeconds(10)).ToString(),
            })
            .Build();

        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(new FakeLoggerProvider(Logs)));
        if (timeProvider is not null)
        {
            services.AddSingleton(timeProvider);
        }

        services.AddPiApiClient(configuration);
        provider = services.BuildServiceProvider(validateScopes: true);
        Client = provider.GetRequiredService<IPiApiClient>();
    }

    public IPiApiClient Client { get; }

    public PiApiChatClient ChatClient => provider.GetRequiredService<PiApiChatClient>();

    public FakeLogCollector Logs { get; } = new();

    public void Dispose() => provider.Dispose();
}
