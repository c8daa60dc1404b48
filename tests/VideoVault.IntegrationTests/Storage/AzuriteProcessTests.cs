using System.Diagnostics;
using Azure;
using VideoVault.IntegrationTests.Infrastructure;
using VideoVault.Storage;
using Xunit.Abstractions;

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
        // No retries: a stopped Azurite should fail fast instead of after the default backoff.
        var options = new StorageClientOptions { Retry = { MaxRetries = 0 } };
        var blobs = StorageStores.Blob(azurite.Connection, options);
        var tables = StorageStores.Table(azurite.Connection, options);
        var queues = StorageStores.Queue(azurite.Connection, options: options);
        var name = AzuriteFixture.NewName("restart");
        await blobs.CreateContainerIfNotExistsAsync(name, CancellationToken.None);
        await blobs.UploadAsync(name, "kept.bin", new MemoryStream([1, 2, 3]), new(), CancellationToken.None);
        await tables.CreateTableIfNotExistsAsync(name, CancellationToken.None);
        await tables.InsertAsync(name, new TableEntity("p", "r") { ["Status"] = "kept" }, CancellationToken.None);
        await queues.CreateQueueIfNotExistsAsync(name, CancellationToken.None);
        await queues.SendAsync(name, "kept", null, null, CancellationToken.None);
        var endpoint = azurite.BlobEndpoint;

        var stopwatch = Stopwatch.StartNew();
        await azurite.StopAsync();
        var stopped = stopwatch.Elapsed;
        var down = await Assert.ThrowsAsync<RequestFailedException>(() => blobs.GetPropertiesAsync(name, "kept.bin", CancellationToken.None));
        stopwatch.Restart();
        await azurite.RestartAsync();
        output.WriteLine($"stop {stopped.TotalSeconds:F2} s, restart {stopwatch.Elapsed.TotalSeconds:F2} s");

        Assert.Equal(0, down.Status);
        Assert.True(azurite.IsRunning);
        Assert.Equal(endpoint, azurite.BlobEndpoint);
        Assert.Equal(3, (await blobs.GetPropertiesAsync(name, "kept.bin", CancellationToken.None))?.Length);
        Assert.Equal("kept", (await tables.GetEntityAsync(name, "p", "r", CancellationToken.None))?.GetString("Status"));
        Assert.Equal("kept", Assert.Single(await queues.ReceiveAsync(name, 1, TimeSpan.FromSeconds(30), CancellationToken.None)).Text);

        // A crash (kill) and restart: what the graceful stop saved is still there.
        await azurite.KillAsync();
        Assert.False(azurite.IsRunning);
        await azurite.RestartAsync();
        Assert.Equal(3, (await blobs.GetPropertiesAsync(name, "kept.bin", CancellationToken.None))?.Length);

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
}
