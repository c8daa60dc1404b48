using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Azure.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using VideoVault.Archiving;
using VideoVault.Benchmarks.Infrastructure;
using VideoVault.Storage;

namespace VideoVault.Benchmarks.Archive;

/// <summary>The child-process side: performs one copy with one variant and prints its figures as JSON.</summary>
internal static class CopyChild
{
    private const int LimitBlockSize = 8 * 1024 * 1024;

    /// <param name="args">variant, source URL, connection string, container, blob name.</param>
    public static async Task<int> RunAsync(string[] args)
    {
        var variant = Enum.Parse<CopyVariant>(args[0], ignoreCase: true);
        var source = new Uri(args[1]);
        var connection = StorageConnection.Parse(args[2]);
        var (container, blob) = (args[3], args[4]);
        await new BlobStore(connection, new StorageClientOptions(), TimeProvider.System).CreateContainerIfNotExistsAsync(container, CancellationToken.None);

        using var monitor = ResourceMonitor.Start();
        var clock = Stopwatch.StartNew();
        var bytes = variant switch
        {
            CopyVariant.Archiver => await ArchiverAsync(source, connection, container, blob),
            CopyVariant.Limit => await LimitAsync(source, connection, container, blob),
            _ => await NaiveAsync(source, connection, container, blob),
        };
        clock.Stop();
        var run = new CopyRun(variant.ToString().ToLowerInvariant(), bytes, clock.Elapsed.TotalSeconds, monitor.PeakRssGrowth, monitor.AllocatedBytes);
        Console.WriteLine(JsonSerializer.Serialize(run, CopyRunJsonContext.Default.CopyRun));
        return 0;
    }

    private static async Task<long> ArchiverAsync(Uri source, StorageConnection connection, string container, string blob)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Archive:AllowedHosts:0"] = "127.0.0.1",
        }).Build();
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<IBlobStore>(new BlobStore(connection, new StorageClientOptions(), TimeProvider.System))
            .AddVideoArchiver(configuration)
            .BuildServiceProvider();
        var outcome = await services.GetRequiredService<IVideoArchiver>().ArchiveAsync(new ArchiveRequest("bench", source, container, blob), CancellationToken.None);
        return outcome.Upload?.Length ?? throw new InvalidOperationException($"The archiver failed: {outcome.Reason}");
    }

    private static async Task<long> LimitAsync(Uri source, StorageConnection connection, string container, string blob)
    {
        using var http = new HttpClient();
        using var response = await http.GetAsync(source, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync();
        var client = new StorageServiceClient(connection.BlobEndpoint, connection, SharedKeyFlavor.BlobOrQueue, new StorageClientOptions(), TimeProvider.System);
        var path = $"{container}/{blob}";
        var buffer = new byte[LimitBlockSize];
        var ids = new List<string>();
        long total = 0;
        int read;
        while ((read = await body.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false)) > 0)
        {
            var id = Convert.ToBase64String(Encoding.ASCII.GetBytes(ids.Count.ToString("D8", CultureInfo.InvariantCulture)));
            using var put = client.CreateMessage(RequestMethod.Put, path);
            put.Request.Uri.AppendQuery("comp", "block");
            put.Request.Uri.AppendQuery("blockid", id);
            put.Request.Content = RequestContent.Create(new ReadOnlyMemory<byte>(buffer, 0, read));
            await client.SendAsync(put, CancellationToken.None, 201);
            ids.Add(id);
            total += read;
        }

        using var commit = client.CreateMessage(RequestMethod.Put, path);
        commit.Request.Uri.AppendQuery("comp", "blocklist");
        commit.Request.Content = RequestContent.Create(Encoding.UTF8.GetBytes(new XElement("BlockList", ids.Select(i => new XElement("Latest", i))).ToString()));
        await client.SendAsync(commit, CancellationToken.None, 201);
        return total;
    }

    private static async Task<long> NaiveAsync(Uri source, StorageConnection connection, string container, string blob)
    {
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        var bytes = await http.GetByteArrayAsync(source);
        var client = new StorageServiceClient(connection.BlobEndpoint, connection, SharedKeyFlavor.BlobOrQueue, new StorageClientOptions(), TimeProvider.System);
        using var put = client.CreateMessage(RequestMethod.Put, $"{container}/{blob}");
        put.Request.Headers.SetValue("x-ms-blob-type", "BlockBlob");
        put.Request.Content = RequestContent.Create(bytes);
        await client.SendAsync(put, CancellationToken.None, 201);
        return bytes.Length;
    }
}
