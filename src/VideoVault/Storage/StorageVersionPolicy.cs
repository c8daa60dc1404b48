using Azure.Core;
using Azure.Core.Pipeline;

namespace VideoVault.Storage;

internal sealed class StorageVersionPolicy : HttpPipelineSynchronousPolicy
{
    public override void OnSendingRequest(HttpMessage message) =>
        message.Request.Headers.SetValue("x-ms-version", StorageServiceVersion.Current);
}
