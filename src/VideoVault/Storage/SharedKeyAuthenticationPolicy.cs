using System.Globalization;
using Azure.Core;
using Azure.Core.Pipeline;

namespace VideoVault.Storage;

/// <summary>Signs every attempt (retries included, so x-ms-date stays fresh) with the account key.</summary>
internal sealed class SharedKeyAuthenticationPolicy(StorageSharedKeyCredential credential, SharedKeyFlavor flavor, TimeProvider timeProvider)
    : HttpPipelineSynchronousPolicy
{
    public override void OnSendingRequest(HttpMessage message)
    {
        var request = message.Request;
        request.Headers.SetValue("x-ms-date", timeProvider.GetUtcNow().ToString("R", CultureInfo.InvariantCulture));
        var signature = credential.Sign(SharedKeyStringToSign.For(flavor, request, credential.AccountName));
        request.Headers.SetValue(HttpHeader.Names.Authorization, $"SharedKey {credential.AccountName}:{signature}");
    }
}
