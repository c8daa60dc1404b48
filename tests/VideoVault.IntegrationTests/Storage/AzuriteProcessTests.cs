using System.Diagnostics;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Xunit.Abstractions;
using VideoVault.IntegrationTests.Infrastructure;
using VideoVault.Storage;
using VideoVault.Tasks;

namespace VideoVault.IntegrationTests.Storage;

/// <summary>The fixture other suites rely on for outage tests: stop, restart on the same ports, keep the data.</summary>
public sealed class AzuriteProcessTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Stop_kill_and_restart_keep_endpoints_and_data_and_dispose_cleans_up()
    {
        // The suite already runs several Azurites side by side (this one, the shared one, the OAuth one),
        // which only works because each gets its own free ports.
        // Disposed explicitly below to check the clean-up, and by the using if an assertion fails first.
        await using var azurite = await AzuriteProcess.StartAsync();
        int[] ports = [azurite.BlobEndpoint.Port, azurite.QueueEndpoint.Port, azurite.TableEndpoint.Port];
        Assert.Equal(3, ports.Distinct().Count());
        Assert.DoesNotContain(10000, ports);

        // No retries: a stopped Azurite should fail fast instead of after the product's backoff.
        var name = AzuriteFixture.NewName("restart");
        var container = new BlobServiceClient(azurite.ConnectionString, NoRetries(new BlobClientOptions(StorageClientFactory.BlobVersion))).GetBlobContainerClient(name);
        var table = new TableServiceClient(azurite.ConnectionString, NoRetries(new TableClientOptions(StorageClientFactory.TableVersion))).GetTableClient(name);
        var queue = new QueueServiceClient(azurite.ConnectionString, NoRetries(new QueueClientOptions(StorageClientFactory.QueueVersion))).GetQueueClient(name);
        await container.CreateIfNotExistsAsync();
        await container.UploadBlobAsync("kept.bin", BinaryData.FromBytes([1, 2, 3]));
        await table.CreateIfNotExistsAsync();
        await table.AddEntityAsync(new TableEntity("p", "r") { ["Status"] = "kept" });
        await queue.CreateIfNotExistsAsync();
        await queue.SendMessageAsync("kept");
        var endpoint = azurite.BlobEndpoint;

        var stopwatch = Stopwatch.StartNew();
        await azurite.StopAsync();
        var stopped = stopwatch.Elapsed;
        var down = await Assert.ThrowsAsync<RequestFailedException>(() => container.GetBlobClient("kept.bin").GetPropertiesAsync());
        stopwatch.Restart();
        await azurite.RestartAsync();
        output.WriteLine($"stop {stopped.TotalSeconds:F2} s, restart {stopwatch.Elapsed.TotalSeconds:F2} s");

        Assert.Equal(0, down.Status);
        Assert.True(StorageOutage.IsOutage(down));
        Assert.True(azurite.IsRunning);
        Assert.Equal(endpoint, azurite.BlobEndpoint);
        Assert.Equal(3, (await container.GetBlobClient("kept.bin").GetPropertiesAsync()).Value.ContentLength);
        Assert.Equal("kept", (await table.GetEntityAsync<TableEntity>("p", "r")).Value.GetString("Status"));
        Assert.Equal("kept", Assert.Single((await queue.ReceiveMessagesAsync(1, TimeSpan.FromSeconds(30))).Value).MessageText);

        // A crash (kill) and restart: what the graceful stop saved is still there.
        await azurite.KillAsync();
        Assert.False(azurite.IsRunning);
        await azurite.RestartAsync();
        Assert.Equal(3, (await container.GetBlobClient("kept.bin").GetPropertiesAsync()).Value.ContentLength);

        await azurite.DisposeAsync();

        Assert.False(azurite.IsRunning);
        Assert.False(Directory.Exists(azurite.Location));
    }

    [Fact]
    public void Names_are_valid_for_containers_tables_and_queues()
    {
        string[] names = [AzuriteFixture.NewName("Video-Vault_Tasks!"), AzuriteFixture.NewName(""), AzuriteFixture.NewName("123"), AzuriteFixture.NewName(new string('x', 100))];

        Assert.All(names, name => Assert.Matches("^[a-z][a-z0-9]{2,39}$", name));
        Assert.Equal(names.Length, names.Distinct().Count());
        Assert.StartsWith("videovaulttasks", names[0], StringComparison.Ordinal);
    }

    private static T NoRetries<T>(T options)
        where T : Azure.Core.ClientOptions
    {
        options.Retry.MaxRetries = 0;
        return options;
    }
}
