using System.Net.Http.Headers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using VideoVault.Archiving;

namespace VideoVault.Tests.Archiving;

/// <summary>
/// The archiver as the app registers it (AddVideoArchiver), over a recording blob store, in an app
/// that has (carelessly) configured credentials as defaults for every HttpClient.
/// </summary>
internal sealed class ArchiverHost : IDisposable
{
    public const long MaxVideoBytes = 4 * 1024 * 1024;
    public const int BlockSize = 1024 * 1024;
    public const int MaxConcurrency = 2;
    public const int MaxRedirects = 3;

    /// <summary>Generous, so that a cold first request (JIT, first connection) never trips it by accident.</summary>
    public static readonly TimeSpan DefaultIdleTimeout = TimeSpan.FromSeconds(5);

    private readonly ServiceProvider _provider;

    public ArchiverHost(params string[] allowedHosts)
        : this(DefaultIdleTimeout, allowedHosts)
    {
    }

    public ArchiverHost(TimeSpan idleTimeout, params string[] allowedHosts)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Archive:MaxVideoBytes"] = MaxVideoBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Archive:BlockSize"] = BlockSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Archive:MaxConcurrency"] = MaxConcurrency.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Archive:MaxRedirects"] = MaxRedirects.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Archive:IdleTimeout"] = idleTimeout.ToString(),
            ["Archive:ConnectTimeout"] = "00:00:05",
        };
        for (var index = 0; index < allowedHosts.Length; index++)
        {
            settings[$"Archive:AllowedHosts:{index}"] = allowedHosts[index];
        }

        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(new FakeLoggerProvider(Logs)));
        services.ConfigureHttpClientDefaults(client => client.ConfigureHttpClient(http =>
        {
            http.DefaultRequestHeaders.Add("X-API-Key", "PIAPI-KEY");
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "PIAPI-TOKEN");
        }));
        services.AddSingleton(BlobStore.Mock.Object);
        services.AddSingleton(TestDns.Resolver);
        services.AddVideoArchiver(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        _provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        Archiver = _provider.GetRequiredService<IVideoArchiver>();
    }

    public RecordingBlobStore BlobStore { get; } = new();

    public FakeLogCollector Logs { get; } = new();

    public IVideoArchiver Archiver { get; }

    /// <summary>Bounded in time: a regression in a limit (cap, idle timeout) fails the test instead of hanging the run.</summary>
    public Task<ArchiveOutcome> ArchiveAsync(Uri source, string blobName = "videos/2025/01/01/task-1.mp4") =>
        Archiver.ArchiveAsync(new ArchiveRequest("task-1", source, blobName), CancellationToken.None)
            .WaitAsync(TimeSpan.FromSeconds(15));

    public void Dispose() => _provider.Dispose();
}
