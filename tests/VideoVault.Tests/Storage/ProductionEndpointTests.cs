using VideoVault.Storage;

namespace VideoVault.Tests.Storage;

/// <summary>
/// Azurite's path-style endpoints (http://127.0.0.1:port/account) hide mistakes with host-only production
/// endpoints (https://account.blob.core.windows.net), whose URI prints with a trailing slash.
/// </summary>
public sealed class ProductionEndpointTests
{
    private const string Key = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private static readonly StorageConnection Connection = StorageConnection.Parse($"AccountName=vault;AccountKey={Key}");

    [Fact]
    public async Task A_service_sas_url_has_a_single_slash_after_the_host()
    {
        var store = new BlobStore(Connection, new StorageClientOptions(), TimeProvider.System);

        var sas = await store.CreateReadSasUriAsync("videos", "2025/a.mp4", TimeSpan.FromMinutes(5), CancellationToken.None);

        Assert.Equal("https://vault.blob.core.windows.net/videos/2025/a.mp4", sas.GetLeftPart(UriPartial.Path));
        Assert.Equal("https", System.Web.HttpUtility.ParseQueryString(sas.Query)["spr"]);
    }

    [Fact]
    public async Task Requests_go_to_paths_right_under_the_host()
    {
        var transport = new RecordingTransport(_ => new CannedResponse(404), _ => new CannedResponse(404), _ => new CannedResponse(201));
        var options = new StorageClientOptions { Transport = transport };

        await new BlobStore(Connection, options, TimeProvider.System).GetPropertiesAsync("videos", "a.mp4", CancellationToken.None);
        await new TableStore(Connection, options, TimeProvider.System).GetEntityAsync("tasks", "p", "r", CancellationToken.None);
        await new QueueStore(Connection, options, TimeProvider.System).CreateQueueIfNotExistsAsync("work", CancellationToken.None);

        Assert.Equal("https://vault.blob.core.windows.net/videos/a.mp4", transport.Sent[0].Uri.AbsoluteUri);
        Assert.Equal("https://vault.table.core.windows.net/tasks(PartitionKey='p',RowKey='r')", transport.Sent[1].Uri.AbsoluteUri);
        Assert.Equal("https://vault.queue.core.windows.net/work", transport.Sent[2].Uri.AbsoluteUri);
    }
}
