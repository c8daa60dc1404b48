using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using VideoVault.Events;
using VideoVault.Hosting;
using VideoVault.Storage;
using VideoVault.Tests.PiApi;

namespace VideoVault.Tests.Storage;

/// <summary>Creating the app's storage at start-up is a best effort: storage that does not answer neither stops nor delays the start.</summary>
public sealed class StorageResourceCreationTests
{
    [Fact]
    public async Task Storage_that_refuses_connections_costs_one_warning_and_never_holds_up_the_start()
    {
        var port = PiApiClientTests.ClosedPort();
        var endpoints = $"BlobEndpoint=http://127.0.0.1:{port}/a;QueueEndpoint=http://127.0.0.1:{port}/a;TableEndpoint=http://127.0.0.1:{port}/a";
        var clients = new StorageClientFactory(Options.Create(new StorageConnectionSettings
        {
            Name = VideoVaultServiceCollectionExtensions.StorageConnectionName,
            ConnectionString = $"DefaultEndpointsProtocol=http;AccountName=a;AccountKey=c2VjcmV0LWtleQ==;{endpoints}",
        }));
        var logger = new FakeLogger<StorageResourceCreation>();
        using var creation = new StorageResourceCreation(clients, Options.Create(new VideoVaultOptions()), Options.Create(new EventOptions()), logger);
        var stopwatch = Stopwatch.StartNew();

        await creation.StartAsync(CancellationToken.None);
        var started = stopwatch.Elapsed;
        await creation.ExecuteTask!;

        Assert.True(started < TimeSpan.FromSeconds(1), $"The start waited {started} for storage.");
        var warning = Assert.Single(logger.Collector.GetSnapshot());
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Null(warning.Exception);
        Assert.Contains("created on first use instead", warning.Message, StringComparison.Ordinal);
    }
}
