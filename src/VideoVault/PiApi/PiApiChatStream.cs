namespace VideoVault.PiApi;

/// <summary>An open chat completions stream: the SSE body and the response that owns its connection.</summary>
internal sealed class PiApiChatStream(HttpResponseMessage response, Stream body) : IDisposable
{
    public Stream Body { get; } = body;

    public void Dispose()
    {
        Body.Dispose();
        response.Dispose();
    }
}
