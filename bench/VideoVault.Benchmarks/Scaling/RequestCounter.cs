using Azure.Core;
using Azure.Core.Pipeline;

namespace VideoVault.Benchmarks.Scaling;

/// <summary>
/// Counts the storage operations a client issues. Added per call, before the retry policy, so a
/// retried request counts once: the figure is what the code asked for, not what the network carried.
/// </summary>
internal sealed class RequestCounter : HttpPipelineSynchronousPolicy
{
    private long _count;

    public long Count => Interlocked.Read(ref _count);

    public override void OnSendingRequest(HttpMessage message) => Interlocked.Increment(ref _count);
}
