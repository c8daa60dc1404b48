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
    public async Task Stop_makes_requests_fail_and_restart_brings_back_the_same_endpoints_and_data()
    {
        await using var azurite = await AzuriteProcess.StartAsync();
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
    }

    [Fact]
    public async Task Two_instances_get_their_own_ports_and_dispose_removes_the_data_folder()
    {
        var first = await AzuriteProcess.StartAsync();
        string location;
        await using (var second = await AzuriteProcess.StartAsync())
        {
            location = first.Location;
            Uri[] firstEndpoints = [first.BlobEndpoint, first.QueueEndpoint, first.TableEndpoint];
            Uri[] secondEndpoints = [second.BlobEndpoint, second.QueueEndpoint, second.TableEndpoint];
            Assert.Empty(firstEndpoints.Select(u => u.Port).Intersect(secondEndpoints.Select(u => u.Port)));
            Assert.Equal(3, firstEndpoints.Select(u => u.Port).Distinct().Count());
            Assert.NotEqual(first.Location, second.Location);
        }

        await first.DisposeAsync();

        Assert.False(first.IsRunning);
        Assert.False(Directory.Exists(location));
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
