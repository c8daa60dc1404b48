using System.Web;
using VideoVault.Storage;

namespace VideoVault.Tests.Storage;

/// <summary>
/// Listing follows NextMarker across pages. Azurite pages at 5,000 blobs, too many to upload in a test,
/// so the pages are canned here.
/// </summary>
public sealed class BlobListPagingTests
{
    private static CannedResponse Page(string marker, params (string Name, long Length)[] blobs) => new(
        200,
        "\uFEFF<?xml version=\"1.0\" encoding=\"utf-8\"?><EnumerationResults ContainerName=\"videos\"><Prefix>2025/</Prefix><Blobs>" +
        string.Concat(blobs.Select(b => $"<Blob><Name>{b.Name}</Name><Properties><Content-Length>{b.Length}</Content-Length></Properties></Blob>")) +
        $"</Blobs><NextMarker>{marker}</NextMarker></EnumerationResults>");

    [Fact]
    public async Task Every_page_is_requested_with_the_previous_marker_until_none_is_left()
    {
        var transport = new RecordingTransport(
            _ => Page("2!72!MDAwMDEx&amp;x", ("2025/a.mp4", 1), ("2025/b &amp; c.mp4", 2)),
            _ => Page(string.Empty, ("2025/c.mp4", 3)));
        var store = new BlobStore(StorageConnection.Parse("UseDevelopmentStorage=true"), new StorageClientOptions { Transport = transport }, TimeProvider.System);

        var blobs = await store.ListAsync("videos", "2025/", CancellationToken.None).ToListAsync();

        Assert.Equal([new BlobItem("2025/a.mp4", 1), new BlobItem("2025/b & c.mp4", 2), new BlobItem("2025/c.mp4", 3)], blobs);
        Assert.Equal(2, transport.Sent.Count);
        var first = HttpUtility.ParseQueryString(transport.Sent[0].Uri.Query);
        var second = HttpUtility.ParseQueryString(transport.Sent[1].Uri.Query);
        Assert.Equal("container", first["restype"]);
        Assert.Equal("list", first["comp"]);
        Assert.Equal("2025/", first["prefix"]);
        Assert.Null(first["marker"]);
        Assert.Equal("2!72!MDAwMDEx&x", second["marker"]);
        Assert.Equal("2025/", second["prefix"]);
    }
}
