using System.Diagnostics;

namespace VideoVault.PiApi;

/// <summary>
/// An open chat completions stream: the SSE body, the response that owns its connection and the call's
/// span, which ends when the stream is disposed.
/// </summary>
internal sealed class PiApiChatStream(HttpResponseMessage response, Stream body, Activity? call = null) : IDisposable
{
    public Stream Body { get; } = body;

    public void Dispose()
    {
        Body.Dispose();
        response.Dispose();
        if (call is not null)
        {
            // Stopping a span makes current again the one that was when it started: the disposer's own stays current.
            var current = Activity.Current;
            call.Dispose();
            Activity.Current = current;
        }
    }
}
