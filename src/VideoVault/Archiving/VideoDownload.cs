namespace VideoVault.Archiving;

/// <summary>An open, sniffed video response: its body (from the first byte) and the content type to store it with.</summary>
internal sealed class VideoDownload(HttpResponseMessage response, Stream content, string contentType) : IDisposable
{
    public Stream Content => content;

    public string ContentType => contentType;

    public void Dispose()
    {
        content.Dispose();
        response.Dispose();
    }
}
