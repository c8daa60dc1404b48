namespace VideoVault.Archiving;

/// <summary>An open, sniffed video response: its body (from the first byte) and the content type to store it with.</summary>
internal sealed class VideoDownload(HttpResponseMessage response, Stream content, string contentType) : IDisposable
{
    public Stream Content => content;

    public string ContentType => contentType;

    /// <summary>The length the video host declared, if it did.</summary>
    public long? DeclaredLength => response.Content.Headers.ContentLength;

    public void Dispose()
    {
        content.Dispose();
        response.Dispose();
    }
}
